/**
 * The languages the platform speaks: the one list every `Locale` type, zod enum and
 * translation table derives from (api/contracts/common.ts re-exports it for the API and
 * the browser; it lives here because bot/ must not import api/). Adding a language is
 * adding it here and a JSON resource per surface (bot/locales, widget/<surface>/locales).
 */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

/** The supported locale a loose tag ("zh", "zh-Hans-CN", "en-GB") stands for; undefined if none. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  return LOCALES.find((l) => l.toLowerCase() === lower) ?? LOCALES.find((l) => l.split("-")[0] === lower.split("-")[0]);
}

export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);
