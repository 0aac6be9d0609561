import { formatMoney } from "../shared/money.ts";
import { lang } from "./i18n.ts";

/** The dashboard's number conventions, defined once: whole percents, money in whole units of its currency. */
export const pct = (v: number) => `${Math.round(v * 100)}%`;
export const money = (amount: number, currency: string) => formatMoney({ amount, currency }, lang(), { maximumFractionDigits: 0 });

