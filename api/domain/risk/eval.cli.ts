import { SETTINGS, type RiskSettings } from "../merchants/settings.ts";
import { assessOrder } from "./facts.ts";
import { generateStream, MemoryHistory, rng } from "./stream.ts";
import { pointsAtRing, RING_LINKS } from "./score.ts";

/**
 * `npm run --silent risk:eval [-- --seed N | --seeds A-B]`: scores a seeded stream of normal and
 * fraudulent orders (stream.ts) in time order with the default thresholds, as the orders
 * service would (ring holds included), and prints per-pattern hold rates on stderr and, as the last line on
 * stdout, `{"n","fraud","normal","precision","recall","normal_held_rate",...}`.
 * Goal: recall (fraud orders held) >= 0.90 with normal_held_rate <= 0.02.
 */
export async function evaluate(seed: number, settings: RiskSettings = SETTINGS.risk.default) {
  const stream = generateStream(seed);
  const history = new MemoryHistory();
  const random = rng(seed + 1);
  /** Per order: held (at placement or with its ring) and when it would be paid if not held. */
  const state = stream.map(() => ({ held: false, paidAt: 0 }));
  const started = performance.now();
  for (const [index, order] of stream.entries()) {
    const { risk, emailHash, signals } = await assessOrder(order, history, settings, "risk-eval", order.at);
    const held = risk.level === "high";
    const now = order.at.getTime();
    // Paid a few minutes after ordering (after its failed attempts), unless held.
    state[index] = { held, paidAt: now + (5 + random() * 25 + order.failedAttempts * 2) * 60_000 };
    if (held && pointsAtRing(risk)) {
      // As RiskService does: the ring's earlier orders still awaiting payment are held too.
      for (const sibling of history.linked(signals, RING_LINKS, new Date(now - 86_400_000))) {
        if (!state[sibling]!.held && state[sibling]!.paidAt > now) state[sibling]!.held = true;
      }
    }
    history.record(signals, emailHash, order.total, order.at, index);
    // A held order is never paid: its payment attempts (and their failures) do not happen.
    if (!held) for (let i = 0; i < order.failedAttempts; i++) history.failed(emailHash, signals.find((s) => s.kind === "device")?.valueHash ?? null, new Date(now + (i + 1) * 60_000));
  }
  const ms = performance.now() - started;
  const byPattern = new Map<string, { n: number; held: number }>();
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const [index, order] of stream.entries()) {
    const held = state[index]!.held;
    const row = byPattern.get(order.pattern) ?? { n: 0, held: 0 };
    row.n++;
    if (held) row.held++;
    byPattern.set(order.pattern, row);
    if (order.fraud) held ? tp++ : fn++;
    else held ? fp++ : tn++;
  }
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    byPattern,
    counts: { tp, fp },
    result: {
      seed,
      n: stream.length,
      fraud: tp + fn,
      normal: fp + tn,
      held: tp + fp,
      precision: round(tp / Math.max(1, tp + fp)),
      recall: round(tp / Math.max(1, tp + fn)),
      normal_held_rate: round(fp / Math.max(1, fp + tn)),
      ms_per_order: round(ms / stream.length),
    },
  };
}

/**
 * Several seeds (`--seeds 1-20`): each one's result on stderr, then on stdout the pooled
 * result in the same shape (orders of all seeds counted together), with the worst seed's
 * recall and normal hold rate and the per-seed numbers added.
 */
export async function evaluateSeeds(from: number, to: number, settings: RiskSettings = SETTINGS.risk.default, onSeed?: (result: Awaited<ReturnType<typeof evaluate>>["result"]) => void) {
  const results: Awaited<ReturnType<typeof evaluate>>["result"][] = [];
  let tp = 0, fp = 0;
  const byPattern = new Map<string, { n: number; held: number }>();
  for (let seed = from; seed <= to; seed++) {
    const one = await evaluate(seed, settings);
    results.push(one.result);
    tp += one.counts.tp;
    fp += one.counts.fp;
    onSeed?.(one.result);
    for (const [pattern, { n, held }] of one.byPattern) {
      const row = byPattern.get(pattern) ?? { n: 0, held: 0 };
      byPattern.set(pattern, { n: row.n + n, held: row.held + held });
    }
  }
  const sum = (key: "n" | "fraud" | "normal" | "held") => results.reduce((total, r) => total + r[key], 0);
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const recalls = results.map((r) => r.recall);
  return {
    byPattern,
    result: {
      seed: from,
      seeds: `${from}-${to}`,
      n: sum("n"),
      fraud: sum("fraud"),
      normal: sum("normal"),
      held: sum("held"),
      precision: round(tp / Math.max(1, sum("held"))),
      recall: round(tp / Math.max(1, sum("fraud"))),
      normal_held_rate: round(fp / Math.max(1, sum("normal"))),
      ms_per_order: round(results.reduce((total, r) => total + r.ms_per_order * r.n, 0) / Math.max(1, sum("n"))),
      min_recall: Math.min(...recalls),
      mean_recall: round(recalls.reduce((a, b) => a + b, 0) / recalls.length),
      max_normal_held_rate: Math.max(...results.map((r) => r.normal_held_rate)),
      per_seed: results.map((r) => ({ seed: r.seed, recall: r.recall, normal_held_rate: r.normal_held_rate })),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const range = /^(\d+)(?:-(\d+))?$/.exec(arg("--seeds") ?? "");
  let outcome;
  if (range) {
    const from = Number(range[1]);
    const to = Math.max(from, Number(range[2] ?? range[1]));
    process.stderr.write("seed   fraud  recall  normal_held\n");
    outcome = await evaluateSeeds(from, to, undefined, (r) => process.stderr.write(`${String(r.seed).padEnd(6)} ${String(r.fraud).padStart(5)}  ${r.recall.toFixed(4)}  ${r.normal_held_rate.toFixed(4)}\n`));
  } else {
    const seed = Number(arg("--seed") ?? 14);
    outcome = await evaluate(Number.isFinite(seed) ? seed : 14);
  }
  const { byPattern, result } = outcome;
  process.stderr.write("pattern                      orders   held   rate\n");
  for (const [pattern, { n, held }] of [...byPattern].sort()) process.stderr.write(`${pattern.padEnd(28)} ${String(n).padStart(6)} ${String(held).padStart(6)}  ${(held / n).toFixed(3)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
