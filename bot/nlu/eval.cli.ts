import { readFileSync } from "node:fs";
import { loadIntentExamples } from "../../knowledge/intents.ts";
import { isIntent } from "./intents.ts";
import { trainNlu } from "./nlu.ts";

/**
 * `npm run --silent nlu:eval -- FILE.tsv`: per-intent precision/recall/F1 on stderr, and
 * one JSON line on stdout: {"n", "accuracy", "macro_f1", "p50_ms", "p99_ms"}.
 * Accuracy counts rows whose gold intent is a known intent name. Exits 0 whatever the score.
 */
const file = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!file) {
  process.stderr.write("usage: npm run --silent nlu:eval -- FILE.tsv\n");
  process.exit(2);
}
const rows = readFileSync(file, "utf8")
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.trim())
  .map((line) => {
    const tab = line.lastIndexOf("\t");
    return { text: line.slice(0, tab), gold: line.slice(tab + 1).trim() };
  });

process.stderr.write("training...\n");
const nlu = trainNlu(loadIntentExamples());
for (const s of nlu.stats) process.stderr.write(`  ${s.locale}: ${s.examples} examples, ${s.features} features, ${s.trainMs} ms\n`);

const latencies: number[] = [];
const perIntent = new Map<string, { tp: number; fp: number; fn: number }>();
const counter = (name: string) => perIntent.get(name) ?? perIntent.set(name, { tp: 0, fp: 0, fn: 0 }).get(name)!;
let scored = 0;
let correct = 0;
const confusions = new Map<string, number>();
for (const [i, row] of rows.entries()) {
  const started = performance.now();
  const predicted = nlu.parse(row.text).intent.name;
  latencies.push(performance.now() - started);
  if (!isIntent(row.gold)) continue;
  scored++;
  if (predicted === row.gold) {
    correct++;
    counter(row.gold).tp++;
  } else {
    counter(row.gold).fn++;
    counter(predicted).fp++;
    const key = `${row.gold} -> ${predicted}`;
    confusions.set(key, (confusions.get(key) ?? 0) + 1);
  }
  if ((i + 1) % 2000 === 0) process.stderr.write(`  ${i + 1}/${rows.length}\n`);
}

const f1s: number[] = [];
const lines = ["intent                      precision  recall     f1  support"];
for (const [name, c] of [...perIntent].sort(([a], [b]) => a.localeCompare(b))) {
  const support = c.tp + c.fn;
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = support ? c.tp / support : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  if (support > 0) f1s.push(f1);
  lines.push(`${name.padEnd(28)}${precision.toFixed(3).padStart(9)}${recall.toFixed(3).padStart(8)}${f1.toFixed(3).padStart(7)}${String(support).padStart(9)}`);
}
process.stderr.write(`${lines.join("\n")}\n`);
const top = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 12);
process.stderr.write(`most frequent confusions:\n${top.map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`).join("\n")}\n`);

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const r = (n: number, d = 4) => Math.round(n * 10 ** d) / 10 ** d;
process.stdout.write(
  `${JSON.stringify({ n: rows.length, accuracy: r(scored ? correct / scored : 0), macro_f1: r(f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0), p50_ms: r(pct(50), 3), p99_ms: r(pct(99), 3) })}\n`,
);
