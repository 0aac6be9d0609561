import { answerFromKnowledge } from "./dialogue/help.ts";
import { CONFIDENT, route, STRONG_PRODUCT } from "./dialogue/route.ts";
import { paidButUnpaid } from "./dialogue/pay.ts";
import { say, type Outcome, type TurnAction, type TurnContext } from "./dialogue/context.ts";
import { handOff, handoffReason } from "./dialogue/handoff.ts";
import { continueOrderTask, promptOrderTask } from "./dialogue/order-tasks.ts";
import { continuePlaceOrder, promptPlaceOrder, startPlaceOrder } from "./dialogue/place-order.ts";
import { continuePrivacy, promptPrivacy } from "./dialogue/privacy.ts";
import { isNeverMind } from "./dialogue/signals.ts";
import { loadState, type DialogueState } from "./dialogue/state.ts";
import type { Agent, AgentFailure, HistoryEntry } from "./llm/agent.ts";
import { routeTurn } from "./llm/routing.ts";
import { searchTokens } from "./nlu/features.ts";
import { isAnswerable, isOrderTask, kindOf, topicHint, type Intent } from "./nlu/intents.ts";
import type { Nlu, ParseResult } from "./nlu/nlu.ts";
import type { BotPorts, HandoffRequest, Locale, MerchantInfo, ShopperIdentity, VipBenefits } from "./ports.ts";
import { vipBenefitText } from "./dialogue/vip.ts";
import { Renderer, translate, type BotReply, type MessageKey } from "./render.ts";

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
  /**
   * The language the shopper picked in the widget (its language button, `ChatWidget.setLocale`):
   * it wins over the conversation's last language unless the message is a whole sentence in the other.
   */
  chosenLocale?: Locale;
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
  greeting(merchant: MerchantInfo, locale: Locale, shopperName?: string, vip?: VipBenefits): BotReply;
}

/** Answerable questions missed in a row before a person takes over. */
const FALLBACKS_BEFORE_HANDOFF = 2;

/**
 * The local conversational engine: NLU, then handoff rules, then the active form (with
 * digressions), then the intent's journey or a cited help-center answer. Pure apart from
 * its ports; the caller persists `state` and the replies.
 */
export function createBot(nlu: Nlu, ports: BotPorts, options: { agent?: Agent } = {}): Bot {
  return {
    greeting(merchant, locale, shopperName, vip) {
      const r = new Renderer(locale, merchant.timezone);
      // A known VIP hears their name and what being a VIP gives them.
      const benefit = vip ? vipBenefitText(r, vip) : "";
      const text = shopperName && vip ? r.text("greet_vip", { name: shopperName, shop: merchant.name, benefit }) : shopperName ? r.text("greet_known", { name: shopperName, shop: merchant.name }) : r.text("greet", { shop: merchant.name });
      return say(text, [r.quickReplies(["qr_track", "qr_products", "qr_returns", "qr_human"])]);
    },

    async reply(turn) {
      const state = loadState(turn.state);
      state.turn++;
      const catalog = await ports.commerce.catalog(turn.merchant.id);
      const text = turn.text.slice(0, 4000);
      const parsed = productFirst(nlu.parse(text, { catalog, now: turn.now }), (masked) => nlu.parse(masked, { catalog, now: turn.now }));
      const locale = chooseLocale(withoutEntities(text, parsed), turn.chosenLocale ?? state.locale ?? turn.locale ?? turn.merchant.defaultLocale);
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
        // A knowledge gap is a question: not a name, an address or a phone number typed out of place.
        fallback: Boolean(outcome.fallback) && isQuestionLike(text, parsed),
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
    const answered = form.name === "place_order" ? await continuePlaceOrder(ctx, form) : form.name === "privacy_request" ? await continuePrivacy(ctx, form) : await continueOrderTask(ctx, form);
    if (answered) return { ...answered, intent: answered.intent ?? form.name };
    // Another order journey (or a data request) is a change of topic, not an aside: the old form gives way.
    const switching = nlu.intent.confidence >= CONFIDENT && nlu.intent.name !== form.name && (isOrderTask(nlu.intent.name) || nlu.intent.name === "place_order" || kindOf(nlu.intent.name) === "privacy");
    if (switching) {
      state.form = undefined;
      return route(ctx, false);
    }
    // Not an answer to the form's question: a digression. Answer it, then ask again. What
    // the bot could not read at all is taken as an unclear answer to the form, never a miss.
    const aside = await route(ctx, true);
    if (state.form === form) {
      const quiet: TurnContext = { ...ctx, nlu: { ...ctx.nlu, entities: [] } };
      const again = form.name === "place_order" ? await promptPlaceOrder(quiet, form) : form.name === "privacy_request" ? await promptPrivacy(quiet, form) : await promptOrderTask(quiet, form);
      const task = r.text(`task_${form.name}` as MessageKey);
      const lead = aside.fallback ? [] : aside.replies;
      const resume = aside.fallback ? r.text("form_unclear") : r.text("form_resume", { task });
      return { ...aside, fallback: false, replies: [...lead, say(`${resume} ${again.replies[0]?.text ?? ""}`.trim(), again.replies[0]?.blocks)] };
    }
    return aside;
  }
  const clauses = splitClauses(ctx.text);
  if (clauses.length < 2) return route(ctx, false);
  // Several requests in one message: the first leads; the help center answers the rest.
  const firstParsed = ctx.parse(clauses[0]!);
  // A product request keeps the whole message: "gift ideas for my mom? budget around 100" is one request.
  const alone = firstParsed.intent.confidence >= CONFIDENT && kindOf(firstParsed.intent.name) !== "product" && kindOf(ctx.nlu.intent.name) !== "product";
  const lead = alone ? { ...ctx, text: clauses[0]!, nlu: { ...firstParsed, entities: ctx.nlu.entities } } : ctx;
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
    if (parsed.intent.confidence < 0.6 || answered.has(parsed.intent.name) || !isAnswerable(parsed.intent.name)) continue;
    const answer = await answerFromKnowledge({ ...ctx, text: clause, nlu: parsed }, parsed.intent.name);
    if (!answer) continue;
    answered.add(parsed.intent.name);
    // The first answer may already hold this one (a section that answers both questions): say it once.
    replies.push(...answer.replies.filter((reply) => !replies.some((r) => r.text === reply.text)));
  }
  return { ...first, replies };
}

async function replayConfirmed(ctx: TurnContext, orderId: string): Promise<Outcome> {
  const order = await ctx.ports.commerce.getOrder(ctx.merchant.id, orderId);
  if (!order) return { replies: [say(ctx.r.text("deny_idle"))] };
  return { replies: [say(ctx.r.text("order_status", { number: order.number, status: ctx.r.status(order.status), at: ctx.r.date(order.history.at(-1)?.at ?? order.createdAt) }), [{ type: "order", order: ctx.r.orderCard(order) }])] };
}

/**
 * The reply language: the shopper's (chosen or current) language, unless the message is a
 * whole message in the other one. A few Chinese characters in an English sentence ("do you
 * have 龙井 tea?"), a brand in a Chinese one ("可以用visa卡吗"), emails, order numbers and
 * one-word replies ("ok", "2") keep the current language; a message all in Chinese ("两盒") switches.
 */
export function chooseLocale(text: string, current: Locale): Locale {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[a-z]{2,}/gi) ?? []).length;
  if (current !== "zh-CN" && ((han >= 2 && latin === 0) || (han >= 3 && han >= 2 * latin))) return "zh-CN";
  if (current === "zh-CN" && latin >= 3 && 2 * han < latin) return "en";
  return current === "zh-CN" ? "zh-CN" : "en";
}

/**
 * Product names beat intent words: in "tell me about the noise cancelling earbuds" the
 * classifier sees "cancel". When a catalog product is named strongly, the intent is read
 * again with the name replaced by a neutral "this product"; the message's other words decide.
 */
function productFirst(parsed: ParseResult, reparse: (text: string) => ParseResult): ParseResult {
  const product = parsed.entities.find((e) => e.entity === "product" && (e.value as { score: number }).score >= STRONG_PRODUCT);
  if (!product || kindOf(parsed.intent.name) === "product" || parsed.intent.name === "place_order") return parsed;
  const span = parsed.text.slice(product.start, product.end);
  const locale: Locale = /\p{Script=Han}/u.test(span) ? "zh-CN" : "en";
  // Only when the name itself holds the intent's topic words ("cancelling" for a cancellation
  // fee); "the hoodie is too small, can I swap it" stays an exchange.
  const hint = topicHint(parsed.intent.name, locale);
  const topicWords = new Set(hint ? searchTokens(hint, locale) : []);
  if (!searchTokens(span, locale).some((t) => topicWords.has(t))) return parsed;
  const masked = `${parsed.text.slice(0, product.start)}${translate(locale, "this_product")}${parsed.text.slice(product.end)}`;
  const again = reparse(masked);
  return { ...parsed, intent: again.intent, intent_ranking: again.intent_ranking };
}

function withoutEntities(text: string, parsed: { entities: { entity: string; start: number; end: number }[] }): string {
  let out = text;
  for (const e of [...parsed.entities].sort((a, b) => b.start - a.start)) {
    if (["email", "order_number", "phone", "money"].includes(e.entity)) out = out.slice(0, e.start) + " " + out.slice(e.end);
  }
  return out.replace(/https?:\/\/\S+/g, " ").replace(/\b[A-Z0-9]+-[A-Z0-9-]+\b/g, " ");
}

/** Whether an unanswered message belongs on the knowledge-gaps list: a question or request, not form data. */
function isQuestionLike(text: string, parsed: ParseResult): boolean {
  if (parsed.entities.some((e) => ["email", "phone", "order_number"].includes(e.entity))) return false;
  if (/\d/.test(text) && /\b(road|rd|street|st|avenue|ave|lane|flat|room|apt|building|district)\b|路|街|号|区|室|栋|幢|单元|省|市/i.test(text)) return false;
  if (/[?？]|吗|呢|么|什么|怎么|哪|几|多少|能否|可以|是否|有没有|能不能/.test(text)) return true;
  if (/^(what|how|why|when|where|which|who|can|could|do|does|did|is|are|will|would|should|may|any|please|i need|i want|help)\b/i.test(text.trim())) return true;
  return (text.trim().match(/[A-Za-z]+|\p{Script=Han}/gu) ?? []).length >= 4;
}

