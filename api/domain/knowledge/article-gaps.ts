import type { Locale } from "../../contracts/common.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import { clusterQuestions } from "../analytics/gaps.ts";
import type { KnowledgeService } from "./knowledge.service.ts";

/** How much of a question (IDF-weighted) the article's best passage must cover to count as its answer. */
const COVERS = 0.5;
const WINDOW_DAYS = 90;

/**
 * The knowledge gaps (questions the bot could not answer, clustered as on the dashboard) that
 * this article answers now: those whose best passage in the help center, searched the way the
 * bot searches, is one of this article's and covers at least half of the question.
 */
export async function gapsAnsweredBy(prisma: PrismaClient, knowledge: KnowledgeService, merchantId: string, articleId: string, now = new Date()) {
  const article = await knowledge.get(merchantId, articleId);
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const unanswered = await prisma.message.findMany({
    where: { merchantId, role: "shopper", unanswered: true, locale: article.locale, createdAt: { gte: since } },
    select: { text: true, locale: true },
    orderBy: { createdAt: "desc" },
    take: 2000,
  });
  const answered = [];
  for (const gap of clusterQuestions(unanswered).slice(0, 50)) {
    const [best] = await knowledge.search(merchantId, article.locale as Locale, { text: gap.question }, 1);
    if (best && best.articleId === article.id && best.score >= COVERS) answered.push({ question: gap.question, count: gap.count, score: Math.round(best.score * 100) / 100 });
  }
  return answered;
}
