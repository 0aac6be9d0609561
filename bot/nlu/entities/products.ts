import type { Locale } from "../../locales/locales.ts";
import { normalize } from "../normalize.ts";
import { stem } from "../stem.ts";

/** What the NLU needs to know of a catalog entry to recognise it in a message. */
export interface ProductRef {
  id: string;
  sku: string;
  name: Partial<Record<Locale, string>>;
  tags: string[];
}

export interface ProductMatch {
  product: ProductRef;
  score: number;
  start: number;
  end: number;
}

/**
 * Words that never name a product on their own: request words, and the words of service
 * topics that happen to be inside product names ("cancel" in Noise-Cancelling, "charge" in
 * charger: "how much do you charge for delivery?" is not about chargers).
 */
const STOP = new Set(
  [
    ...["the", "and", "for", "with", "you", "your", "want", "buy", "order", "pcs", "set", "have", "any", "some", "one", "like", "would", "need", "get", "can", "how", "much", "what", "this", "that", "please", "pack", "piece", "size"],
    ...["cancel", "cancelling", "cancellation", "return", "refund", "track", "deliver", "delivery", "ship", "shipping", "change", "account", "address", "invoice", "coupon", "pay", "payment", "fee", "cost", "charge", "charged", "charges", "free", "express", "fast", "days", "safe", "gift", "gifts", "present", "wrap", "wrapping", "crack", "cracked", "price", "protection", "sale", "sales", "flash", "stuff", "thing", "things", "item", "items"],
  ].flatMap((w) => [w, stem(w)]),
);
const HAN = /\p{Script=Han}/u;
const SIZE = /\b(XXXL|XXL|XL|XS|S|M|L)\b/g;

interface Prepared {
  product: ProductRef;
  /** English words of the name (weight 1) and tags (weight 0.6), sizes as "size:l". */
  words: Map<string, number>;
  /** Chinese name and Chinese tags, for shared-substring matching. */
  chinese: string[];
}

const prepared = new WeakMap<readonly ProductRef[], { items: Prepared[]; vocabulary: Set<string> }>();

/**
 * Finds catalog products mentioned in a message, fuzzily, in both languages. English: word
 * stems of names and tags (prefixes for typos), sizes ("white t-shirt in L"), scored by how
 * much of what the shopper said about products the item covers. Chinese: the pieces of two
 * or more characters the message shares with the name ("白色T恤 L码").
 */
export function matchProducts(text: string, catalog: readonly ProductRef[], limit = 5): ProductMatch[] {
  const { items, vocabulary } = prepare(catalog);
  const lower = text.normalize("NFKC").toLowerCase();
  const words = [...lower.matchAll(/[a-z]{3,}/g)]
    .map((m) => ({ key: stem(m[0]), start: m.index!, end: m.index! + m[0].length }))
    .filter((w) => !STOP.has(w.key));
  for (const m of text.normalize("NFKC").matchAll(SIZE)) words.push({ key: `size:${m[0].toLowerCase()}`, start: m.index!, end: m.index! + m[0].length });
  const asked = words.filter((w) => vocabulary.has(w.key) || [...vocabulary].some((v) => sameWord(v, w.key)));
  const matches: ProductMatch[] = [];
  for (const item of items) {
    let best = { score: 0, start: 0, end: 0 };
    const skuAt = lower.indexOf(item.product.sku.toLowerCase());
    if (skuAt >= 0) best = { score: 1, start: skuAt, end: skuAt + item.product.sku.length };
    if (asked.length) {
      const english = englishScore(asked, item);
      if (english.score > best.score) best = english;
    }
    if (HAN.test(lower)) {
      const chinese = chineseScore(lower, item);
      if (chinese.score > best.score) best = chinese;
      // Mixed-language names ("龙井 tea"): both halves agreeing beat either alone.
      const english = asked.length ? englishScore(asked, item) : undefined;
      if (english && english.score > 0 && chinese.score > 0) {
        best = { score: english.score + chinese.score, start: Math.min(english.start, chinese.start), end: Math.max(english.end, chinese.end) };
      }
    }
    if (best.score >= 0.34) matches.push({ product: item.product, ...best });
  }
  return matches
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((m) => ({ ...m, score: Math.min(0.95, m.score) }));
}

function prepare(catalog: readonly ProductRef[]) {
  let entry = prepared.get(catalog);
  if (!entry) {
    const vocabulary = new Set<string>();
    const items = catalog.map((product) => {
      const words = new Map<string, number>();
      for (const tag of product.tags.filter((t) => /^[a-z ]+$/i.test(t))) {
        for (const w of tag.toLowerCase().match(/[a-z]{3,}/g) ?? []) if (!STOP.has(w)) words.set(stem(w), 0.6);
      }
      const name = product.name.en ?? "";
      for (const w of normalize(name).match(/[a-z]{3,}/g) ?? []) if (!STOP.has(w)) words.set(stem(w), 1);
      for (const m of name.matchAll(SIZE)) words.set(`size:${m[0].toLowerCase()}`, 1);
      for (const m of (product.name["zh-CN"] ?? "").matchAll(/\b(XXXL|XXL|XL|XS|S|M|L)码/g)) words.set(`size:${m[1]!.toLowerCase()}`, 1);
      for (const w of words.keys()) vocabulary.add(w);
      const chinese = [product.name["zh-CN"] ?? "", ...product.tags.filter((t) => HAN.test(t))].filter(Boolean).map((s) => s.normalize("NFKC").toLowerCase());
      return { product, words, chinese };
    });
    entry = { items, vocabulary };
    prepared.set(catalog, entry);
  }
  return entry;
}

/** Equal stems, or a shared five-letter prefix (typos at the end: "headphons"). */
const sameWord = (a: string, b: string) => a === b || (a.length >= 5 && b.length >= 5 && /^[a-z]+$/.test(a + b) && a.slice(0, 5) === b.slice(0, 5));

function englishScore(asked: { key: string; start: number; end: number }[], item: Prepared) {
  let hits = 0;
  let start = Infinity;
  let end = 0;
  for (const word of asked) {
    const weight = item.words.get(word.key) ?? [...item.words].find(([k]) => sameWord(k, word.key))?.[1];
    if (!weight) continue;
    hits += weight;
    start = Math.min(start, word.start);
    end = Math.max(end, word.end);
  }
  if (!hits) return { score: 0, start: 0, end: 0 };
  return { score: hits / Math.min(asked.length, 3), start, end };
}

function chineseScore(text: string, item: Prepared) {
  let best = { score: 0, start: 0, end: 0 };
  item.chinese.forEach((candidate, index) => {
    const pieces = sharedPieces(text, candidate);
    if (pieces.length === 0) return;
    const chars = pieces.reduce((sum, p) => sum + p.length, 0);
    // Ranked on the raw share so that "白色T恤 L码" prefers the L over the M; reported capped.
    const score = (chars / 4) * (index === 0 ? 1 : 0.8);
    if (score > best.score) best = { score, start: Math.min(...pieces.map((p) => p.at)), end: Math.max(...pieces.map((p) => p.at + p.length)) };
  });
  return best;
}

/** Maximal pieces (2+ characters, at least one Chinese) of `candidate` that occur in `text`. */
function sharedPieces(text: string, candidate: string): { at: number; length: number }[] {
  const pieces: { at: number; length: number }[] = [];
  let i = 0;
  while (i < candidate.length) {
    let found = 0;
    let at = -1;
    for (let j = candidate.length; j >= i + 2; j--) {
      const piece = candidate.slice(i, j);
      if (!/^[\p{Script=Han}a-z0-9]+$/u.test(piece) || !(HAN.test(piece) || /^[a-z]+\d*码?$/.test(piece))) continue;
      const k = text.indexOf(piece);
      if (k >= 0) {
        found = piece.length;
        at = k;
        break;
      }
    }
    if (found) {
      pieces.push({ at, length: found });
      i += found;
    } else i++;
  }
  return pieces;
}
