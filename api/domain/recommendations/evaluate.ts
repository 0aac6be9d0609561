import { buildModel, type Basket, type CatalogItem } from "./model.ts";
import { recommend } from "./recommend.ts";

export interface EvalResult {
  /** Test orders: each shopper's first order after the split, for shoppers seen before it. */
  n: number;
  hit_rate_at_5: number;
  popularity_hit_rate_at_5: number;
}

/**
 * Time-split evaluation: train on every order before `splitAt`, then for each shopper with
 * history, recommend 5 products and check whether their next order (the first after the
 * split) contains one of them. The baseline recommends the 5 best-sellers of the training
 * period to everyone (what the bot did before).
 */
export function evaluate(products: CatalogItem[], baskets: Basket[], splitAt: number): EvalResult {
  const train = baskets.filter((b) => b.at < splitAt);
  const seen = new Set(train.map((b) => b.shopper));
  const next = new Map<string, Basket>();
  for (const b of baskets) if (b.at >= splitAt && seen.has(b.shopper) && !next.has(b.shopper)) next.set(b.shopper, b);

  const model = buildModel(products, train, { now: splitAt });
  const sales = new Map<string, number>();
  for (const b of train) for (const id of b.productIds) sales.set(id, (sales.get(id) ?? 0) + 1);
  const bestSellers = [...sales].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id]) => id);

  let hits = 0;
  let popularHits = 0;
  for (const [shopper, basket] of next) {
    const top = recommend(model, { shopper, limit: 5 }).map((s) => s.productId);
    if (basket.productIds.some((id) => top.includes(id))) hits++;
    if (basket.productIds.some((id) => bestSellers.includes(id))) popularHits++;
  }
  const n = next.size;
  const rate = (k: number) => (n ? Math.round((k / n) * 1e4) / 1e4 : 0);
  return { n, hit_rate_at_5: rate(hits), popularity_hit_rate_at_5: rate(popularHits) };
}
