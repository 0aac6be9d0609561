import type { RecoModel } from "./model.ts";

/** What a recommendation is for. Every field is optional: an empty query gives the popular products. */
export interface RecoQuery {
  /** Products being looked at (a product page, the items of an order just placed). */
  productIds?: string[];
  /** The identified shopper's key (customer id): their own history counts. */
  shopper?: string;
  /** Price bounds in minor units, inclusive. */
  minPrice?: number;
  maxPrice?: number;
  /** Category tag groups; a product must carry a tag of every group ("tea"). */
  categories?: string[][];
  /** The occasion is a gift: gift-tagged products first. */
  gift?: boolean;
  limit?: number;
  /** Products not to suggest (already in the cart, just bought). */
  exclude?: string[];
  /** Whether a product can be sold now (active and in stock); unknown products never are. */
  available?: (productId: string) => boolean;
}

export interface Scored {
  productId: string;
  score: number;
  /** What put it there: related to what is viewed/bought, the shopper's taste, or popularity alone. */
  reason: "related" | "personal" | "popular";
}

/** How much popularity counts next to evidence about this shopper or product: a tie-breaker and the cold start. */
const POPULARITY = 0.08;
/** The shopper's favourite tags lift products of the same kind that co-purchase has not linked yet. */
const TASTE = 0.5;
/** Large enough that gift-tagged products come first for a gift, whatever else is related. */
const GIFT = 100;
/** Shoppers buy some things again (tea, snacks): their own items count a little. */
const REPEAT = 0.6;
/** Anchor products weigh more than the shopper's older history. */
const ANCHOR = 3;

/**
 * Ranks the merchant's available products for a query. Pure and in memory: a few thousand
 * map lookups, well under a millisecond for a catalog of hundreds.
 */
export function recommend(model: RecoModel, query: RecoQuery): Scored[] {
  const limit = query.limit ?? 5;
  const exclude = new Set([...(query.exclude ?? []), ...(query.productIds ?? [])]);
  const fits = (id: string) => {
    const p = model.products[id];
    if (!p || exclude.has(id) || (query.available && !query.available(id))) return false;
    if (query.minPrice !== undefined && p.price < query.minPrice) return false;
    if (query.maxPrice !== undefined && p.price > query.maxPrice) return false;
    return (query.categories ?? []).every((group) => group.some((t) => p.tags.includes(t.toLowerCase())));
  };

  const seeds = new Map<string, number>();
  for (const id of query.productIds ?? []) seeds.set(id, ANCHOR);
  const history = query.shopper ? (model.histories[query.shopper] ?? []) : [];
  const historyTotal = history.reduce((sum, [, w]) => sum + w, 0) || 1;
  for (const [id, w] of history) seeds.set(id, (seeds.get(id) ?? 0) + w / historyTotal);

  const related = new Map<string, number>();
  for (const [seed, weight] of seeds) {
    for (const [id, v] of model.neighbours[seed] ?? []) related.set(id, (related.get(id) ?? 0) + weight * v);
  }
  const taste = tasteOf(model, history, historyTotal);
  const usualPrice = priceOf(model, history);
  const own = new Map(history.map(([id, w]) => [id, w / historyTotal]));
  const topByTag = topPopularityByTag(model);
  const topPopularity = Math.max(1e-9, ...Object.values(model.popularity));

  const scored: Scored[] = [];
  for (const id of Object.keys(model.products)) {
    if (!fits(id)) continue;
    const r = related.get(id) ?? 0;
    const p = model.products[id]!;
    const popular = (model.popularity[id] ?? 0) / topPopularity;
    // Within the kinds a shopper buys, the popular ones and those near their usual price are likelier.
    const priceFit = usualPrice === undefined ? 1 : Math.exp(-Math.abs(Math.log(p.price / usualPrice)));
    const inKind = Math.max(0, ...p.tags.map((tag) => (model.popularity[id] ?? 0) / (topByTag.get(tag) ?? Infinity)));
    const repeat = REPEAT * (own.get(id) ?? 0);
    const t = repeat + TASTE * p.tags.reduce((sum, tag) => sum + (taste.get(tag) ?? 0), 0) * (0.2 + inKind) * priceFit;
    const pop = POPULARITY * popular;
    // A gift is chosen among things made to be given when there are any.
    const occasion = query.gift && model.products[id]!.tags.includes("gift") ? GIFT : 0;
    const score = occasion + r + t + pop;
    scored.push({ productId: id, score, reason: r >= t && r > pop ? (query.productIds?.length ? "related" : "personal") : t > pop ? "personal" : "popular" });
  }
  return scored.sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId)).slice(0, limit);
}

const tagTops = new WeakMap<RecoModel, Map<string, number>>();

/** The best seller's popularity per tag, so a small kind's favourite counts as much as a big one's. */
function topPopularityByTag(model: RecoModel): Map<string, number> {
  let tops = tagTops.get(model);
  if (tops) return tops;
  tops = new Map();
  for (const [id, p] of Object.entries(model.products)) {
    for (const tag of p.tags) tops.set(tag, Math.max(tops.get(tag) ?? 1e-9, model.popularity[id] ?? 0));
  }
  tagTops.set(model, tops);
  return tops;
}

/** The shopper's usual price (weighted geometric mean), undefined without history. */
function priceOf(model: RecoModel, history: [string, number][]): number | undefined {
  let logSum = 0;
  let weight = 0;
  for (const [id, w] of history) {
    const price = model.products[id]?.price;
    if (price && price > 0) {
      logSum += w * Math.log(price);
      weight += w;
    }
  }
  return weight > 0 ? Math.exp(logSum / weight) : undefined;
}

/** The shopper's tags, weighted by how much of their history carries them (0..1 each). */
function tasteOf(model: RecoModel, history: [string, number][], total: number): Map<string, number> {
  const taste = new Map<string, number>();
  for (const [id, w] of history) for (const tag of model.products[id]?.tags ?? []) taste.set(tag, (taste.get(tag) ?? 0) + w / total);
  return taste;
}
