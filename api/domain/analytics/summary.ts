import { searchTokens } from "../../../bot/nlu/features.ts";
import type { FeedbackRow } from "./analytics.service.ts";

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
export function summarize(numbers: Numbers, feedback: FeedbackRow[], locale: "en" | "zh-CN"): { text: string; locale: string } {
  const comments = feedback.filter((f) => f.comment || f.reason);
  const good = comments.filter((f) => (f.csat ?? 0) >= 4 || f.thumbs === "up");
  const bad = comments.filter((f) => (f.csat !== null && f.csat <= 2) || f.thumbs === "down");
  const praise = theme(good, locale);
  const complaint = theme(bad, locale);
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const gap = numbers.knowledgeGaps[0];
  const zh = locale === "zh-CN";
  const parts = [
    numbers.csat.count
      ? zh
        ? `满意度 ${numbers.csat.average}/5（${numbers.csat.count} 份评分）。`
        : `CSAT ${numbers.csat.average}/5 from ${numbers.csat.count} ratings.`
      : zh
        ? "本期还没有满意度评分。"
        : "No CSAT ratings in this period yet.",
    zh ? `机器人独立解决 ${pct(numbers.containmentRate)} 的会话，${pct(numbers.escalationRate)} 转人工。` : `The bot resolved ${pct(numbers.containmentRate)} of conversations on its own; ${pct(numbers.escalationRate)} went to a person.`,
    praise ? (zh ? `好评主要提到“${praise.word}”（${praise.count} 次），例如：“${praise.quote}”。` : `Praise mostly mentions "${praise.word}" (${praise.count}×), e.g. "${praise.quote}".`) : "",
    complaint ? (zh ? `差评主要关于“${complaint.word}”（${complaint.count} 次），例如：“${complaint.quote}”。` : `Complaints are mostly about "${complaint.word}" (${complaint.count}×), e.g. "${complaint.quote}".`) : "",
    gap ? (zh ? `最常见的未解答问题：“${gap.question}”（${gap.count} 次）——可以为它写一篇帮助文章。` : `Most frequent unanswered question: "${gap.question}" (${gap.count}×) — worth a help article.`) : "",
  ];
  return { text: parts.filter(Boolean).join(" "), locale };
}

function theme(rows: FeedbackRow[], locale: "en" | "zh-CN") {
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
