import type { Payment } from "../../contracts/payments.ts";
import { formatMoney } from "./texts.ts";
import { translate } from "../../../bot/render.ts";
import { matchLocale } from "../../contracts/common.ts";

/** The chat block that lets a shopper pay: a button, a QR code, the amount and the deadline. */
export function payBlock(payment: Payment, locale: string | null | undefined) {
  const lang = matchLocale(locale) ?? "en";
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
    payLabel: translate(lang, "pay_label"),
    scanText: translate(lang, "pay_scan"),
  };
}
