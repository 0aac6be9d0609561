/** Minor units per major unit of a currency (100 for CNY and USD, 1 for JPY), from the browser's Intl data. */
export const minorUnits = (currency: string) => 10 ** (new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2);

/**
 * Money as the API sends it (integer minor units) the way a language writes it: "¥8.00",
 * "CN¥8.00". The one formatter of the widget, console, dashboard and workspace; `options`
 * only shape the digits shown (the dashboard's whole units).
 */
export function formatMoney(m: { amount: number; currency: string }, locale: string, options: Pick<Intl.NumberFormatOptions, "maximumFractionDigits"> = {}): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: m.currency, ...options }).format(m.amount / minorUnits(m.currency));
}
