import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { trainNlu } from "../../bot/nlu/nlu.ts";
import { loadIntentExamples } from "../../knowledge/intents.ts";
import { startPlatform } from "../support/server.ts";

/**
 * `npm run bench`: NLU accuracy and parse latency on the evaluation data, start-up time,
 * and bot turns over HTTP on the embedded default. Prints a table and writes
 * tests/bench/results.json.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DATA = path.resolve(ROOT, "../shared/data/nlu");
const results: { metric: string; value: number; unit: string; target?: string }[] = [];
const record = (metric: string, value: number, unit: string, target?: string) => {
  results.push({ metric, value: Math.round(value * 1000) / 1000, unit, ...(target ? { target } : {}) });
  process.stderr.write(`  ${metric}: ${Math.round(value * 1000) / 1000} ${unit}\n`);
};
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

process.stderr.write("[1/3] NLU\n");
{
  const started = performance.now();
  const nlu = trainNlu(loadIntentExamples());
  record("nlu training (both languages)", performance.now() - started, "ms");
  for (const [file, label, target] of [["en_dev.tsv", "en", 0.92], ["zh_dev.tsv", "zh-CN", 0.88]] as const) {
    const full = path.join(DATA, file);
    if (!existsSync(full)) {
      process.stderr.write(`  ${full} missing: skipped\n`);
      continue;
    }
    const rows = readFileSync(full, "utf8").split("\n").slice(1).filter(Boolean).map((l) => l.split("\t") as [string, string]);
    const latencies: number[] = [];
    let correct = 0;
    for (const [text, gold] of rows) {
      const t = performance.now();
      const parsed = nlu.parse(text);
      latencies.push(performance.now() - t);
      if (parsed.intent.name === gold) correct++;
    }
    record(`nlu accuracy ${label} (${rows.length} utterances)`, correct / rows.length, "", `>= ${target}`);
    record(`nlu parse p50 ${label}`, pct(latencies, 50), "ms", "<= 1");
    record(`nlu parse p99 ${label}`, pct(latencies, 99), "ms", "<= 5");
  }
}

process.stderr.write("[2/3] start-up on the embedded default (fresh data dir)\n");
const dataDir = mkdtempSync(path.join(tmpdir(), "shopchat-bench-"));
try {
  let t = performance.now();
  let platform = await startPlatform({ DATA_DIR: dataDir, LOG_LEVEL: "info" });
  record("first start (migrate + seed + train) to listening", performance.now() - t, "ms");
  await platform.stop();
  t = performance.now();
  platform = await startPlatform({ DATA_DIR: dataDir, LOG_LEVEL: "info" });
  record("restart with data to listening", performance.now() - t, "ms");

  process.stderr.write("[3/3] bot turns over HTTP (embedded PGlite)\n");
  const creds = JSON.parse(readFileSync(path.join(dataDir, "demo-credentials.json"), "utf8"));
  const api = `${platform.baseUrl}/api/v1`;
  const script = {
    en: ["hi", "what is your return policy?", "do you have phone cases?", "how long does delivery take?", "can I get an invoice?", "thanks"],
    "zh-CN": ["你好", "退货政策是什么", "有蓝牙耳机吗", "几天能到", "可以开发票吗", "谢谢"],
  };
  const latencies: number[] = [];
  const conversations = 40;
  for (let i = 0; i < conversations; i++) {
    const locale = i % 2 ? "en" : "zh-CN";
    const session = await (await fetch(`${api}/widget/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ widgetKey: creds.merchants[0].widgetKey, locale }) })).json();
    for (const [k, text] of script[locale].entries()) {
      const started = performance.now();
      const res = await fetch(`${api}/widget/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${session.sessionToken}` },
        body: JSON.stringify({ clientMessageId: `b-${i}-${k}`, text }),
      });
      await res.json();
      latencies.push(performance.now() - started);
    }
    if ((i + 1) % 10 === 0) process.stderr.write(`  ${i + 1}/${conversations} conversations\n`);
  }
  record(`bot turn over HTTP p50 (${latencies.length} turns)`, pct(latencies, 50), "ms", "<= 20");
  record("bot turn over HTTP p99", pct(latencies, 99), "ms");
  await platform.stop();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const width = Math.max(...results.map((r) => r.metric.length));
process.stdout.write(`\n${"metric".padEnd(width)}  ${"value".padStart(10)}  unit  target\n`);
for (const r of results) process.stdout.write(`${r.metric.padEnd(width)}  ${String(r.value).padStart(10)}  ${r.unit.padEnd(4)}  ${r.target ?? ""}\n`);
mkdirSync(path.join(ROOT, "tests/bench"), { recursive: true });
writeFileSync(path.join(ROOT, "tests/bench/results.json"), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
