import { parseChineseNumber, parseEnglishNumber } from "./numbers.ts";

/** What a product request asks beyond names: a price range, a category, a gift, availability. */
export interface ProductConstraints {
  /** Bounds in the shop currency's minor units, inclusive. */
  minPrice?: number;
  maxPrice?: number;
  /** Catalog tags of the categories named ("tea", "skincare"), any of which a product may carry. */
  categories: string[][];
  gift: boolean;
  inStock: boolean;
}

const N = String.raw`(\d+(?:\.\d{1,2})?|[一二两三四五六七八九十百千]+)`;
const UNIT = String.raw`\s*(?:¥|￥|元|块钱|块|rmb|yuan|cny|kuai|bucks?)?`;
const CUR = String.raw`(?:¥|￥|rmb\s?|cny\s?)?`;

const MAX_EN = new RegExp(String.raw`\b(?:under|below|less than|cheaper than|at most|max(?:imum)?|up to|no more than|within|budget(?: is| of)?(?: about| around)?|around|about|<)\s*${CUR}${N}${UNIT}`, "i");
const MIN_EN = new RegExp(String.raw`\b(?:over|above|more than|at least|from|>)\s*${CUR}${N}${UNIT}(?!\s*(?:days?|hours?))`, "i");
const BETWEEN = new RegExp(String.raw`(?:between\s*)?${CUR}${N}${UNIT}\s*(?:and|to|-|–|~|到|至)\s*${CUR}${N}${UNIT}(?:\s*(?:之间|左右))?`, "i");
const MAX_ZH = new RegExp(String.raw`${CUR}${N}\s*(?:元|块钱|块|rmb)?\s*(?:以内|以下|之内|内|不到)|(?:不超过|低于|少于|预算)\s*${CUR}${N}`, "i");
const MIN_ZH = new RegExp(String.raw`${CUR}${N}\s*(?:元|块钱|块)?\s*以上|(?:高于|超过)\s*${CUR}${N}`, "i");
/** "around 100" / "100左右" is a budget, not a hard line: a little over still fits. */
const ROUGH = /\b(around|about|budget)\b|左右|差不多/i;

/** Category words per language and the catalog tags they stand for. */
const CATEGORIES: { words: RegExp; tags: string[] }[] = [
  { words: /\btea\b|茶(?!杯|具|壶|宠)/i, tags: ["tea"] },
  { words: /\bsnacks?\b|\bnibbles\b|零食|小吃|吃的/i, tags: ["snacks"] },
  { words: /\bskin ?care\b|\bbeauty\b|护肤|美妆|化妆品/i, tags: ["skincare", "beauty"] },
  { words: /\bphone cases?\b|\bcases?\b|手机壳/i, tags: ["phone case"] },
  { words: /\bclothes\b|\bclothing\b|\bapparel\b|衣服|服装|穿的/i, tags: ["clothing"] },
  { words: /\btoys?\b|玩具/i, tags: ["toys"] },
  { words: /\blamps?\b|\blights?\b|灯/i, tags: ["lamp"] },
  { words: /\bchargers?\b|\bcharging\b|充电/i, tags: ["charger", "power bank", "charging cable"] },
  { words: /\bcables?\b|数据线/i, tags: ["cable"] },
  { words: /\bmugs?\b|\bcups?\b|杯/i, tags: ["mug", "cup"] },
];

/** "Gift wrapping", "礼品包装", "a gift card message" are services, not things to buy. */
const GIFT_SERVICE = /\bgift[- ]?(wrap\w*|box(es)?|cards?|messages?|notes?|receipts?|bags?)\b|\b(wrap|wrapping)\b|礼品包装|包装|贺卡|礼盒包装|留言卡/i;
const GIFT = /\b(gifts?|present|presents|gifting|for (my )?(mom|mum|dad|mother|father|wife|husband|girlfriend|boyfriend|friend|grandma|grandmother|grandpa|parents?|colleague|boss|teacher))\b|送礼|礼物|礼品|送人|送给|伴手礼/i;
const IN_STOCK = /\bin stock\b|\bavailable now\b|有货|现货/i;

export function parseConstraints(text: string): ProductConstraints {
  const t = text.normalize("NFKC");
  const out: ProductConstraints = { categories: [], gift: GIFT.test(t) && !GIFT_SERVICE.test(t), inStock: IN_STOCK.test(t) };
  const between = BETWEEN.exec(t);
  if (between && /between|之间|[¥￥元块]|rmb|yuan/i.test(between[0])) {
    const [a, b] = [amount(between[1]!), amount(between[2]!)];
    if (a !== null && b !== null) [out.minPrice, out.maxPrice] = a <= b ? [a, b] : [b, a];
  } else {
    const max = MAX_EN.exec(t) ?? MAX_ZH.exec(t);
    const maxValue = max ? amount(max[1] ?? max[2]!) : null;
    if (maxValue !== null) out.maxPrice = ROUGH.test(t) ? Math.round(maxValue * 1.2) : maxValue;
    const min = MIN_EN.exec(t) ?? MIN_ZH.exec(t);
    const minValue = min ? amount(min[1] ?? min[2]!) : null;
    if (minValue !== null && /[¥￥元块]|rmb|yuan|以上/i.test(min![0])) out.minPrice = minValue;
  }
  for (const category of CATEGORIES) if (category.words.test(t)) out.categories.push(category.tags);
  return out;
}

export const hasConstraints = (c: ProductConstraints) => c.minPrice !== undefined || c.maxPrice !== undefined || c.categories.length > 0 || c.gift || c.inStock;

/** Minor units from "100", "99.9", "一百", "两百". */
function amount(raw: string): number | null {
  const n = /^\d/.test(raw) ? Number(raw) : (parseChineseNumber(raw) ?? parseEnglishNumber(raw));
  if (n === null || !Number.isFinite(n) || n <= 0 || n > 1_000_000) return null;
  return Math.round(n * 100);
}
