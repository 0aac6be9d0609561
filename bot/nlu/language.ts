import type { Locale } from "../locales/locales.ts";
/** The languages the NLU tells apart. "mixed" is Chinese with a fair share of Latin words. */
export type DetectedLanguage = Locale | "mixed";

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]{2,}/gi;

/**
 * Script-based detection: reliable for the two languages served here and instant, where
 * statistical detectors stumble on the two-word messages chat is full of.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const han = text.match(HAN)?.length ?? 0;
  const latinWords = text.match(LATIN_WORD)?.length ?? 0;
  if (han === 0) return "en";
  if (latinWords === 0) return "zh-CN";
  // Each Chinese word is ~1.7 characters; compare in words, not characters.
  const zhWords = han / 1.7;
  if (latinWords >= 2 && latinWords > zhWords) return "en";
  return latinWords >= 2 && latinWords * 3 >= zhWords ? "mixed" : "zh-CN";
}

/** The model to use for a detected language. */
export const modelLocale = (language: DetectedLanguage): Locale => (language === "en" ? "en" : "zh-CN");
