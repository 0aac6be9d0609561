import { isLocale } from "../../../bot/locales/locales.ts";
import { searchTokens } from "../../../bot/nlu/features.ts";

export interface GapCluster {
  question: string;
  count: number;
  examples: string[];
  locale: string;
}

/**
 * Groups unanswered questions that ask the same thing ("how do I return shoes" and
 * "shoe return?") by the overlap of their content words (stems; Chinese words and
 * bigrams), so the merchant sees one gap with a count instead of many near-duplicates.
 */
export function clusterQuestions(questions: { text: string; locale: string }[], threshold = 0.4): GapCluster[] {
  const clusters: { tokens: Set<string>; locale: string; texts: string[] }[] = [];
  for (const q of questions) {
    const locale = isLocale(q.locale) ? q.locale : "en";
    const tokens = new Set(searchTokens(q.text, locale));
    if (tokens.size === 0) continue;
    let best: (typeof clusters)[number] | undefined;
    let bestScore = 0;
    for (const c of clusters) {
      if (c.locale !== locale) continue;
      const shared = [...tokens].filter((t) => c.tokens.has(t)).length;
      const score = shared / (tokens.size + c.tokens.size - shared);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best && bestScore >= threshold) best.texts.push(q.text);
    else clusters.push({ tokens, locale, texts: [q.text] });
  }
  return clusters
    .map((c) => {
      const shortest = [...c.texts].sort((a, b) => a.length - b.length)[0]!;
      return { question: shortest, count: c.texts.length, examples: [...new Set(c.texts)].slice(0, 3), locale: c.locale };
    })
    .sort((a, b) => b.count - a.count);
}
