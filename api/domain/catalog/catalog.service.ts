import type { Logger } from "../../logger.ts";
import type { PrismaClient, Prisma } from "../../db/generated/client.ts";
import type { ProductBatchItem, ProductCreate, ProductUpdate, Product } from "../../contracts/products.ts";
import { LOW_STOCK, productBatchItemSchema, RESTOCK_LEAD_DAYS } from "../../contracts/products.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { pageArgs, toPage } from "../shared/pagination.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";
import type { Caches } from "../shared/caches.ts";
import { TtlCache } from "../shared/ttl-cache.ts";
import { toProductDto } from "./product-mapper.ts";
import { storedImage } from "./product-images.ts";
import { randomUUID } from "node:crypto";

export interface MerchantScope {
  merchantId: string;
  currency: string;
}

export interface ProductQuery {
  limit: number;
  cursor?: string;
  status?: "active" | "delisted";
  q?: string;
  tag?: string;
  lowStock?: boolean;
  /** Only active products forecast to run out within the lead time. */
  runningOut?: boolean;
  leadDays?: number;
}

/** The demand forecasts the list shows per product (api/domain/recommendations/forecasts.service.ts). */
export interface CatalogForecasts {
  forStock(merchantId: string, products: { id: string; stock: number }[], options: { leadDays: number }): Promise<Map<string, { weeklyDemand: number; daysOfStockLeft: number | null; restockBy: string | null; restockWarning: boolean }>>;
  runningOut(merchantId: string, options: { leadDays: number }): Promise<string[]>;
}

export type BatchResult =
  | { index: number; ok: true; op: string; product: Product }
  | { index: number; ok: false; error: { code: string; message: string; details?: unknown } };

/** The merchant's catalog. Every query is scoped to one merchant. */
export class CatalogService {
  /**
   * List pages as JSON text, per merchant and query: the catalog is read far more than it is
   * written. Dropped on every node on any catalog change or order (stock); kept 2 s at most,
   * which bounds the staleness of stock an item edit moved without an event.
   */
  private readonly pages = new TtlCache<string>(2000, 5000);
  private forecasts: CatalogForecasts | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    /** Told of every committed change, so every node's bot sees the catalog as it is. */
    private readonly caches: Caches,
    private readonly log?: Pick<Logger, "error">,
  ) {
    caches.register("catalog", (merchantId) => this.pages.dropMerchant(merchantId));
  }

  /** Lets the list carry each product's demand forecast and filter those running out. */
  useForecasts(forecasts: CatalogForecasts) {
    this.forecasts = forecasts;
  }

  /** `list` as the JSON the API sends, from the page cache when it is fresh. */
  listJson(scope: MerchantScope, query: ProductQuery): Promise<string> {
    const key = `${scope.merchantId}\u0000${query.limit}\u0000${query.cursor ?? ""}\u0000${query.status ?? ""}\u0000${query.q ?? ""}\u0000${query.tag ?? ""}\u0000${query.lowStock ? 1 : 0}\u0000${query.runningOut ? 1 : 0}\u0000${query.leadDays ?? ""}`;
    return this.pages.get(key, async () => JSON.stringify(await this.list(scope, query)), () => scope.merchantId);
  }

  async list(scope: MerchantScope, query: ProductQuery) {
    const where: Prisma.ProductWhereInput = { merchantId: scope.merchantId };
    if (query.status) where.status = query.status;
    if (query.tag) where.tags = { has: query.tag };
    if (query.lowStock) where.stock = { lte: LOW_STOCK };
    const leadDays = query.leadDays ?? RESTOCK_LEAD_DAYS;
    if (query.runningOut) {
      where.status = "active";
      where.id = { in: this.forecasts ? await this.forecasts.runningOut(scope.merchantId, { leadDays }) : [] };
    }
    if (query.q) {
      where.OR = [
        { sku: { contains: query.q, mode: "insensitive" } },
        { name: { path: ["en"], string_contains: query.q } },
        { name: { path: ["zh-CN"], string_contains: query.q } },
        { tags: { has: query.q.toLowerCase() } },
      ];
    }
    const rows = await this.prisma.product.findMany({
      where,
      orderBy: [{ sku: "asc" }, { id: "asc" }],
      ...pageArgs(query.limit, query.cursor),
    });
    if (!this.forecasts) return toPage(rows, query.limit, toProductDto);
    // One read of the sales series for the whole page, one fit per active product on it.
    const forecasts = await this.forecasts.forStock(scope.merchantId, rows.slice(0, query.limit).filter((r) => r.status === "active"), { leadDays });
    return toPage(rows, query.limit, (row) => {
      const f = forecasts.get(row.id);
      return { ...toProductDto(row), forecast: f ? { weeklyDemand: f.weeklyDemand, daysOfStockLeft: f.daysOfStockLeft, restockBy: f.restockBy, warning: f.restockWarning } : null };
    });
  }

  async get(scope: MerchantScope, id: string): Promise<Product> {
    return toProductDto(await this.findRow(scope, id));
  }

  async create(scope: MerchantScope, input: ProductCreate): Promise<Product> {
    return this.changed(scope, await this.createRow(scope, input));
  }

  async update(scope: MerchantScope, id: string, changes: ProductUpdate): Promise<Product> {
    return this.changed(scope, await this.updateRow(scope, id, changes));
  }

  /** Products are never hard-deleted, since orders keep pointing at them: they are delisted. */
  async delist(scope: MerchantScope, id: string): Promise<Product> {
    return this.changed(scope, await this.delistRow(scope, id));
  }

  private async changed<T>(scope: MerchantScope, result: T): Promise<T> {
    await this.caches.changed(scope.merchantId, "catalog");
    return result;
  }

  private async createRow(scope: MerchantScope, input: ProductCreate): Promise<Product> {
    assertCurrency(scope, input.price.currency);
    const id = randomUUID();
    const image = storedImage(id, input.imageUrl);
    try {
      const row = await this.prisma.product.create({
        data: {
          id,
          merchantId: scope.merchantId,
          sku: input.sku,
          name: input.name,
          description: input.description ?? {},
          priceAmount: input.price.amount,
          currency: input.price.currency,
          stock: input.stock,
          status: input.status ?? "active",
          imageUrl: image.imageUrl ?? null,
          tags: input.tags ?? [],
          ...(image.dataUrl ? { image: { create: { dataUrl: image.dataUrl } } } : {}),
        },
      });
      return toProductDto(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("products:sku_taken", `SKU ${input.sku} is already in the catalog.`);
      throw error;
    }
  }

  private async updateRow(scope: MerchantScope, id: string, changes: ProductUpdate): Promise<Product> {
    await this.findRow(scope, id);
    if (changes.price) assertCurrency(scope, changes.price.currency);
    const image = storedImage(id, changes.imageUrl);
    const row = await this.prisma.product.update({
      where: { id },
      data: {
        name: changes.name,
        description: changes.description,
        priceAmount: changes.price?.amount,
        stock: changes.stock,
        status: changes.status,
        imageUrl: image.imageUrl,
        tags: changes.tags,
        // A new image replaces the stored one; a URL or null leaves none stored.
        ...(image.dataUrl ? { image: { upsert: { create: { dataUrl: image.dataUrl }, update: { dataUrl: image.dataUrl } } } } : {}),
      },
    });
    if (changes.imageUrl !== undefined && !image.dataUrl) await this.prisma.productImage.deleteMany({ where: { productId: id } });
    return toProductDto(row);
  }

  private async delistRow(scope: MerchantScope, id: string): Promise<Product> {
    await this.findRow(scope, id);
    return toProductDto(await this.prisma.product.update({ where: { id }, data: { status: "delisted" } }));
  }

  /** Applies each item on its own: one bad item fails alone and the rest go through. */
  async batch(scope: MerchantScope, items: unknown[]): Promise<BatchResult[]> {
    try {
      return await this.applyBatch(scope, items);
    } finally {
      // Once for the whole batch, even one that stopped half-way: what went through is committed.
      await this.caches.changed(scope.merchantId, "catalog");
    }
  }

  private async applyBatch(scope: MerchantScope, items: unknown[]): Promise<BatchResult[]> {
    const results: BatchResult[] = [];
    for (const [index, raw] of items.entries()) {
      const parsed = productBatchItemSchema.safeParse(raw);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        results.push({ index, ok: false, error: { code: "validation:invalid", message: "Invalid batch item.", details } });
        continue;
      }
      try {
        results.push({ index, ok: true, op: parsed.data.op, product: await this.applyBatchItem(scope, parsed.data) });
      } catch (error) {
        // Each item is one statement, so a failing item kept nothing; the items before it stay
        // (per-item results, as the contract says) and the rest still run: no 500 half-way.
        if (error instanceof AppError) results.push({ index, ok: false, error: { code: error.code, message: error.message } });
        else {
          this.log?.error({ err: error, index }, "product batch item failed");
          results.push({ index, ok: false, error: { code: "products:item_failed", message: "This item could not be saved; nothing of it was kept." } });
        }
      }
    }
    return results;
  }

  private async applyBatchItem(scope: MerchantScope, item: ProductBatchItem): Promise<Product> {
    if (item.op === "create") return this.createRow(scope, item.product);
    const row =
      "id" in item.ref
        ? await this.findRow(scope, item.ref.id)
        : await this.prisma.product.findUnique({ where: { merchantId_sku: { merchantId: scope.merchantId, sku: item.ref.sku } } });
    if (!row) throw notFound("products", "product");
    return item.op === "update" ? this.updateRow(scope, row.id, item.changes) : this.delistRow(scope, row.id);
  }

  private async findRow(scope: MerchantScope, id: string) {
    const row = await this.prisma.product.findFirst({ where: { id, merchantId: scope.merchantId } });
    if (!row) throw notFound("products", "product");
    return row;
  }
}

function assertCurrency(scope: MerchantScope, currency: string) {
  if (currency !== scope.currency) {
    throw new AppError(422, "products:currency_mismatch", `This shop sells in ${scope.currency}, not ${currency}.`);
  }
}
