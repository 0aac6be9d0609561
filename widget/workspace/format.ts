import { formatMoney, minorUnits } from "../shared/money.ts";
import { lang, t } from "./i18n.ts";

export const money = (m: { amount: number; currency: string }) => formatMoney(m, lang());

/** "59.00" for an input field, and back to integer minor units (null when not a number). */
export const toMajor = (m: { amount: number; currency: string }) => (m.amount / minorUnits(m.currency)).toFixed(Math.log10(minorUnits(m.currency)));
export function toMinor(text: string, currency: string): number | null {
  const value = Number(text.trim());
  return text.trim() !== "" && Number.isFinite(value) && value >= 0 ? Math.round(value * minorUnits(currency)) : null;
}

export const dateTime = (iso: string) => new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
/** A calendar day sent as YYYY-MM-DD (a UTC date), in the page's language. */
export const day = (ymd: string) => new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${ymd}T00:00:00Z`));
export const percent = (v: number) => new Intl.NumberFormat(lang(), { style: "percent", maximumFractionDigits: 1 }).format(v);

/** A failed call as a sentence in the page's language (the code stays for support). */
export function failure(res: { status: number; body: any }): string {
  if (res.status === 403) return t("forbidden");
  const error = res.body?.error ?? {};
  return t("error", { code: error.code ?? res.status, message: error.message ?? "" });
}
