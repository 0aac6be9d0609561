import { say, type Outcome, type TurnContext } from "./context.ts";
import type { Locale, Money, OrderView, PaymentView } from "../ports.ts";
import { Renderer } from "../render.ts";

/** "Shipping ¥8.00 included." / "Free shipping." for the confirmation, when the quote knows it. */
export function shippingNote(ctx: TurnContext, shipping: Money | undefined): string {
  if (!shipping) return "";
  return shipping.amount > 0 ? ctx.r.text("pay_shipping_included", { shipping: ctx.r.money(shipping) }) : ctx.r.text("pay_free_shipping");
}

/**
 * The chat block that lets the shopper pay: button, QR code, amount and deadline. The one
 * definition: the bot's replies and the payment notices (a retry after a failed payment) build it here.
 */
export function payBlock(payment: PaymentView, locale: Locale) {
  // Amounts and labels only: no date is formatted, so the time zone does not matter.
  const r = new Renderer(locale, "UTC");
  return {
    type: "pay" as const,
    paymentId: payment.id,
    orderId: payment.orderId,
    provider: payment.provider,
    payUrl: payment.payUrl,
    ...(payment.qr ? { qr: payment.qr } : {}),
    amount: payment.amount,
    amountText: r.money(payment.amount),
    expiresAt: payment.expiresAt,
    status: payment.status,
    payLabel: r.text("pay_label"),
    scanText: r.text("pay_scan"),
  };
}

/** After the order is placed: the pay block instead of a promised email. */
export async function placedWithPayment(ctx: TurnContext, order: OrderView, orderBlock: unknown): Promise<Outcome> {
  const total = ctx.r.money(order.total);
  const create = ctx.ports.commerce.createPayment;
  const payment = create ? await create.call(ctx.ports.commerce, ctx.merchant.id, order.id, { conversationId: ctx.conversationId, locale: ctx.r.locale }) : null;
  if (!payment?.ok) return { replies: [say(ctx.r.text("pay_placed_no_payment", { number: order.number, total }), [orderBlock as never])] };
  const minutes = Math.max(1, Math.round((Date.parse(payment.value.expiresAt) - ctx.now.getTime()) / 60_000));
  return { replies: [say(ctx.r.text("pay_placed", { number: order.number, total, minutes }), [orderBlock as never, payBlock(payment.value, ctx.r.locale) as never])] };
}

const PAID_BUT_UNPAID = [
  /\b(i|we)('ve| have)? (already |just )?paid\b.*\b(unpaid|not paid|pending|awaiting|waiting|still|says)/i,
  /\b(paid|payment)\b.*\b(still|shows?|says)\b.*\b(unpaid|not paid|pending|awaiting payment|waiting for payment)/i,
  /(已经|已|刚刚|刚)(付|支付|付过)(款|钱|了).*(待付款|未付款|没到账|未到账|没有到账|还是|显示)/,
  /(付了款|付过款|扣了款|扣款了|钱扣了).*(待付款|未付款|没到账|还是)/,
];

/** "I paid but it still says unpaid": asks the provider about the order and tells the truth. */
export async function paidButUnpaid(ctx: TurnContext): Promise<Outcome | null> {
  if (!ctx.ports.commerce.checkPayment || !PAID_BUT_UNPAID.some((re) => re.test(ctx.text))) return null;
  const order = await orderInQuestion(ctx);
  if (!order) return { replies: [say(ctx.r.text("pay_which_order"))], intent: "payment_issue" };
  const checked = await ctx.ports.commerce.checkPayment(ctx.merchant.id, order.id);
  if (!checked.ok) return null;
  const { orderStatus, payment } = checked.value;
  const status = ctx.r.text(`order_status_${orderStatus}` as never);
  if (orderStatus !== "pending_payment") {
    const key = payment && ["succeeded", "partially_refunded", "refunded"].includes(payment.status) && orderStatus !== "cancelled" ? "pay_arrived" : "pay_not_payable";
    return { replies: [say(ctx.r.text(key, { number: order.number, status }))], intent: "payment_issue" };
  }
  const retry = ctx.ports.commerce.createPayment ? await ctx.ports.commerce.createPayment(ctx.merchant.id, order.id, { conversationId: ctx.conversationId, locale: ctx.r.locale }) : null;
  if (retry?.ok) return { replies: [say(ctx.r.text("pay_pending_again", { number: order.number }), [payBlock(retry.value, ctx.r.locale) as never])], intent: "payment_issue" };
  return { replies: [say(ctx.r.text("pay_pending_no_link", { number: order.number, status }))], intent: "payment_issue" };
}

/** The order the shopper means: one named in the message they proved, the latest proved here, or their latest. */
async function orderInQuestion(ctx: TurnContext): Promise<OrderView | null> {
  const { commerce } = ctx.ports;
  const proved = [...ctx.state.provenOrders].reverse();
  const named = ctx.nlu.entities.find((e) => e.entity === "order_number")?.value as string | undefined;
  for (const id of proved) {
    const order = await commerce.getOrder(ctx.merchant.id, id);
    if (order && (!named || order.number === named)) return order;
  }
  const own = await commerce.ordersOf(ctx.merchant.id, ctx.shopper, 5);
  return own.find((o) => (named ? o.number === named : o.status === "pending_payment")) ?? (named ? null : own[0] ?? null);
}
