import { searchTokens } from "../../../bot/nlu/features.ts";
import type { FeedbackRow } from "./analytics.service.ts";
import { translate, type MessageKey } from "../../../bot/render.ts";
import type { Locale } from "../../../bot/ports.ts";

interface Numbers {
  csat: { average: number | null; count: number };
  containmentRate: number;
  escalationRate: number;
  knowledgeGaps: { question: string; count: number }[];
}

/**
 * A feedback summary written locally, without a model: the numbers, the main praise and
 * complaint themes (most frequent content words in good and bad ratings' comments) with
 * a representative quote each, and the biggest knowledge gap.
 */
export function summarize(numbers: Numbers, feedback: FeedbackRow[], locale: Locale): { text: string; locale: string } {
  const comments = feedback.filter((f) => f.comment || f.reason);
  const good = comments.filter((f) => (f.csat ?? 0) >= 4 || f.thumbs === "up");
  const bad = comments.filter((f) => (f.csat !== null && f.csat <= 2) || f.thumbs === "down");
  const praise = theme(good, locale);
  const complaint = theme(bad, locale);
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const gap = numbers.knowledgeGaps[0];
  const t = (key: MessageKey, vars: Record<string, string | number> = {}) => translate(locale, key, vars);
  const parts = [
    numbers.csat.count ? t("summary_csat", { average: String(numbers.csat.average), count: numbers.csat.count }) : t("summary_no_csat"),
    t("summary_containment", { contained: pct(numbers.containmentRate), escalated: pct(numbers.escalationRate) }),
    praise ? t("summary_praise", { ...praise }) : "",
    complaint ? t("summary_complaint", { ...complaint }) : "",
    gap ? t("summary_gap", { question: gap.question, count: gap.count }) : "",
  ];
  return { text: parts.filter(Boolean).join(" "), locale };
}

function theme(rows: FeedbackRow[], locale: Locale) {
  const counts = new Map<string, { count: number; quote: string }>();
  for (const row of rows) {
    const text = `${row.comment ?? ""} ${row.reason ?? ""}`.trim();
    for (const token of new Set(searchTokens(text, locale).filter((t) => !t.startsWith("~") && t.length > 1))) {
      const entry = counts.get(token) ?? { count: 0, quote: text };
      entry.count++;
      if (text.length < entry.quote.length) entry.quote = text;
      counts.set(token, entry);
    }
  }
  const [word, best] = [...counts].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))[0] ?? [];
  return word && best ? { word, count: best.count, quote: best.quote.slice(0, 120) } : null;
}
