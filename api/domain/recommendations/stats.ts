import { createHash } from "node:crypto";

/**
 * The variant a subject sees: a hash of experiment id and subject mapped onto the weights.
 * Deterministic, so a shopper keeps their variant across reloads and on every node
 * without anything stored first.
 */
export function assignVariant<V extends { name: string; weight: number }>(experimentId: string, subject: string, variants: V[]): V {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  const point = (createHash("sha256").update(`${experimentId}:${subject}`).digest().readUInt32BE(0) / 2 ** 32) * total;
  let edge = 0;
  for (const v of variants) {
    edge += v.weight;
    if (point < edge) return v;
  }
  return variants.find((v) => v.weight > 0)!;
}

/** 95% Wilson score interval of `successes` in `n` (sound for small n and rates near 0 or 1). */
export function wilson(successes: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 0];
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}

/** The variant whose interval lies wholly above every other's; null while the intervals overlap. */
export function clearWinner(variants: { name: string; interval: [number, number] }[]): string | null {
  for (const v of variants) {
    if (variants.every((o) => o === v || v.interval[0] > o.interval[1])) return variants.length > 1 ? v.name : null;
  }
  return null;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
