import { SETTINGS, type RiskSettings } from "../merchants/settings.ts";
import { assessOrder } from "./facts.ts";
import { generateStream, MemoryHistory, rng } from "./stream.ts";
import { pointsAtRing, RING_LINKS } from "./score.ts";

/**
 * `npm run --silent risk:eval [-- --seed N]`: scores a seeded stream of normal and
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--seed");
  const seed = at >= 0 ? Number(process.argv[at + 1]) : 14;
  const { byPattern, result } = await evaluate(Number.isFinite(seed) ? seed : 14);
  process.stderr.write("pattern                      orders   held   rate\n");
  for (const [pattern, { n, held }] of [...byPattern].sort()) process.stderr.write(`${pattern.padEnd(28)} ${String(n).padStart(6)} ${String(held).padStart(6)}  ${(held / n).toFixed(3)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
