import type { Database } from "../../db/database.ts";
import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import type { Logger } from "../../logger.ts";
import type { Caches } from "../shared/caches.ts";
import { TtlCache } from "../shared/ttl-cache.ts";
import { buildModel, type Basket, type RecoModel } from "./model.ts";
import { recommend, type RecoQuery, type Scored } from "./recommend.ts";

const DAY = 86_400_000;
/** Orders a model learns from (a year: every season once). */
const HISTORY_DAYS = 365;
/** How long a node keeps a model before reading the job's newer one. */
const MODEL_TTL_MS = 60_000;

/** A product a shopper may be shown: active and in stock, with what a card needs. */
export interface Sellable {
  id: string;
  sku: string;
  name: { en?: string; "zh-CN"?: string };
  description: { en?: string; "zh-CN"?: string };
  price: { amount: number; currency: string };
  stock: number;
  imageUrl: string | null;
  tags: string[];
}

/** Products shown together in one conversation (a bot message's products block): the co-view signal. */
const VIEWS_SQL = `
  select m."conversationId" as "conversationId", m.blocks as blocks
  from "Message" m
  where m."merchantId" = $1 and m.role = 'bot' and m."createdAt" >= $2 and m.blocks::text like '%"products"%'
  order by m."createdAt" desc limit 20000`;

/**
 * Recommendations per merchant. The job trains the model from the catalog, a year of orders
 * and what conversations showed together, and stores it; every node keeps the stored model
 * in memory (re-read every minute) with the list of sellable products (dropped whenever the
 * catalog changes), so a recommendation is two map reads and a pure ranking.
 */
export class RecommendationsService {
  private readonly models = new TtlCache<{ merchantId: string; model: RecoModel }>(MODEL_TTL_MS, 1000);
  private readonly sellable = new TtlCache<{ merchantId: string; products: Map<string, Sellable> }>(10_000, 1000);

  constructor(
    private readonly prisma: PrismaClient,
    private readonly db: Pick<Database, "query">,
    private readonly log: Logger,
    caches: Pick<Caches, "register">,
  ) {
    caches.register("catalog", (merchantId) => this.sellable.dropMerchant(merchantId));
  }

  /** Ranked sellable products for the query (the model is trained on first use if the job has not run yet). */
  async recommend(merchantId: string, query: Omit<RecoQuery, "available">): Promise<(Sellable & { reason: Scored["reason"] })[]> {
    const [{ model }, { products }] = await Promise.all([this.model(merchantId), this.sellableOf(merchantId)]);
    return recommend(model, { ...query, available: (id) => products.has(id) }).map((s) => ({ ...products.get(s.productId)!, reason: s.reason }));
  }

  /** Trains and stores the merchant's model (the job). */
  async rebuild(merchantId: string, now = new Date()): Promise<RecoModel> {
    const since = new Date(now.getTime() - HISTORY_DAYS * DAY);
    const [products, orders, views] = await Promise.all([
      this.prisma.product.findMany({ where: { merchantId }, select: { id: true, name: true, description: true, tags: true, priceAmount: true } }),
      this.prisma.order.findMany({
        where: { merchantId, createdAt: { gte: since }, status: { notIn: ["cancelled"] } },
        select: { customerId: true, customerEmail: true, createdAt: true, items: { select: { productId: true } } },
      }),
      this.db.query<{ conversationId: string; blocks: unknown }>(VIEWS_SQL, [merchantId, new Date(now.getTime() - 90 * DAY)]),
    ]);
    const baskets: Basket[] = orders.map((o) => ({ shopper: shopperKey(o.customerId, o.customerEmail), at: o.createdAt.getTime(), productIds: o.items.map((i) => i.productId) }));
    const model = buildModel(
      products.map((p) => ({ id: p.id, name: p.name as Sellable["name"], description: (p.description ?? {}) as Sellable["description"], tags: p.tags, price: p.priceAmount })),
      baskets,
      { now: now.getTime(), views: viewSessions(views.rows) },
    );
    const data = model as unknown as Prisma.InputJsonValue;
    await this.prisma.recommendationModel.upsert({ where: { merchantId }, create: { merchantId, data, builtAt: now }, update: { data, builtAt: now } });
    this.models.dropMerchant(merchantId);
    this.log.info({ merchantId, products: products.length, orders: orders.length }, "recommendations trained");
    return model;
  }

  /** Every merchant's model (the scheduled job). */
  async rebuildAll(): Promise<void> {
    const merchants = await this.prisma.merchant.findMany({ select: { id: true } });
    for (const m of merchants) await this.rebuild(m.id);
  }

  private model(merchantId: string) {
    return this.models.get(
      `model:${merchantId}`,
      async () => {
        const stored = await this.prisma.recommendationModel.findUnique({ where: { merchantId } });
        return { merchantId, model: stored ? (stored.data as unknown as RecoModel) : await this.rebuild(merchantId) };
      },
      (v) => v.merchantId,
    );
  }

  private sellableOf(merchantId: string) {
    return this.sellable.get(
      `sellable:${merchantId}`,
      async () => {
        const rows = await this.prisma.product.findMany({ where: { merchantId, status: "active", stock: { gt: 0 } } });
        const products = new Map<string, Sellable>(
          rows.map((p) => [p.id, { id: p.id, sku: p.sku, name: p.name as Sellable["name"], description: (p.description ?? {}) as Sellable["description"], price: { amount: p.priceAmount, currency: p.currency }, stock: p.stock, imageUrl: p.imageUrl, tags: p.tags }]),
        );
        return { merchantId, products };
      },
      (v) => v.merchantId,
    );
  }
}

/** Whose history an order is: the verified customer, else the email on it. */
export const shopperKey = (customerId: string | null, email: string) => (customerId ? `customer:${customerId}` : `email:${email.toLowerCase()}`);

function viewSessions(rows: { conversationId: string; blocks: unknown }[]): string[][] {
  const byConversation = new Map<string, Set<string>>();
  for (const row of rows) {
    const blocks = (typeof row.blocks === "string" ? JSON.parse(row.blocks) : row.blocks) as { type?: string; items?: { id?: string }[] }[] | null;
    if (!Array.isArray(blocks)) continue;
    const seen = byConversation.get(row.conversationId) ?? new Set<string>();
    for (const block of blocks) if (block?.type === "products" && Array.isArray(block.items)) for (const item of block.items) if (typeof item?.id === "string") seen.add(item.id);
    byConversation.set(row.conversationId, seen);
  }
  return [...byConversation.values()].filter((s) => s.size > 1).map((s) => [...s].slice(0, 12));
}
