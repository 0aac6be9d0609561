/** What the shopper reads about a payment in the chat and on the pay page (en, zh-CN). */
const texts = {
  en: {
    paid: "Paid, thank you! Order {number} is confirmed and on its way to packing.",
    failed: "The payment for order {number} did not go through. You can try again below.",
    expired: "Order {number} was not paid in time, so it is cancelled and its items are back in stock.",
    refunded: "{amount} for order {number} is refunded to the original payment method.",
    lateRefund: "Your payment for order {number} arrived after the order was cancelled, so it is refunded in full.",
  },
  "zh-CN": {
    paid: "已付款，谢谢！订单 {number} 已确认，马上为您打包。",
    failed: "订单 {number} 付款未成功，您可以在下方重新付款。",
    expired: "订单 {number} 未在规定时间内付款，已自动取消，商品已释放库存。",
    refunded: "订单 {number} 的 {amount} 已原路退回。",
    lateRefund: "订单 {number} 取消后才收到您的付款，已全额原路退回。",
  },
} as const;

export type PaymentTextKey = keyof (typeof texts)["en"];

export function paymentText(locale: string | null | undefined, key: PaymentTextKey, vars: Record<string, string> = {}): string {
  const table = locale?.startsWith("zh") ? texts["zh-CN"] : texts.en;
  return table[key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? "");
}

/** Money for people: ¥88.00, $12.50 (minor units in, never a float in storage). */
export function formatMoney(amount: number, currency: string, locale: string | null | undefined): string {
  const format = new Intl.NumberFormat(locale?.startsWith("zh") ? "zh-CN" : "en", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
