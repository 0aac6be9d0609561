import type { Locale } from "../../bot/locales/locales.ts";

/** Values a string may interpolate; `count` also picks the plural form. */
export type Vars = Record<string, string | number>;
export type Resources = Record<string, string>;

/**
 * The browser's translation runtime: reads the same JSON resources as i18next (flat keys,
 * `{{var}}` interpolation, plural keys `key_one` / `key_other` chosen by `count` with
 * Intl.PluralRules), in a few hundred bytes instead of i18next's ~40 kB, so the widget keeps
 * its size budget. Output is plain text: callers render it with textContent, never as HTML.
 */
export function translator<K extends string>(resources: Record<Locale, Record<K, string>>, locale: () => Locale) {
  const rules = new Map<Locale, Intl.PluralRules>();
  return (key: BaseKey<K>, vars: Vars = {}): string => {
    const lang = locale();
    const table: Resources = resources[lang] ?? resources.en;
    let text: string | undefined;
    if (typeof vars.count === "number") {
      let plural = rules.get(lang);
      if (!plural) rules.set(lang, (plural = new Intl.PluralRules(lang)));
      text = table[`${key}_${plural.select(vars.count)}`] ?? table[`${key}_other`];
    }
    text ??= table[key] ?? (resources.en as Resources)[key] ?? key;
    return interpolate(text, vars);
  };
}

/** `{{ name }}` replaced by its value (an unknown name becomes empty), as i18next does. */
export const interpolate = (text: string, vars: Vars) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(vars[k] ?? ""));

/** A key without its plural suffix: `items_one` and `items_other` are both asked for as `items`. */
export type BaseKey<K extends string> = K extends `${infer B}_${"zero" | "one" | "two" | "few" | "many" | "other"}` ? B | K : K;

/** A duration the way a person says it in this language ("4 min", "4分钟", "2 hr"). */
export function duration(seconds: number, locale: Locale): string {
  const [value, unit] = seconds < 60 ? [seconds, "second"] : seconds < 3600 ? [Math.floor(seconds / 60), "minute"] : seconds < 86_400 ? [Math.floor(seconds / 3600), "hour"] : [Math.floor(seconds / 86_400), "day"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(value);
}
