import type { Payment } from "../../contracts/payments.ts";
import { formatMoney } from "./texts.ts";

/** The chat block that lets a shopper pay: a button, a QR code, the amount and the deadline. */
export function payBlock(payment: Payment, locale: string | null | undefined) {
  const zh = locale?.startsWith("zh");
  return {
    type: "pay" as const,
    paymentId: payment.id,
    orderId: payment.orderId,
    provider: payment.provider,
    payUrl: payment.payUrl,
    ...(payment.qr ? { qr: payment.qr } : {}),
    amount: payment.amount,
    amountText: formatMoney(payment.amount.amount, payment.amount.currency, locale),
    expiresAt: payment.expiresAt,
    status: payment.status,
    payLabel: zh ? "去付款" : "Pay now",
    scanText: zh ? "手机扫码付款" : "Scan to pay on your phone",
  };
}
