import { LOCALES, matchLocale, type Locale } from "../../api/contracts/common.ts";
import { translator } from "../shared/i18n.ts";
import en from "./locales/en.json" with { type: "json" };
import zhCN from "./locales/zh-CN.json" with { type: "json" };

/** Console UI strings: i18next-style JSON resources, one file per language (widget/console/locales). */
export const resources: Record<Locale, Record<Key, string>> = { en, "zh-CN": zhCN };
export type Key = keyof typeof en;
export type Lang = Locale;

let current: Locale = matchLocale(localStorage.getItem("console.lang")) ?? matchLocale(navigator.language) ?? "en";
export const lang = () => current;
export function setLang(next: Locale) {
  current = next;
  localStorage.setItem("console.lang", next);
}
/** The other language, for the one-click switch (two languages today; the next in the list otherwise). */
export const nextLang = () => LOCALES[(LOCALES.indexOf(current) + 1) % LOCALES.length]!;
export const tr = translator(resources, lang);
