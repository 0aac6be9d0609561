import { matchLocale, type Locale } from "../../bot/locales/locales.ts";
import en from "./locales/en.json" with { type: "json" };
import zhCN from "./locales/zh-CN.json" with { type: "json" };

/**
 * Widget UI strings (the bot's own replies come translated from the server): i18next-style
 * JSON resources (widget/embed/locales), read as tables here to keep the widget small;
 * `{{var}}` placeholders are filled by `interpolate` from the shared runtime.
 */
export const strings: Record<Locale, Record<StringKey, string>> = { en, "zh-CN": zhCN };

export type WidgetLocale = Locale;
export type StringKey = keyof typeof en;
export const localeOf = (value: string | undefined | null): WidgetLocale => matchLocale(value) ?? "en";
