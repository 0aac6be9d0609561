import type { OrderView } from "../ports.ts";
import { defaultCountry, parseAddress } from "./address.ts";
import { answerFromKnowledge } from "./help.ts";
import { confirmToken, entity, say, type Outcome, type TurnContext } from "./context.ts";
import { isPlainNo, isPlainYes } from "./signals.ts";
import type { OrderTask } from "./state.ts";

type TaskName = OrderTask["name"];

const CANCELLABLE = ["pending_payment", "paid", "processing"];
const ADDRESS_EDITABLE = ["pending_payment", "paid", "processing"];
const REFUNDABLE = ["shipped", "delivered", "completed"];
const MAX_PROOF_ATTEMPTS = 3;

/** Starts a journey about one order: first find the order the shopper may act on. */
export async function startOrderTask(ctx: TurnContext, name: TaskName): Promise<Outcome> {
  const task: OrderTask = { name, step: "ask_number", failedProofs: 0 };
  ctx.state.form = task;
  return resolveOrder(ctx, task);
}

/** Feeds one message to an order journey; null when the message is not an answer to it. */
export async function continueOrderTask(ctx: TurnContext, task: OrderTask): Promise<Outcome | null> {
  switch (task.step) {
    case "ask_number":
    case "ask_contact": {
      const number = entity<string>(ctx, "order_number");
      const contact = entity<string>(ctx, "email") ?? entity<string>(ctx, "phone");
      if (!number && !contact) return null;
      return resolveOrder(ctx, task);
    }
    case "ask_address": {
      const order = await provenOrder(ctx, task);
      if (!order) return resolveOrder(ctx, task);
      const address = parseAddress(ctx.text, defaultCountry(ctx.merchant.currency));
      if (!address?.line1) return ctx.nlu.intent.confidence >= 0.8 ? null : { replies: [say(ctx.r.text("ask_new_address", { number: order.number }))] };
      task.address = { ...order.shippingAddress, ...address } as OrderTask["address"];
      return askConfirm(ctx, task, order);
    }
    case "ask_quantity": {
      const order = await provenOrder(ctx, task);
      if (!order) return resolveOrder(ctx, task);
      const quantity = entity<number>(ctx, "quantity") ?? (/^\s*(\d{1,2})\s*$/.exec(ctx.text) ? Number(ctx.text.trim()) : undefined);
      if (!quantity) return null;
      const item = order.items[0]!;
      task.items = [{ productId: item.productId, quantity }];
      return askConfirm(ctx, task, order);
    }
    case "confirm": {
      const order = await provenOrder(ctx, task);
      if (!order) return resolveOrder(ctx, task);
      const { action, text, nlu } = ctx;
      const yes = action?.type === "confirm" ? action.token === task.token : isPlainYes(text) || (nlu.intent.name === "affirm" && nlu.intent.confidence >= 0.6);
      const no = action?.type === "cancel" || isPlainNo(text) || (nlu.intent.name === "deny" && nlu.intent.confidence >= 0.6);
      if (yes) return execute(ctx, task, order);
      if (no) {
        ctx.state.form = undefined;
        return { replies: [say(ctx.r.text("form_cancelled"))] };
      }
      return null;
    }
  }
}

/**
 * Finds the order this shopper may act on. A verified shopper chooses among their own
 * orders; anyone else proves an order with its number plus the email or phone on it.
 * Failures never reveal whether an order number exists.
 */
async function resolveOrder(ctx: TurnContext, task: OrderTask): Promise<Outcome> {
  const { r, shopper } = ctx;
  const number = entity<string>(ctx, "order_number") ?? task.number;
  if (number) task.number = number;

  if (shopper.verified && shopper.customerId) {
    const orders = await ctx.ports.commerce.ordersOf(ctx.merchant.id, shopper, 10);
    if (number) {
      const mine = orders.find((o) => o.number === number);
      if (mine) return proceed(ctx, task, mine);
    } else if (orders.length === 1) return proceed(ctx, task, orders[0]!);
    if (orders.length === 0 && !number) {
      ctx.state.form = undefined;
      return { replies: [say(r.text("no_orders"), [r.quickReplies(["qr_products", "qr_human"])])] };
    }
    if (!number) {
      task.step = "ask_number";
      const recent = orders.slice(0, 3);
      return {
        replies: [
          say(r.text("your_orders"), [
            ...recent.map((o) => ({ type: "order" as const, order: r.orderCard(o) })),
            { type: "quick_replies", options: recent.map((o) => ({ label: o.number, text: o.number })) },
          ]),
        ],
      };
    }
    // A number that is not theirs: fall through to proof by contact, like anyone else.
  }

  const proven = number && ctx.state.provenOrders.length ? await findProven(ctx, number) : undefined;
  if (proven) return proceed(ctx, task, proven);
  if (!number) {
    task.step = "ask_number";
    return { replies: [say(r.text("ask_order_number"))] };
  }
  const contact = entity<string>(ctx, "email") ?? entity<string>(ctx, "phone");
  if (!contact) {
    task.step = "ask_contact";
    return { replies: [say(r.text("ask_order_contact", { number }))] };
  }
  const proof = await proveOrder(ctx, task, number, contact);
  return "order" in proof ? proceed(ctx, task, proof.order) : proof.outcome;
}

/**
 * Checks an order number against the email or phone given with it (the port caps attempts
 * per session, shopper and merchant). A miss asks for the number again and never says whether
 * the order exists; the third miss hands over. A match is remembered as proved in this chat.
 */
export async function proveOrder(
  ctx: TurnContext,
  task: { step: string; number?: string; failedProofs: number },
  number: string,
  contact: string,
): Promise<{ order: OrderView } | { outcome: Outcome }> {
  const { r } = ctx;
  const found = await ctx.ports.commerce.findOrder(ctx.merchant.id, number, contact, { conversationId: ctx.conversationId, customerId: ctx.shopper.verified ? ctx.shopper.customerId : undefined });
  if (found && "locked" in found) {
    ctx.state.form = undefined;
    return { outcome: { replies: [say(r.text("order_proof_locked", { minutes: Math.max(1, Math.ceil(found.retryAfterSec / 60)) }), [r.quickReplies(["qr_human"])])], fallback: true } };
  }
  if (!found) {
    task.failedProofs++;
    task.step = "ask_number";
    task.number = undefined;
    if (task.failedProofs >= MAX_PROOF_ATTEMPTS) {
      ctx.state.form = undefined;
      return { outcome: { replies: [say(r.text("order_not_matched_handoff"), [r.quickReplies(["qr_human"])])], fallback: true } };
    }
    return { outcome: { replies: [say(r.text("order_not_matched", { number }))], fallback: true } };
  }
  if (!ctx.state.provenOrders.includes(found.id)) ctx.state.provenOrders.push(found.id);
  return { order: found };
}

async function findProven(ctx: TurnContext, number: string): Promise<OrderView | undefined> {
  for (const id of ctx.state.provenOrders) {
    const order = await ctx.ports.commerce.getOrder(ctx.merchant.id, id);
    if (order?.number === number) return order;
  }
  return undefined;
}

/** The order of the task, only if this shopper owns or proved it. */
async function provenOrder(ctx: TurnContext, task: OrderTask): Promise<OrderView | null> {
  if (!task.orderId) return null;
  if (ctx.state.provenOrders.includes(task.orderId)) return ctx.ports.commerce.getOrder(ctx.merchant.id, task.orderId);
  if (ctx.shopper.verified) {
    const orders = await ctx.ports.commerce.ordersOf(ctx.merchant.id, ctx.shopper, 20);
    return orders.find((o) => o.id === task.orderId) ?? null;
  }
  return null;
}

/** With the order known, do what the journey is for (or ask what is still missing). */
async function proceed(ctx: TurnContext, task: OrderTask, order: OrderView): Promise<Outcome> {
  const { r } = ctx;
  task.orderId = order.id;
  task.number = order.number;
  const card = { type: "order" as const, order: r.orderCard(order) };
  const vars = { number: order.number, status: r.status(order.status), total: r.money(order.total) };
  const last = order.history.at(-1);
  switch (task.name) {
    case "track_order":
      ctx.state.form = undefined;
      return { replies: [say(r.text("order_status", { ...vars, at: last ? r.date(last.at) : "" }), [card])] };
    case "track_refund": {
      ctx.state.form = undefined;
      const refund = [...order.history].reverse().find((h) => h.status === "refund_requested" || h.status === "refunded");
      const key = order.status === "refunded" ? "refund_status_refunded" : order.status === "refund_requested" ? "refund_status_requested" : "refund_status_none";
      const outcome: Outcome = { replies: [say(r.text(key, { ...vars, at: refund ? r.date(refund.at) : "" }), [card])] };
      const policy = await answerFromKnowledge(ctx, "track_refund");
      if (policy && key !== "refund_status_none") outcome.replies.push(...policy.replies);
      return outcome;
    }
    case "cancel_order":
      if (!CANCELLABLE.includes(order.status)) {
        ctx.state.form = undefined;
        return { replies: [say(r.text("cancel_refused", vars), [card])] };
      }
      return askConfirm(ctx, task, order);
    case "change_shipping_address":
      if (!ADDRESS_EDITABLE.includes(order.status)) {
        ctx.state.form = undefined;
        return { replies: [say(r.text("address_refused", vars), [card, r.quickReplies(["qr_human"])])] };
      }
      task.step = "ask_address";
      return { replies: [say(r.text("ask_new_address", vars))] };
    case "get_refund":
      if (CANCELLABLE.includes(order.status)) {
        task.name = "cancel_order";
        const offer = await askConfirm(ctx, task, order);
        offer.replies.unshift(say(r.text("refund_cancel_instead", vars)));
        return offer;
      }
      if (!REFUNDABLE.includes(order.status)) {
        ctx.state.form = undefined;
        return { replies: [say(r.text("refund_not_possible", vars), [card])] };
      }
      return askConfirm(ctx, task, order);
    case "change_order": {
      if (order.status !== "pending_payment") {
        ctx.state.form = undefined;
        return { replies: [say(r.text("change_order_locked", vars), [card, r.quickReplies(["qr_human"])])] };
      }
      const quantity = entity<number>(ctx, "quantity");
      const item = order.items[0]!;
      if (order.items.length > 1) {
        ctx.state.form = undefined;
        return { replies: [say(r.text("change_order_which", vars), [card, r.quickReplies(["qr_human"])])] };
      }
      if (quantity) {
        task.items = [{ productId: item.productId, quantity }];
        return askConfirm(ctx, task, order);
      }
      task.step = "ask_quantity";
      return { replies: [say(r.text("change_order_ask", { ...vars, name: r.name(item.name), quantity: item.quantity }), [card])] };
    }
  }
}

/** Asks the task's current question again (after a digression). */
export async function promptOrderTask(ctx: TurnContext, task: OrderTask): Promise<Outcome> {
  const order = await provenOrder(ctx, task);
  if (!order) return resolveOrder({ ...ctx, nlu: { ...ctx.nlu, entities: [] } }, task);
  const { r } = ctx;
  if (task.step === "ask_address") return { replies: [say(r.text("ask_new_address", { number: order.number }))] };
  if (task.step === "ask_quantity") {
    const item = order.items[0]!;
    return { replies: [say(r.text("change_order_ask", { number: order.number, name: r.name(item.name), quantity: item.quantity }))] };
  }
  if (task.step === "confirm") return askConfirm(ctx, task, order);
  return proceed(ctx, task, order);
}

async function askConfirm(ctx: TurnContext, task: OrderTask, order: OrderView): Promise<Outcome> {
  const { r } = ctx;
  const vars = { number: order.number, status: r.status(order.status), total: r.money(order.total) };
  let text: string;
  if (task.name === "cancel_order") text = r.text("cancel_confirm", vars);
  else if (task.name === "get_refund") text = r.text("refund_confirm", vars);
  else if (task.name === "change_shipping_address") text = r.text("address_confirm", { ...vars, address: r.address(task.address ?? {}) });
  else {
    const item = order.items[0]!;
    const quote = await ctx.ports.commerce.quote(ctx.merchant.id, task.items ?? []);
    if (!quote.ok) {
      ctx.state.form = undefined;
      return { replies: [say(r.text("action_failed", { reason: quote.code }))], fallback: true };
    }
    text = r.text("change_order_confirm", { ...vars, name: r.name(item.name), quantity: task.items![0]!.quantity, total: r.money(quote.value.total) });
  }
  task.step = "confirm";
  task.token ??= confirmToken(ctx, task.name);
  return {
    replies: [say(text, [{ type: "confirm", action: task.name, token: task.token, title: text, text, confirmLabel: r.text("confirm"), cancelLabel: r.text("cancel") }])],
  };
}

async function execute(ctx: TurnContext, task: OrderTask, order: OrderView): Promise<Outcome> {
  const { r, ports, merchant } = ctx;
  const reason = ctx.r.text("refund_reason_chat");
  const result =
    task.name === "cancel_order"
      ? await ports.commerce.cancelOrder(merchant.id, order.id, reason)
      : task.name === "get_refund"
        ? await ports.commerce.requestRefund(merchant.id, order.id, reason)
        : task.name === "change_shipping_address"
          ? await ports.commerce.changeAddress(merchant.id, order.id, task.address!)
          : await ports.commerce.changeQuantity(merchant.id, order.id, task.items ?? []);
  ctx.state.form = undefined;
  if (task.token) ctx.state.confirmed[task.token] = order.id;
  if (!result.ok) return { replies: [say(r.text("action_failed", { reason: result.code }), [r.quickReplies(["qr_human"])])], fallback: true };
  const updated = result.value;
  const vars = { number: updated.number, total: r.money(updated.total), address: r.address(updated.shippingAddress) };
  const card = { type: "order" as const, order: r.orderCard(updated) };
  if (task.name === "cancel_order") return { replies: [say(r.text("cancel_done", vars), [card])] };
  if (task.name === "get_refund") return { replies: [say(r.text("refund_done", vars), [card])] };
  if (task.name === "change_shipping_address") return { replies: [say(r.text("address_done", vars), [card])] };
  const item = updated.items[0]!;
  return { replies: [say(r.text("change_order_done", { ...vars, name: r.name(item.name), quantity: item.quantity }), [card])] };
}
