import { say, type Outcome, type TurnContext } from "./context.ts";
import type { Locale, Money, OrderView, PaymentView } from "../ports.ts";
import { Renderer } from "../render.ts";

/** The bot's own words about paying (kept beside the handler so the shared locale files stay untouched). */
const words = {
  en: {
    placed: "Your order {number} is placed. Total {total}. Please pay within {minutes} minutes with the button or the QR code below; unpaid orders are cancelled after that.",
    placedNoPay: "Your order {number} is placed. Total {total}. It waits for payment; we'll show you how to pay here.",
    shipping: "Shipping {shipping} included.",
    freeShipping: "Free shipping.",
    paid: "Good news: the payment for order {number} has arrived, and the order is paid.",
    pendingAgain: "I checked with the payment provider: the payment for order {number} has not arrived yet. If money left your account, it usually shows within a few minutes; you can also pay again with the button below.",
    pendingNoLink: "I checked with the payment provider: no payment for order {number} has arrived. Its status is {status}.",
    notPayable: "Order {number} is {status}, so it no longer waits for payment.",
    noOrder: "Which order did you pay? Please give me its order number.",
  },
  "zh-CN": {
    placed: "下单成功！订单号 {number}，合计 {total}。请在 {minutes} 分钟内点击下方按钮或扫码付款，超时未付款订单将自动取消。",
    placedNoPay: "下单成功！订单号 {number}，合计 {total}。订单等待付款，付款方式会显示在这里。",
    shipping: "含运费 {shipping}。",
    freeShipping: "包邮。",
    paid: "好消息：订单 {number} 的付款已到账，订单已付款。",
    pendingAgain: "我向支付平台核实了：订单 {number} 的付款还没有到账。如果已经扣款，通常几分钟内会到账；您也可以点击下方按钮重新付款。",
    pendingNoLink: "我向支付平台核实了：订单 {number} 没有收到付款，目前状态是{status}。",
    notPayable: "订单 {number} 当前状态是{status}，已不需要付款。",
    noOrder: "请问您付款的是哪个订单？请告诉我订单号。",
  },
} as const;

type Key = keyof (typeof words)["en"];

export function payText(ctx: TurnContext, key: Key, vars: Record<string, string | number> = {}): string {
  const table = ctx.r.locale === "zh-CN" ? words["zh-CN"] : words.en;
  return table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
}

/** "Shipping ¥8.00 included." / "Free shipping." for the confirmation, when the quote knows it. */
export function shippingNote(ctx: TurnContext, shipping: Money | undefined): string {
  if (!shipping) return "";
  return shipping.amount > 0 ? payText(ctx, "shipping", { shipping: ctx.r.money(shipping) }) : payText(ctx, "freeShipping");
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
  if (!payment?.ok) return { replies: [say(payText(ctx, "placedNoPay", { number: order.number, total }), [orderBlock as never])] };
  const minutes = Math.max(1, Math.round((Date.parse(payment.value.expiresAt) - ctx.now.getTime()) / 60_000));
  return { replies: [say(payText(ctx, "placed", { number: order.number, total, minutes }), [orderBlock as never, payBlock(payment.value, ctx.r.locale) as never])] };
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
  if (!order) return { replies: [say(payText(ctx, "noOrder"))], intent: "payment_issue" };
  const checked = await ctx.ports.commerce.checkPayment(ctx.merchant.id, order.id);
  if (!checked.ok) return null;
  const { orderStatus, payment } = checked.value;
  const status = ctx.r.text(`order_status_${orderStatus}` as never);
  if (orderStatus !== "pending_payment") {
    const key = payment && ["succeeded", "partially_refunded", "refunded"].includes(payment.status) && orderStatus !== "cancelled" ? "paid" : "notPayable";
    return { replies: [say(payText(ctx, key, { number: order.number, status }))], intent: "payment_issue" };
  }
  const retry = ctx.ports.commerce.createPayment ? await ctx.ports.commerce.createPayment(ctx.merchant.id, order.id, { conversationId: ctx.conversationId, locale: ctx.r.locale }) : null;
  if (retry?.ok) return { replies: [say(payText(ctx, "pendingAgain", { number: order.number }), [payBlock(retry.value, ctx.r.locale) as never])], intent: "payment_issue" };
  return { replies: [say(payText(ctx, "pendingNoLink", { number: order.number, status }))], intent: "payment_issue" };
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
