import { searchTokens } from "../../bot/nlu/features.ts";
import type { KnowledgePort, Locale } from "../../bot/ports.ts";
import { loadArticles } from "../../knowledge/articles.ts";
import { PassageIndex } from "../../knowledge/retrieval.ts";

/** The demo shop's real help center, indexed in memory. */
export class InMemoryKnowledge implements KnowledgePort {
  private readonly indexes = new Map<string, PassageIndex>();

  constructor(shop = "demo-shop") {
    for (const locale of ["en", "zh-CN"] as const) {
      const articles = loadArticles(shop).filter((a) => a.locale === locale).map((a) => ({ ...a, id: `${locale}/${a.slug}` }));
      this.indexes.set(locale, new PassageIndex(articles, (t) => searchTokens(t, locale)));
    }
  }

  async search(_merchantId: string, locale: Locale, query: { text: string; hint?: string }, limit: number) {
    const index = this.indexes.get(locale)!;
    return index.search(query.text, limit, query.hint).map((h) => ({ ...h, locale, text: h.heading ? `${h.heading}\n${h.text}` : h.text, url: `/help/demo/${locale}/${h.slug}` }));
  }
}
