import { paidButUnpaid } from "./dialogue/pay.ts";
import { answerFromKnowledge, clarify, productAnswer, smallTalk } from "./dialogue/answers.ts";
import { say, type Outcome, type TurnAction, type TurnContext } from "./dialogue/context.ts";
import { handOff, handoffReason } from "./dialogue/handoff.ts";
import { continueOrderTask, promptOrderTask, startOrderTask } from "./dialogue/order-tasks.ts";
import { continuePlaceOrder, promptPlaceOrder, startPlaceOrder } from "./dialogue/place-order.ts";
import { isNeverMind } from "./dialogue/signals.ts";
import { loadState, type DialogueState } from "./dialogue/state.ts";
import type { Agent, AgentFailure, HistoryEntry } from "./llm/agent.ts";
import { routeTurn } from "./llm/routing.ts";
import type { Intent } from "./nlu/intents.ts";
import type { Nlu } from "./nlu/nlu.ts";
import type { BotPorts, HandoffRequest, Locale, MerchantInfo, ShopperIdentity } from "./ports.ts";
import { Renderer, type BotReply, type MessageKey } from "./render.ts";

export interface BotTurn {
  conversationId: string;
  text: string;
  action?: TurnAction;
  merchant: MerchantInfo;
  shopper: ShopperIdentity;
  /** The persisted dialogue state of the conversation (any shape: unreadable state restarts). */
  state: unknown;
  /** The locale of the session, used when the message itself does not tell. */
  locale?: Locale;
  now?: Date;
  /** Earlier messages of the conversation, oldest first; read only when the model answers (the local engine keeps its own state). */
  history?: () => Promise<HistoryEntry[]>;
  /** The model's reply so far while it is being written, for streaming; "" withdraws it. */
  onDraft?: (text: string) => void;
}

export interface BotTurnResult {
  replies: BotReply[];
  state: DialogueState;
  locale: Locale;
  intent: Intent;
  confidence: number;
  handoff?: HandoffRequest["reason"];
  articleId?: string;
  fallback: boolean;
  /** Who answered: the local engine, the model, or the local engine after the model failed. */
  path: "local" | "model" | "fallback";
  /** Why the model did not answer, when `path` is "fallback". */
  modelFailure?: AgentFailure;
  /** The tools the model called this turn. */
  toolCalls?: string[];
}

export interface Bot {
  reply(turn: BotTurn): Promise<BotTurnResult>;
  /** The greeting a new conversation opens with. */
  greeting(merchant: MerchantInfo, locale: Locale, shopperName?: string): BotReply;
}

/** Below this the classifier's top intent is a guess: retrieval and clarification take over. */
const CONFIDENT = 0.45;
const FALLBACKS_BEFORE_HANDOFF = 2;

const ORDER_TASKS = new Set<Intent>(["track_order", "cancel_order", "change_shipping_address", "get_refund", "track_refund", "change_order"]);
const PRODUCT_INTENTS = new Set<Intent>(["product_search", "product_info", "recommend"]);

/**
 * The local conversational engine: NLU, then handoff rules, then the active form (with
 * digressions), then the intent's journey or a cited help-center answer. Pure apart from
 * its ports; the caller persists `state` and the replies.
 */
export function createBot(nlu: Nlu, ports: BotPorts, options: { agent?: Agent } = {}): Bot {
  return {
    greeting(merchant, locale, shopperName) {
      const r = new Renderer(locale, merchant.timezone);
      const text = shopperName ? r.text("greet_known", { name: shopperName, shop: merchant.name }) : r.text("greet", { shop: merchant.name });
      return say(text, [r.quickReplies(["qr_track", "qr_products", "qr_returns", "qr_human"])]);
    },

    async reply(turn) {
      const state = loadState(turn.state);
      state.turn++;
      const catalog = await ports.commerce.catalog(turn.merchant.id);
      const text = turn.text.slice(0, 4000);
      const parsed = nlu.parse(text, { catalog, now: turn.now });
      const locale = chooseLocale(withoutEntities(text, parsed), state.locale ?? turn.locale ?? turn.merchant.defaultLocale);
      state.locale = locale;
      const ctx: TurnContext = {
        text,
        action: turn.action,
        merchant: turn.merchant,
        shopper: turn.shopper,
        conversationId: turn.conversationId,
        state,
        nlu: parsed,
        r: new Renderer(locale, turn.merchant.timezone),
        ports,
        catalog,
        now: turn.now ?? new Date(),
        parse: (piece) => nlu.parse(piece, { catalog, now: turn.now }),
      };
      const { agent } = options;
      let path: BotTurnResult["path"] = "local";
      let model: Awaited<ReturnType<Agent["answer"]>> | undefined;
      let outcome: Outcome | undefined;
      if (agent && routeTurn(ctx) === "model") {
        // The model works on a copy of the state: kept if it answered; if not, only what it cost is.
        const trial = structuredClone(state);
        model = await agent.answer({ ...ctx, state: trial }, { history: (await turn.history?.()) ?? [], onDraft: turn.onDraft });
        if (model.ok) {
          Object.assign(state, trial);
          outcome = model.outcome;
          path = "model";
        } else {
          state.llm = trial.llm;
          path = "fallback";
        }
      }
      outcome ??= await respond(ctx);
      if (outcome.fallback) state.fallbacks++;
      else if (!outcome.handoff) state.fallbacks = 0;
      if (outcome.articleId) state.lastArticleId = outcome.articleId;
      let { replies } = outcome;
      let handoff = outcome.handoff;
      if (!handoff && state.fallbacks >= FALLBACKS_BEFORE_HANDOFF) {
        const human = await handOff(ctx, "fallback");
        replies = [...replies, ...human.replies];
        handoff = "fallback";
      }
      if (replies.length === 0 || replies.some((r) => !r.text.trim())) throw new Error("the bot produced an empty reply");
      return {
        replies,
        state,
        locale,
        intent: outcome.intent ?? parsed.intent.name,
        confidence: parsed.intent.confidence,
        handoff,
        articleId: outcome.articleId,
        fallback: Boolean(outcome.fallback),
        path,
        ...(model && !model.ok ? { modelFailure: model.reason } : {}),
        ...(model?.toolCalls.length ? { toolCalls: model.toolCalls } : {}),
      };
    },
  };
}

async function respond(ctx: TurnContext): Promise<Outcome> {
  const { state, nlu, r } = ctx;
  const confirmedOrder = ctx.action?.type === "confirm" ? state.confirmed[ctx.action.token] : undefined;
  if (confirmedOrder) return replayConfirmed(ctx, confirmedOrder);
  if (state.form && (isNeverMind(ctx.text) || ctx.action?.type === "cancel")) {
    state.form = undefined;
    return { replies: [say(r.text("form_cancelled"))] };
  }
  const paidCheck = await paidButUnpaid(ctx);
  if (paidCheck) return paidCheck;
  const reason = handoffReason(ctx);
  if (reason) return handOff(ctx, reason);
  if (ctx.action?.type === "select_product") return startPlaceOrder(ctx, ctx.action.productId);

  const form = state.form;
  if (form) {
    const answered = form.name === "place_order" ? await continuePlaceOrder(ctx, form) : await continueOrderTask(ctx, form);
    if (answered) return { ...answered, intent: answered.intent ?? form.name };
    // Another order journey is a change of topic, not an aside: the old form gives way.
    const switching = nlu.intent.confidence >= CONFIDENT && nlu.intent.name !== form.name && (ORDER_TASKS.has(nlu.intent.name) || nlu.intent.name === "place_order");
    if (switching) {
      state.form = undefined;
      return route(ctx, false);
    }
    // Not an answer to the form's question: a digression. Answer it, then ask again.
    const aside = await route(ctx, true);
    if (state.form === form) {
      const quiet: TurnContext = { ...ctx, nlu: { ...ctx.nlu, entities: [] } };
      const again = form.name === "place_order" ? await promptPlaceOrder(quiet, form) : await promptOrderTask(quiet, form);
      const task = r.text(`task_${form.name}` as MessageKey);
      return { ...aside, replies: [...aside.replies, say(`${r.text("form_resume", { task })} ${again.replies[0]?.text ?? ""}`.trim(), again.replies[0]?.blocks)] };
    }
    return aside;
  }
  const clauses = splitClauses(ctx.text);
  if (clauses.length < 2) return route(ctx, false);
  // Several requests in one message: the first leads; the help center answers the rest.
  const firstParsed = ctx.parse(clauses[0]!);
  const lead = firstParsed.intent.confidence >= CONFIDENT ? { ...ctx, text: clauses[0]!, nlu: { ...firstParsed, entities: ctx.nlu.entities } } : ctx;
  return withSecondQuestions(lead, clauses, await route(lead, false));
}

function splitClauses(text: string): string[] {
  return text
    .split(CLAUSES)
    .map((c) => c?.trim())
    .filter((c): c is string => Boolean(c && c.length >= 4));
}

/** Clause boundaries: sentence ends, and "also" / "还有" / "另外" joining two requests. */
const CLAUSES = /(?<=[?!。？！；;])\s*|(?<=\.)\s+|\s*,?\s+(?:and also|also|and then|plus|btw|by the way)\s+|\s*[，,]?\s*(?:还有|另外|顺便问一下|顺便问下|以及)[，,]?\s*/i;
const ANSWERABLE = new Set<Intent>(["check_refund_policy", "track_refund", "delivery_options", "delivery_period", "check_payment_methods", "check_cancellation_fee", "get_invoice", "check_invoice", "price_protection", "coupon", "promotions", "newsletter_subscription", "payment_issue", "contact_customer_service", "create_account", "delete_account", "edit_account", "recover_password", "registration_problems", "switch_account", "set_up_shipping_address", "review"]);

/**
 * Multi-intent messages ("cancel my order, and what's your refund policy?"): the first
 * request is handled as usual; further questions the help center can answer are answered
 * in the same turn, with their own citations.
 */
async function withSecondQuestions(ctx: TurnContext, clauses: string[], first: Outcome): Promise<Outcome> {
  if (first.handoff) return first;
  const answered = new Set<Intent>([ctx.nlu.intent.name, first.intent].filter((i): i is Intent => Boolean(i)));
  const replies = [...first.replies];
  for (const clause of clauses.slice(1, 4)) {
    const parsed = ctx.parse(clause);
    if (parsed.intent.confidence < 0.6 || answered.has(parsed.intent.name) || !ANSWERABLE.has(parsed.intent.name)) continue;
    const answer = await answerFromKnowledge({ ...ctx, text: clause, nlu: parsed }, parsed.intent.name);
    if (!answer) continue;
    answered.add(parsed.intent.name);
    replies.push(...answer.replies);
  }
  return { ...first, replies };
}

/** What the message asks for when no form is waiting for it (or as a digression inside one). */
async function route(ctx: TurnContext, digression: boolean): Promise<Outcome> {
  const { nlu } = ctx;
  const { name, confidence } = nlu.intent;
  const confident = confidence >= CONFIDENT;
  if (confident && !digression) {
    if (name === "place_order") return startPlaceOrder(ctx);
    if (ORDER_TASKS.has(name)) {
      const task = startOrderTask(ctx, name as Parameters<typeof startOrderTask>[1]);
      // "How long does a refund take?" with no order in sight: the policy answers it; the
      // order lookup stands ready for when they give a number.
      const general = name === "track_refund" && !ctx.shopper.verified && !ctx.nlu.entities.some((e) => e.entity === "order_number");
      if (!general) return task;
      const answer = await answerFromKnowledge(ctx, name);
      const lookup = await task;
      return answer ? { ...answer, replies: [...answer.replies, ...lookup.replies] } : lookup;
    }
  }
  if (!digression && ctx.nlu.entities.some((e) => e.entity === "order_number") && (!confident || name === "affirm")) {
    return startOrderTask(ctx, "track_order");
  }
  if (confident && PRODUCT_INTENTS.has(name)) return productAnswer(ctx, name);
  if (confident) {
    const small = smallTalk(ctx, name);
    if (small && !(digression && (name === "affirm" || name === "deny"))) return small;
  }
  const answer = await answerFromKnowledge(ctx, confident ? name : undefined);
  if (answer) return answer;
  if (!confident && ctx.nlu.entities.some((e) => e.entity === "product")) return productAnswer(ctx, "product_search");
  if (confident && ORDER_TASKS.has(name)) return startOrderTask(ctx, name as Parameters<typeof startOrderTask>[1]);
  const question = await clarify(ctx);
  if (question) return question;
  return { replies: [say(ctx.r.text("fallback"), [ctx.r.quickReplies(["qr_track", "qr_products", "qr_human"])])], fallback: true };
}

async function replayConfirmed(ctx: TurnContext, orderId: string): Promise<Outcome> {
  const order = await ctx.ports.commerce.getOrder(ctx.merchant.id, orderId);
  if (!order) return { replies: [say(ctx.r.text("deny_idle"))] };
  return { replies: [say(ctx.r.text("order_status", { number: order.number, status: ctx.r.status(order.status), at: ctx.r.date(order.history.at(-1)?.at ?? order.createdAt) }), [{ type: "order", order: ctx.r.orderCard(order) }])] };
}

/**
 * The reply language follows the shopper: Chinese text answers in Chinese, English in
 * English. Emails, order numbers, SKUs and one-word replies ("ok", "2") say nothing about
 * language and keep the current one.
 */
function chooseLocale(text: string, current: string): Locale {
  if (/\p{Script=Han}/u.test(text)) return "zh-CN";
  if ((text.match(/[a-z]{2,}/gi)?.length ?? 0) >= 2) return "en";
  return current === "zh-CN" ? "zh-CN" : "en";
}

function withoutEntities(text: string, parsed: { entities: { entity: string; start: number; end: number }[] }): string {
  let out = text;
  for (const e of [...parsed.entities].sort((a, b) => b.start - a.start)) {
    if (["email", "order_number", "phone", "money"].includes(e.entity)) out = out.slice(0, e.start) + " " + out.slice(e.end);
  }
  return out.replace(/https?:\/\/\S+/g, " ").replace(/\b[A-Z0-9]+-[A-Z0-9-]+\b/g, " ");
}
