import { translate } from "../../../bot/render.ts";
import { matchLocale } from "../../contracts/common.ts";

/** What the shopper reads about a payment in the chat and on the pay page: the bot's i18next resources (payment_*). */
export type PaymentTextKey = "paid" | "failed" | "expired" | "refunded" | "lateRefund";

export function paymentText(locale: string | null | undefined, key: PaymentTextKey, vars: Record<string, string> = {}): string {
  return translate(matchLocale(locale) ?? "en", `payment_${key}`, vars);
}

/** Money for people: ¥88.00, $12.50 (minor units in, never a float in storage). */
export function formatMoney(amount: number, currency: string, locale: string | null | undefined): string {
  const format = new Intl.NumberFormat(matchLocale(locale) ?? "en", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
