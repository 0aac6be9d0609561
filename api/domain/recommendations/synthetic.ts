import type { Basket, CatalogItem } from "./model.ts";

/**
 * A seeded, synthetic shop history for offline evaluation (no real shopper data involved).
 *
 * - Catalog: `categories` kinds of product (tea, snacks, outdoor, ...), `perCategory` each,
 *   with bilingual names built from the kind's words, a price level (budget / mid / premium)
 *   and a base appeal following a Zipf law (a few best-sellers in every kind).
 * - Seasons: every kind has a peak month; its demand swings ±`seasonality` around it
 *   (tea and gifts in winter, outdoor in summer...).
 * - Shoppers: each likes 1–3 kinds (random weights), one price level, and orders a Poisson
 *   number of times over the year; an order is a kind from their taste (or, with
 *   probability `noise`, any kind), then a product of that kind by appeal × price fit ×
 *   season; sometimes a repeat of something they bought; sometimes a companion item from the
 *   kind's partner (tea with a mug) in the same basket.
 */
export interface SyntheticOptions {
  seed?: number;
  shoppers?: number;
  categories?: number;
  perCategory?: number;
  /** Orders per shopper per year (Poisson mean). @defaultValue 6 */
  ordersPerYear?: number;
  /** Share of orders outside the shopper's taste. @defaultValue 0.2 */
  noise?: number;
  /** Seasonal swing of demand, 0..1. @defaultValue 0.6 */
  seasonality?: number;
  /** Days of history. @defaultValue 365 */
  days?: number;
  /** The day the history starts (ms). */
  start?: number;
}

export interface SyntheticShop {
  products: CatalogItem[];
  baskets: Basket[];
}

const KINDS: [string, string, string[], string[]][] = [
  ["tea", "茶", ["green", "oolong", "jasmine", "puer", "black"], ["绿茶", "乌龙", "茉莉", "普洱", "红茶"]],
  ["snacks", "零食", ["mango", "nuts", "cookie", "chips", "jerky"], ["芒果干", "坚果", "饼干", "薯片", "肉干"]],
  ["outdoor", "户外", ["tent", "backpack", "hiking", "lantern", "bottle"], ["帐篷", "背包", "徒步", "营灯", "水壶"]],
  ["skincare", "护肤", ["serum", "cream", "mask", "toner", "sunscreen"], ["精华", "面霜", "面膜", "爽肤水", "防晒"]],
  ["phone", "手机", ["case", "charger", "cable", "stand", "screen"], ["手机壳", "充电器", "数据线", "支架", "贴膜"]],
  ["clothing", "服装", ["socks", "scarf", "hoodie", "tee", "cap"], ["袜子", "围巾", "卫衣", "T恤", "帽子"]],
  ["kitchen", "厨房", ["mug", "teapot", "knife", "pan", "board"], ["马克杯", "茶壶", "刀具", "平底锅", "砧板"]],
  ["toys", "玩具", ["puzzle", "blocks", "plush", "kite", "yo-yo"], ["拼图", "积木", "毛绒", "风筝", "悠悠球"]],
  ["books", "图书", ["novel", "cookbook", "atlas", "poetry", "comic"], ["小说", "菜谱", "地图册", "诗集", "漫画"]],
  ["home", "家居", ["lamp", "candle", "pillow", "rug", "vase"], ["台灯", "蜡烛", "枕头", "地毯", "花瓶"]],
  ["fitness", "健身", ["yoga", "dumbbell", "band", "mat", "rope"], ["瑜伽", "哑铃", "弹力带", "垫子", "跳绳"]],
  ["pets", "宠物", ["leash", "treats", "bowl", "toy", "bed"], ["牵引绳", "零食", "食盆", "玩具", "窝"]],
];
/** Kinds bought together: the second item of a basket often comes from the partner kind. */
const PARTNER = [6, 6, 10, 3, 4, 5, 0, 8, 1, 9, 2, 11];
const PEAK_MONTH = [12, 2, 7, 5, 9, 1, 11, 12, 9, 3, 6, 4];
const PRICE_LEVELS = [[1500, 6000], [6000, 15000], [15000, 40000]] as const;

export function generateShop(options: SyntheticOptions = {}): SyntheticShop {
  const rand = rng(options.seed ?? 42);
  const kinds = Math.min(options.categories ?? 12, KINDS.length);
  const perKind = options.perCategory ?? 15;
  const days = options.days ?? 365;
  const start = options.start ?? Date.UTC(2025, 0, 1);
  const noise = options.noise ?? 0.2;
  const swing = options.seasonality ?? 0.6;

  const products: (CatalogItem & { kind: number; level: number; appeal: number })[] = [];
  for (let k = 0; k < kinds; k++) {
    const [en, zh, wordsEn, wordsZh] = KINDS[k]!;
    for (let i = 0; i < perKind; i++) {
      const w = i % wordsEn.length;
      const level = Math.floor(rand() * 3);
      const [lo, hi] = PRICE_LEVELS[level]!;
      products.push({
        id: `p${k}-${i}`,
        name: { en: `${wordsEn[w]} ${en} no.${i}`, "zh-CN": `${wordsZh[w]}${zh}${i}号` },
        description: { en: `A ${["budget", "classic", "premium"][level]} ${wordsEn[w]} for ${en} lovers.`, "zh-CN": `${["实惠", "经典", "高端"][level]}${wordsZh[w]}` },
        tags: [en, ...(k === 0 || k === 6 || level === 2 ? ["gift"] : [])],
        price: Math.round(lo + rand() * (hi - lo)),
        kind: k,
        level,
        appeal: 1 / Math.pow(i + 1, 0.9),
      });
    }
  }
  const byKind = Array.from({ length: kinds }, (_, k) => products.filter((p) => p.kind === k));
  const season = (kind: number, at: number) => {
    const month = new Date(at).getUTCMonth() + 1;
    const distance = Math.min(Math.abs(month - PEAK_MONTH[kind]!), 12 - Math.abs(month - PEAK_MONTH[kind]!));
    return 1 + swing * Math.cos((distance / 6) * Math.PI);
  };

  const baskets: Basket[] = [];
  const shoppers = options.shoppers ?? 3000;
  for (let s = 0; s < shoppers; s++) {
    const liked = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => Math.floor(rand() * kinds));
    const weights = liked.map(() => 0.2 + rand());
    const level = Math.floor(rand() * 3);
    const count = poisson(rand, (options.ordersPerYear ?? 6) * (0.3 + rand() * 1.4) * (days / 365));
    const times = Array.from({ length: count }, () => start + rand() * days * 86_400_000).sort((a, b) => a - b);
    const bought: string[] = [];
    for (const at of times) {
      const pick = (kind: number) => choose(rand, byKind[kind]!, (p) => p.appeal * (p.level === level ? 3 : 1) * season(kind, at));
      const again = bought.length && rand() < 0.15 ? bought[Math.floor(rand() * bought.length)] : undefined;
      const first = again ? products.find((p) => p.id === again)! : pick(rand() < noise ? Math.floor(rand() * kinds) : liked[chooseIndex(rand, weights)]!);
      const items = [first.id];
      if (rand() < 0.35) items.push(pick(rand() < 0.6 ? PARTNER[first.kind]! % kinds : first.kind).id);
      baskets.push({ shopper: `s${s}`, at: Math.round(at), productIds: [...new Set(items)] });
      bought.push(...items);
    }
  }
  baskets.sort((a, b) => a.at - b.at);
  return { products: products.map(({ kind: _k, level: _l, appeal: _a, ...p }) => p), baskets };
}

/** mulberry32: small, fast and seeded, so every run sees the same shop. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

function chooseIndex(rand: () => number, weights: number[]): number {
  let r = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) <= 0) return i;
  return weights.length - 1;
}

function choose<T>(rand: () => number, items: T[], weight: (item: T) => number): T {
  return items[chooseIndex(rand, items.map(weight))]!;
}
