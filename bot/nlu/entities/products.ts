import { normalize } from "../normalize.ts";
import { stem } from "../stem.ts";

/** What the NLU needs to know of a catalog entry to recognise it in a message. */
export interface ProductRef {
  id: string;
  sku: string;
  name: { en?: string; "zh-CN"?: string };
  tags: string[];
}

export interface ProductMatch {
  product: ProductRef;
  score: number;
  start: number;
  end: number;
}

const STOP = new Set(["the", "a", "an", "and", "for", "with", "of", "in", "to", "my", "your", "i", "want", "buy", "order", "pcs", "set"]);
const HAN = /\p{Script=Han}/u;

/**
 * Finds catalog products mentioned in a message, fuzzily, in both languages: English by
 * word stems (names and tags, tolerant of typos through prefix matching), Chinese by the
 * longest run of characters shared with the product's name or tags.
 */
export function matchProducts(text: string, catalog: readonly ProductRef[], limit = 5): ProductMatch[] {
  const lower = text.normalize("NFKC").toLowerCase();
  const words = [...lower.matchAll(/[a-z]{3,}/g)].map((m) => ({ stem: stem(m[0]), start: m.index!, end: m.index! + m[0].length }));
  const matches: ProductMatch[] = [];
  for (const product of catalog) {
    let best = { score: 0, start: 0, end: 0 };
    if (lower.includes(product.sku.toLowerCase())) {
      const start = lower.indexOf(product.sku.toLowerCase());
      best = { score: 1, start, end: start + product.sku.length };
    }
    const english = englishScore(words, product);
    if (english.score > best.score) best = english;
    if (HAN.test(lower)) {
      const chinese = chineseScore(lower, product);
      if (chinese.score > best.score) best = chinese;
    }
    if (best.score >= 0.34) matches.push({ product, ...best });
  }
  return matches.sort((a, b) => b.score - a.score).slice(0, limit);
}

function englishScore(words: { stem: string; start: number; end: number }[], product: ProductRef) {
  const nameStems = (normalize(product.name.en ?? "").match(/[a-z]{3,}/g) ?? []).filter((w) => !STOP.has(w)).map(stem);
  const tagStems = product.tags.filter((t) => /^[a-z ]+$/.test(t)).flatMap((t) => t.split(" ")).filter((w) => w.length >= 3).map(stem);
  const vocabulary = new Set([...nameStems, ...tagStems]);
  let hits = 0;
  let start = Infinity;
  let end = 0;
  const seen = new Set<string>();
  for (const word of words) {
    if (STOP.has(word.stem)) continue;
    const hit = [...vocabulary].find((v) => v === word.stem || (v.length >= 5 && word.stem.length >= 5 && (v.startsWith(word.stem.slice(0, 5)))));
    if (hit && !seen.has(hit)) {
      seen.add(hit);
      hits += nameStems.includes(hit) ? 1 : 0.6;
      start = Math.min(start, word.start);
      end = Math.max(end, word.end);
    }
  }
  if (!hits) return { score: 0, start: 0, end: 0 };
  const coverage = hits / Math.max(2, Math.min(nameStems.length, 4));
  return { score: Math.min(0.95, coverage), start, end };
}

function chineseScore(text: string, product: ProductRef) {
  const candidates = [product.name["zh-CN"] ?? "", ...product.tags.filter((t) => HAN.test(t))].filter(Boolean);
  let best = { score: 0, start: 0, end: 0 };
  for (const candidate of candidates) {
    const { length, start } = longestCommonRun(text, candidate);
    if (length < 2) continue;
    const isTag = candidate !== product.name["zh-CN"];
    const score = Math.min(0.95, (length / Math.min([...candidate].length, 4)) * (isTag ? 0.8 : 1));
    if (score > best.score) best = { score, start, end: start + length };
  }
  return best;
}

/** Longest substring of `candidate` (Han characters only) that occurs in `text`. */
function longestCommonRun(text: string, candidate: string): { length: number; start: number } {
  let best = { length: 0, start: 0 };
  for (let i = 0; i < candidate.length; i++) {
    if (!HAN.test(candidate[i]!)) continue;
    for (let j = candidate.length; j > i + best.length; j--) {
      const piece = candidate.slice(i, j);
      if (!/^\p{Script=Han}+$/u.test(piece)) continue;
      const at = text.indexOf(piece);
      if (at >= 0) {
        best = { length: piece.length, start: at };
        break;
      }
    }
  }
  return best;
}
