import type { PrivacyKind, PrivacySubject, PrivacySummary } from "../ports.ts";
import type { MessageKey } from "../render.ts";
import { confirmToken, entity, say, type Outcome, type TurnContext } from "./context.ts";
import { CONFIDENT } from "./route.ts";
import { proveOrder } from "./order-tasks.ts";
import { isPlainNo, isPlainYes } from "./signals.ts";
import type { PrivacyTask } from "./state.ts";

/** Order proofs missed in a row before a person takes over (as in the order journeys). */

/** Erasing wins when both are named: the confirmation says what will happen, and "no" stops it. */
const ERASE = /\b(delet|eras|remov|wip(e|ing)|purg|forg[eo]t)\w*|删|清除|清空|抹掉|抹去|销毁|被遗忘/i;
const EXPORT = /\b(export|expot|cop(y|ies)|download|see|show|view|access|portab\w*|what|which|send)\b|导出|导数据|查看|查阅|查询|查一下|查我|副本|下载|哪些|什么|发给我|发我|复制|看看|看一下|调取|存了/i;

/** What the shopper asks for, from their words; undefined when they did not say. */
export function privacyKindOf(text: string): PrivacyKind | undefined {
  if (ERASE.test(text)) return "erasure";
  if (EXPORT.test(text)) return "export";
  return undefined;
}

/**
 * A shopper's data request: which one (a summary with a complete copy, or erasure), then who
 * they are (a verified shopper is; anyone else proves one of their orders, as in the order
 * journeys, under the same caps), then what will happen and their explicit yes. Only then is
 * the request recorded, and an erasure carried out at once when the shop set it so.
 */
export async function startPrivacy(ctx: TurnContext, kind = privacyKindOf(ctx.text)): Promise<Outcome> {
  if (!ctx.ports.privacy) return { replies: [say(ctx.r.text("privacy_unavailable"), [ctx.r.quickReplies(["qr_human"])])], intent: "privacy_request" };
  const task: PrivacyTask = { name: "privacy_request", kind, step: "ask_kind", failedProofs: 0 };
  ctx.state.form = task;
  return { ...(await proceed(ctx, task)), intent: "privacy_request" };
}

/** Feeds one message to the data request; null when the message is not an answer to it. */
export async function continuePrivacy(ctx: TurnContext, task: PrivacyTask): Promise<Outcome | null> {
  const asked = ctx.nlu.intent.name === "privacy_request" && ctx.nlu.intent.confidence >= CONFIDENT;
  const kind = privacyKindOf(ctx.text);
  switch (task.step) {
    case "ask_kind":
      if (!kind) return null;
      task.kind = kind;
      return proceed(ctx, task);
    case "ask_number":
    case "ask_contact": {
      const number = entity<string>(ctx, "order_number");
      const contact = entity<string>(ctx, "email") ?? entity<string>(ctx, "phone");
      if (!number && !contact && !asked) return null;
      // "Actually, just show me my data": the request changes; the proof still stands between.
      if (asked && kind) task.kind = kind;
      return proceed(ctx, task);
    }
    case "confirm": {
      const subject = subjectOf(ctx, task);
      if (!subject) return proceed(ctx, task);
      const { action, text, nlu } = ctx;
      const yes = action?.type === "confirm" ? action.token === task.token : isPlainYes(text) || (nlu.intent.name === "affirm" && nlu.intent.confidence >= 0.6);
      const no = action?.type === "cancel" || isPlainNo(text) || (nlu.intent.name === "deny" && nlu.intent.confidence >= 0.6);
      if (yes) return execute(ctx, task, subject);
      if (no) {
        ctx.state.form = undefined;
        return { replies: [say(ctx.r.text("privacy_cancelled"))] };
      }
      if (asked && kind && kind !== task.kind) {
        task.kind = kind;
        task.token = undefined;
        return proceed(ctx, task);
      }
      return null;
    }
  }
}

/** Asks the request's current question again (after a digression). */
export async function promptPrivacy(ctx: TurnContext, task: PrivacyTask): Promise<Outcome> {
  return proceed({ ...ctx, nlu: { ...ctx.nlu, entities: [] } }, task);
}

/**
 * Who the request is about, from what the conversation proved: the verified shopper, or the
 * customer of an order this conversation proved. Never from what the message says.
 */
function subjectOf(ctx: TurnContext, task: PrivacyTask): PrivacySubject | undefined {
  if (ctx.shopper.verified && ctx.shopper.customerId) return { customerId: ctx.shopper.customerId };
  if (task.orderId && ctx.state.provenOrders.includes(task.orderId)) return { provenOrderId: task.orderId };
  return undefined;
}

/** The next step: what they want, who they are, then what will happen and a yes or no. */
async function proceed(ctx: TurnContext, task: PrivacyTask): Promise<Outcome> {
  const { r } = ctx;
  if (!task.kind) {
    task.step = "ask_kind";
    return { replies: [say(r.text("privacy_ask_kind", { shop: ctx.merchant.name }), [r.quickReplies(["qr_privacy_export", "qr_privacy_erasure"])])] };
  }
  // An order this conversation proved before (tracking it, say) proves who they are already.
  if (!subjectOf(ctx, task) && !(ctx.shopper.verified && ctx.shopper.customerId) && ctx.state.provenOrders.length) task.orderId = ctx.state.provenOrders.at(-1);
  const proof = subjectOf(ctx, task) ?? (await prove(ctx, task));
  if ("replies" in proof) return proof;
  return askConfirm(ctx, task, proof);
}

/**
 * Proof by an order: its number plus the email or phone on it, checked by the same port and
 * caps as the order journeys. An email alone proves nothing (anyone can type one). Failures
 * never say whether an order number exists.
 */
async function prove(ctx: TurnContext, task: PrivacyTask): Promise<PrivacySubject | Outcome> {
  const { r } = ctx;
  const number = entity<string>(ctx, "order_number") ?? task.number;
  if (number) task.number = number;
  const contact = entity<string>(ctx, "email") ?? entity<string>(ctx, "phone");
  if (!number) {
    task.step = "ask_number";
    return { replies: [say(r.text(contact ? "privacy_verify_need_order" : "privacy_verify"))] };
  }
  if (!contact) {
    task.step = "ask_contact";
    return { replies: [say(r.text("ask_order_contact", { number }))] };
  }
  const proof = await proveOrder(ctx, task, number, contact);
  if ("outcome" in proof) return proof.outcome;
  const found = proof.order;
  task.orderId = found.id;
  return { provenOrderId: found.id };
}

/** Says exactly what will happen (in this shop, to this person's data) and asks for a yes. */
async function askConfirm(ctx: TurnContext, task: PrivacyTask, subject: PrivacySubject): Promise<Outcome> {
  const { r, merchant } = ctx;
  const privacy = ctx.ports.privacy!;
  const summary = await privacy.summary(merchant.id, subject, { conversationId: ctx.conversationId });
  if (!summary) {
    ctx.state.form = undefined;
    return { replies: [say(r.text("privacy_nothing_found"), [r.quickReplies(["qr_human"])])] };
  }
  const vars = { shop: merchant.name, orders: summary.orders, conversations: summary.conversations };
  let key: MessageKey = "privacy_confirm_export";
  if (task.kind === "erasure") key = (await privacy.erasurePolicy(merchant.id)) === "immediate" ? "privacy_confirm_erase_now" : "privacy_confirm_erase_queue";
  const text = r.text(key, vars);
  task.step = "confirm";
  task.token ??= confirmToken(ctx, `privacy_${task.kind}`);
  return {
    replies: [say(text, [{ type: "confirm", action: `privacy_${task.kind}`, token: task.token, title: r.text(task.kind === "erasure" ? "privacy_title_erasure" : "privacy_title_export"), text, confirmLabel: r.text(task.kind === "erasure" ? "privacy_confirm_erase_label" : "confirm"), cancelLabel: r.text("cancel") }])],
  };
}

async function execute(ctx: TurnContext, task: PrivacyTask, subject: PrivacySubject): Promise<Outcome> {
  const { r, merchant, state } = ctx;
  const privacy = ctx.ports.privacy!;
  const kind = task.kind!;
  state.form = undefined;
  // The summary is read before an erasure could take it away (and after the shopper said yes).
  const summary = kind === "export" ? await privacy.summary(merchant.id, subject, { conversationId: ctx.conversationId }) : null;
  const result = await privacy.request(merchant.id, subject, kind, { conversationId: ctx.conversationId });
  if (!result.ok) return { replies: [say(r.text("privacy_failed"), [r.quickReplies(["qr_human"])])], fallback: true };
  const ref = result.value.id.slice(0, 8).toUpperCase();
  if (kind === "erasure" && result.value.status === "done") {
    // Nothing of theirs stays in this conversation's state either: not the orders it proved, not the topic.
    state.provenOrders = [];
    state.confirmed = {};
    state.topic = { productIds: [] };
    state.lastArticleId = undefined;
    return { replies: [say(r.text("privacy_erased", { shop: merchant.name }))] };
  }
  if (kind === "erasure") return { replies: [say(r.text("privacy_erasure_queued", { shop: merchant.name, ref }))] };
  return { replies: [say(`${summaryText(ctx, summary)}\n${r.text("privacy_export_queued", { ref })}`)] };
}

function summaryText(ctx: TurnContext, summary: PrivacySummary | null): string {
  const { r } = ctx;
  const details = summary
    ? ([summary.hasName && "privacy_detail_name", summary.hasEmail && "privacy_detail_email", summary.hasPhone && "privacy_detail_phone", summary.hasAddress && "privacy_detail_address"].filter(Boolean) as MessageKey[]).map((k) => r.text(k))
    : [];
  return r.text("privacy_export_summary", {
    shop: ctx.merchant.name,
    details: details.length ? details.join(r.text("enumeration_separator")) : r.text("privacy_detail_none"),
    orders: summary?.orders ?? 0,
    conversations: summary?.conversations ?? 0,
  });
}
