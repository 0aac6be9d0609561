import type { Database } from "../../db/database.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import { TtlCache } from "../shared/ttl-cache.ts";
import { holtWinters, stockCover, type ProductForecast } from "./forecast.ts";

const DAY = 86_400_000;
/** Days of sales history a forecast reads (half a year: enough for the weekly season and the trend). */
const HISTORY_DAYS = 182;
/** Days ahead each fit forecasts (productForecast's default). */
const FORECAST_HORIZON = 28;

export interface ForecastRow extends ProductForecast {
  productId: string;
  sku: string;
  name: { en?: string; "zh-CN"?: string };
  stock: number;
}

/** A product's forecast with the last day to order a restock that arrives before it runs out. */
export interface StockForecast extends ProductForecast {
  /** YYYY-MM-DD (UTC): `daysOfStockLeft - leadDays` days from today, today when that is already past; null when nothing is expected to sell. */
  restockBy: string | null;
}

export function withRestockDate(forecast: ProductForecast, leadDays: number, now: Date): StockForecast {
  const restockBy = forecast.daysOfStockLeft === null ? null : new Date(now.getTime() + Math.max(0, Math.floor(forecast.daysOfStockLeft - leadDays)) * DAY).toISOString().slice(0, 10);
  return { ...forecast, restockBy };
}

/** Prisma keeps timestamps as UTC without a zone, so the date of the stored value is the UTC day. Cancelled or refunded orders were no demand that stock had to meet. */
const SALES_SQL = `
  select oi."productId" as "productId", to_char(o."createdAt", 'YYYY-MM-DD') as day, sum(oi.quantity)::int as units
  from "OrderItem" oi join "Order" o on o.id = oi."orderId"
  where o."merchantId" = $1 and o."createdAt" >= $2 and o."createdAt" < $3 and o.status::text not in ('cancelled', 'refunded')
  group by 1, 2`;

/**
 * Per active product: next week's demand, days of stock left and a restock warning,
 * from its daily sales. Sales series are cached a minute per merchant (the fit is the
 * costly part); stock is read fresh, so a restock clears its warning at once.
 */
export class ForecastsService {
  private readonly series = new TtlCache<{ merchantId: string; byProduct: Map<string, number[]>; fits: Map<string, number[]> }>(60_000, 1000);

  constructor(
    private readonly prisma: PrismaClient,
    private readonly db: Pick<Database, "query">,
  ) {}

  async forProducts(merchantId: string, options: { leadDays: number; now?: Date }): Promise<ForecastRow[]> {
    const now = options.now ?? new Date();
    const [products, sales] = await Promise.all([
      this.prisma.product.findMany({ where: { merchantId, status: "active" }, select: { id: true, sku: true, name: true, stock: true } }),
      this.salesOf(merchantId, now),
    ]);
    const rows = products.map((p) => ({
      productId: p.id,
      sku: p.sku,
      name: p.name as ForecastRow["name"],
      stock: p.stock,
      ...stockCover(this.fitOf(sales, p.id), p.stock, options.leadDays),
    }));
    // What runs out first comes first.
    return rows.sort((a, b) => (a.daysOfStockLeft ?? Infinity) - (b.daysOfStockLeft ?? Infinity) || a.sku.localeCompare(b.sku));
  }

  /**
   * The forecast of just these products at the stock given (a page of the catalog list): one
   * read of the merchant's cached sales series, and the fits kept with it (fitted once a minute at most).
   */
  async forStock(merchantId: string, products: { id: string; stock: number }[], options: { leadDays: number; now?: Date }): Promise<Map<string, StockForecast>> {
    const out = new Map<string, StockForecast>();
    if (!products.length) return out;
    const now = options.now ?? new Date();
    const sales = await this.salesOf(merchantId, now);
    for (const p of products) out.set(p.id, withRestockDate(stockCover(this.fitOf(sales, p.id), p.stock, options.leadDays), options.leadDays, now));
    return out;
  }

  /** The ids of the merchant's active products that run out within the lead time (the catalog's "will run out" filter). */
  async runningOut(merchantId: string, options: { leadDays: number; now?: Date }): Promise<string[]> {
    return (await this.forProducts(merchantId, options)).filter((f) => f.restockWarning).map((f) => f.productId);
  }

  /** A product's daily forecast: it depends only on the sales series, so it is kept with it (stock is applied fresh). */
  private fitOf(sales: { byProduct: Map<string, number[]>; fits: Map<string, number[]> }, productId: string): number[] {
    let fit = sales.fits.get(productId);
    if (!fit) sales.fits.set(productId, (fit = holtWinters(sales.byProduct.get(productId) ?? Array(HISTORY_DAYS).fill(0), FORECAST_HORIZON).forecast));
    return fit;
  }

  private salesOf(merchantId: string, now: Date) {
    return this.series.get(`${merchantId}:${now.toISOString().slice(0, 10)}`, () => this.dailySales(merchantId, now), (v) => v.merchantId);
  }

  /** Units sold per product per whole day over the history, oldest first, yesterday last (today is not over yet). */
  private async dailySales(merchantId: string, now: Date) {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const from = today - HISTORY_DAYS * DAY;
    const { rows } = await this.db.query<{ productId: string; day: string; units: number }>(SALES_SQL, [merchantId, new Date(from), new Date(today)]);
    const byProduct = new Map<string, number[]>();
    for (const row of rows) {
      const index = Math.round((Date.parse(`${row.day}T00:00:00Z`) - from) / DAY);
      if (index < 0 || index >= HISTORY_DAYS) continue;
      const series = byProduct.get(row.productId) ?? Array(HISTORY_DAYS).fill(0);
      series[index] += Number(row.units);
      byProduct.set(row.productId, series);
    }
    return { merchantId, byProduct, fits: new Map<string, number[]>() };
  }
}
