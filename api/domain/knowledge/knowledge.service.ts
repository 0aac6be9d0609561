import type { Article as ArticleRow, PrismaClient } from "../../db/generated/client.ts";
import type { Article, ArticleCreate, ArticleUpdate } from "../../contracts/knowledge.ts";
import { searchTokens } from "../../../bot/nlu/features.ts";
import type { Locale, Passage } from "../../../bot/ports.ts";
import { PassageIndex } from "../../../knowledge/retrieval.ts";
import { conflict, notFound } from "../../errors.ts";
import type { Caches } from "../shared/caches.ts";
import { pageArgs, toPage } from "../shared/pagination.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";

/**
 * The merchant's help center: articles in the database (editable over the API) and a
 * passage index per merchant and locale, rebuilt on the next search after any change.
 */
export class KnowledgeService {
  private readonly indexes = new Map<string, Promise<{ index: PassageIndex; merchantSlug: string }>>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly caches: Caches,
  ) {
    caches.register("knowledge", (merchantId) => this.invalidate(merchantId));
  }

  async list(merchantId: string, query: { limit: number; cursor?: string; locale?: string; status?: "published" | "draft" }) {
    const rows = await this.prisma.article.findMany({
      where: { merchantId, ...(query.locale ? { locale: query.locale } : {}), ...(query.status ? { status: query.status } : {}) },
      include: { merchant: { select: { slug: true } } },
      orderBy: [{ slug: "asc" }, { id: "asc" }],
      ...pageArgs(query.limit, query.cursor),
    });
    return toPage(rows, query.limit, (row) => toArticleDto(row, row.merchant.slug));
  }

  async get(merchantId: string, id: string): Promise<Article> {
    const row = await this.prisma.article.findFirst({ where: { id, merchantId }, include: { merchant: { select: { slug: true } } } });
    if (!row) throw notFound("knowledge", "article");
    return toArticleDto(row, row.merchant.slug);
  }

  async create(merchantId: string, input: ArticleCreate): Promise<Article> {
    try {
      const row = await this.prisma.article.create({
        data: { merchantId, slug: input.slug, locale: input.locale, title: input.title, body: input.body, tags: input.tags ?? [], status: input.status ?? "published" },
        include: { merchant: { select: { slug: true } } },
      });
      await this.caches.changed(merchantId, "knowledge");
      return toArticleDto(row, row.merchant.slug);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("knowledge:slug_taken", `An article ${input.slug} in ${input.locale} exists already.`);
      throw error;
    }
  }

  async update(merchantId: string, id: string, changes: ArticleUpdate): Promise<Article> {
    await this.get(merchantId, id);
    const row = await this.prisma.article.update({ where: { id }, data: changes, include: { merchant: { select: { slug: true } } } });
    await this.caches.changed(merchantId, "knowledge");
    return toArticleDto(row, row.merchant.slug);
  }

  async remove(merchantId: string, id: string): Promise<void> {
    await this.get(merchantId, id);
    await this.prisma.article.delete({ where: { id } });
    await this.caches.changed(merchantId, "knowledge");
  }

  /** A published article by its public address (for the help page the bot's citations link to). */
  async findPublished(merchantSlug: string, locale: string, slug: string) {
    return this.prisma.article.findFirst({ where: { merchant: { slug: merchantSlug }, locale, slug, status: "published" } });
  }

  async search(merchantId: string, locale: Locale, query: { text: string; hint?: string }, limit: number): Promise<Passage[]> {
    const { index, merchantSlug } = await this.indexFor(merchantId, locale);
    return index.search(query.text, limit, query.hint).map((hit) => ({
      articleId: hit.articleId,
      slug: hit.slug,
      title: hit.title,
      heading: hit.heading,
      position: hit.position,
      locale,
      text: hit.heading ? `${hit.heading}\n${hit.text}` : hit.text,
      score: hit.score,
      url: articleUrl(merchantSlug, locale, hit.slug),
    }));
  }

  private indexFor(merchantId: string, locale: Locale) {
    const key = `${merchantId}:${locale}`;
    let entry = this.indexes.get(key);
    if (!entry) {
      entry = (async () => {
        const [articles, merchant] = await Promise.all([
          this.prisma.article.findMany({ where: { merchantId, locale, status: "published" } }),
          this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { slug: true } }),
        ]);
        return { index: new PassageIndex(articles, (text) => searchTokens(text, locale)), merchantSlug: merchant.slug };
      })();
      entry.catch(() => this.indexes.delete(key));
      this.indexes.set(key, entry);
    }
    return entry;
  }

  private invalidate(merchantId: string) {
    for (const key of this.indexes.keys()) if (merchantId === "*" || key.startsWith(`${merchantId}:`)) this.indexes.delete(key);
  }
}

export const articleUrl = (merchantSlug: string, locale: string, slug: string) => `/help/${merchantSlug}/${locale}/${slug}`;

function toArticleDto(row: ArticleRow, merchantSlug: string): Article {
  return {
    id: row.id,
    slug: row.slug,
    locale: row.locale as Article["locale"],
    title: row.title,
    body: row.body,
    tags: row.tags,
    status: row.status,
    url: articleUrl(merchantSlug, row.locale, row.slug),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
