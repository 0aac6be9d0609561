import en from "./locales/en.json" with { type: "json" };
import zhCN from "./locales/zh-CN.json" with { type: "json" };

/**
 * The workspace's words: i18next-style JSON resources (`{{var}}` interpolation) read through
 * one small `t()`, so moving the page onto i18next is a matter of handing it the same files.
 */
const resources = { en, "zh-CN": zhCN } satisfies Record<string, Record<keyof typeof en, string>>;
export type Lang = keyof typeof resources;
export type Key = keyof typeof en;
export const LANGS = Object.keys(resources) as Lang[];

let current: Lang = "en";

export function setLang(lang: Lang) {
  current = lang;
}

export function lang(): Lang {
  return current;
}

/** The string for `key` in the current language, with `{{name}}` placeholders filled (unknown ones left empty). */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const text: string = resources[current][key] ?? en[key] ?? key;
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : ""));
}

/** Whether a string is one of the known keys (statuses and roles come from the server). */
export function hasKey(key: string): key is Key {
  return Object.hasOwn(en, key);
}
