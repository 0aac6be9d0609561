import { searchTokens } from "../../../bot/nlu/features.ts";

/** What the recommender knows of a product (the merchant's catalog at build time). */
export interface CatalogItem {
  id: string;
  name: { en?: string; "zh-CN"?: string };
  description: { en?: string; "zh-CN"?: string };
  tags: string[];
  /** Minor units. */
  price: number;
}

/** One order: who bought, when (ms), what. */
export interface Basket {
  shopper: string;
  at: number;
  productIds: string[];
}

/**
 * The trained recommender: plain JSON, so the job can store it and every node can load it.
 * `neighbours[p]` are the products most related to `p` (co-purchase, co-view and content,
 * blended), `popularity` is recency-decayed sales, `histories` each shopper's recent items.
 */
export interface RecoModel {
  builtAt: number;
  products: Record<string, { price: number; tags: string[] }>;
  neighbours: Record<string, [string, number][]>;
  popularity: Record<string, number>;
  histories: Record<string, [string, number][]>;
}

export interface BuildOptions {
  /** Products viewed together (shown in one conversation): a weaker signal than buying together. */
  views?: string[][];
  now?: number;
  /** Sales this old count half (seasons move popularity). @defaultValue 30 days */
  halfLifeMs?: number;
  /** Neighbours kept per product. @defaultValue 40 */
  keep?: number;
}

const DAY = 86_400_000;
/** How the three item-to-item signals mix; co-purchase is the strongest evidence. */
const WEIGHTS = { bought: 1, viewed: 0.4, content: 0.35 };

/** Builds the model from the catalog and the order history. Pure; O(baskets·k² + products²). */
export function buildModel(products: CatalogItem[], baskets: Basket[], options: BuildOptions = {}): RecoModel {
  const now = options.now ?? Date.now();
  const halfLife = options.halfLifeMs ?? 30 * DAY;
  const keep = options.keep ?? 40;
  const known = new Set(products.map((p) => p.id));
  const popularity: Record<string, number> = {};
  const histories = new Map<string, Map<string, number>>();
  const bought = cooccurrence();
  const viewed = cooccurrence();
  for (const basket of baskets) {
    const ids = [...new Set(basket.productIds.filter((id) => known.has(id)))];
    const decay = Math.pow(0.5, Math.max(0, now - basket.at) / halfLife);
    const history = histories.get(basket.shopper) ?? new Map<string, number>();
    for (const id of ids) {
      popularity[id] = (popularity[id] ?? 0) + decay;
      history.set(id, (history.get(id) ?? 0) + decay);
    }
    histories.set(basket.shopper, history);
    bought.add(ids);
  }
  // A shopper's orders taken together are a (weaker) basket too: what one person buys over time is related.
  for (const history of histories.values()) viewed.add([...history.keys()].slice(-12));
  for (const session of options.views ?? []) viewed.add([...new Set(session.filter((id) => known.has(id)))]);

  const tokens = new Map(products.map((p) => [p.id, contentTokens(p)]));
  const postings = invertedIndex(tokens);
  const neighbours: RecoModel["neighbours"] = {};
  for (const p of products) {
    const scores = new Map<string, number>();
    const plus = (id: string, v: number) => id !== p.id && v > 0 && scores.set(id, (scores.get(id) ?? 0) + v);
    for (const [id, v] of bought.cosine(p.id)) plus(id, WEIGHTS.bought * v);
    for (const [id, v] of viewed.cosine(p.id)) plus(id, WEIGHTS.viewed * v);
    const mine = tokens.get(p.id)!;
    for (const [id, shared] of sharedTokens(mine, postings)) plus(id, (WEIGHTS.content * shared) / (mine.size + tokens.get(id)!.size - shared));
    neighbours[p.id] = [...scores].sort((a, b) => b[1] - a[1]).slice(0, keep).map(([id, v]) => [id, round(v)]);
  }
  const hist: RecoModel["histories"] = {};
  for (const [shopper, items] of histories) hist[shopper] = [...items].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([id, v]) => [id, round(v)]);
  return {
    builtAt: now,
    products: Object.fromEntries(products.map((p) => [p.id, { price: p.price, tags: p.tags.map((t) => t.toLowerCase()) }])),
    neighbours,
    popularity: Object.fromEntries(Object.entries(popularity).map(([id, v]) => [id, round(v)])),
    histories: hist,
  };
}

/** Words of a product in both languages (stems, Chinese words and bigrams) and its tags. */
export function contentTokens(p: Pick<CatalogItem, "name" | "description" | "tags">): Set<string> {
  const text = [p.name.en, p.name["zh-CN"], p.description.en, p.description["zh-CN"]].filter(Boolean).join(" ");
  const out = new Set(searchTokens(text, "zh-CN"));
  for (const tag of p.tags) out.add(`#${tag.toLowerCase()}`);
  return out;
}

/** Co-occurrence counts with cosine normalisation (so best-sellers do not pair with everything). */
function cooccurrence() {
  const pairs = new Map<string, Map<string, number>>();
  const counts = new Map<string, number>();
  return {
    add(ids: string[]) {
      for (const a of ids) {
        counts.set(a, (counts.get(a) ?? 0) + 1);
        const row = pairs.get(a) ?? new Map<string, number>();
        for (const b of ids) if (a !== b) row.set(b, (row.get(b) ?? 0) + 1);
        pairs.set(a, row);
      }
    },
    *cosine(id: string): Iterable<[string, number]> {
      const n = counts.get(id) ?? 0;
      for (const [other, together] of pairs.get(id) ?? []) yield [other, together / Math.sqrt(n * (counts.get(other) ?? 1))];
    },
  };
}

/** Token -> products, without the tokens most products share (they say nothing and cost n²). */
function invertedIndex(tokens: Map<string, Set<string>>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [id, set] of tokens) for (const t of set) index.set(t, [...(index.get(t) ?? []), id]);
  const common = Math.max(20, tokens.size * 0.3);
  for (const [t, ids] of index) if (ids.length > common) index.delete(t);
  return index;
}

/** For each product sharing a token with `mine`: how many it shares (Jaccard's numerator). */
function sharedTokens(mine: Set<string>, index: Map<string, string[]>): Map<string, number> {
  const shared = new Map<string, number>();
  for (const t of mine) for (const id of index.get(t) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
  return shared;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
