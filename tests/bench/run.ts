import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { trainNlu } from "../../bot/nlu/nlu.ts";
import { loadIntentExamples } from "../../knowledge/intents.ts";
import { io, type Socket } from "socket.io-client";
import { buildEmbed } from "../../widget/build.ts";
import { analyticsBench } from "./analytics.ts";
import { llmBench } from "./llm.ts";
import { launchChromium } from "../support/browser.ts";
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

process.stderr.write("[1/6] NLU\n");
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
  process.stderr.write("[2/6] LLM mode: hybrid routing, agent overhead, fallback (scripted model)\n");
  await llmBench(nlu, [{ file: path.join(DATA, "en_dev.tsv"), label: "en" }, { file: path.join(DATA, "zh_dev.tsv"), label: "zh-CN" }], record, pct);
}

process.stderr.write("[3/6] start-up on the embedded default (fresh data dir)\n");
const dataDir = mkdtempSync(path.join(tmpdir(), "shopchat-bench-"));
try {
  let t = performance.now();
  // One client address opens thousands of sessions here: lift the per-address limits.
  const unlimited = { RATE_LIMIT_SESSIONS: "1000000", RATE_LIMIT_MESSAGES: "1000000" };
  let platform = await startPlatform({ DATA_DIR: dataDir, LOG_LEVEL: "info", ...unlimited });
  record("first start (migrate + seed + train) to listening", performance.now() - t, "ms");
  await platform.stop();
  t = performance.now();
  platform = await startPlatform({ DATA_DIR: dataDir, LOG_LEVEL: "info", ...unlimited });
  record("restart with data to listening", performance.now() - t, "ms");

  process.stderr.write("[4/6] bot turns over HTTP (embedded PGlite)\n");
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

  await widgetBench(platform.baseUrl);

  process.stderr.write("[5/6] shopper-to-agent relay over Socket.IO with many connected widgets\n");
  await relayBench(platform, api, creds);
  await platform.stop();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

/** Widget weight and, in Chromium when present, page load -> launcher and open -> greeting. */
async function widgetBench(baseUrl: string) {
  const { gzip } = await buildEmbed();
  record("widget before opening (loader), gzip", gzip.loader / 1024, "KB", "<= 12");
  record("widget once open (loader + app with Socket.IO), gzip", (gzip.loader + gzip.app) / 1024, "KB", "<= 45");
  if (!existsSync("/usr/bin/chromium")) return;
  const browser = await launchChromium();
  const toLauncher: number[] = [];
  const toGreeting: number[] = [];
  for (let i = 0; i < 10; i++) {
    const page = await browser.newPage();
    const started = performance.now();
    await page.goto(`${baseUrl}/demo?locale=en`);
    const launcher = page.getByRole("button", { name: "Open chat" });
    await launcher.waitFor();
    toLauncher.push(performance.now() - started);
    const opened = performance.now();
    await launcher.click();
    await page.locator(".msg.bot").first().waitFor();
    toGreeting.push(performance.now() - opened);
    await page.close();
  }
  await browser.close();
  record("page load -> launcher visible (median of 10)", pct(toLauncher, 50), "ms");
  record("open -> greeting shown (median of 10, first open loads the UI)", pct(toGreeting, 50), "ms");
}

async function relayBench(platform: Awaited<ReturnType<typeof startPlatform>>, api: string, creds: { merchants: { widgetKey: string }[]; agents: { email: string; password: string }[] }) {
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${platform.child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  const login = await (await fetch(`${api}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: creds.agents[0]!.email, password: creds.agents[0]!.password }) })).json();
  const agent = io(`${platform.baseUrl}/console`, { auth: { token: login.token }, transports: ["websocket"] });
  await new Promise<void>((resolve) => agent.once("connect", () => resolve()));
  await agent.timeout(10_000).emitWithAck("presence:set", { status: "away" });
  const widgets: { socket: Socket; conversationId: string }[] = [];
  const baseline = rss();
  for (const target of [1000, 5000]) {
    while (widgets.length < target) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(100, target - widgets.length) }, async () => {
          const session = await (await fetch(`${api}/widget/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ widgetKey: creds.merchants[0]!.widgetKey, locale: "en" }) })).json();
          const socket = io(`${platform.baseUrl}/widget`, { auth: { sessionToken: session.sessionToken }, transports: ["websocket"], reconnection: false });
          await new Promise<void>((resolve, reject) => (socket.once("connect", () => resolve()), socket.once("connect_error", reject)));
          return { socket, conversationId: session.conversationId as string };
        }),
      );
      widgets.push(...batch);
      if (widgets.length % 1000 === 0) process.stderr.write(`  ${widgets.length} widgets connected\n`);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const perConnection = ((rss() - baseline) * 1024) / widgets.length;
    // Relay latency: a shopper in a conversation the agent holds sends; time until the agent has it.
    const sample = widgets.slice(widgets.length - 20);
    for (const w of sample) {
      await w.socket.timeout(10_000).emitWithAck("message:send", { clientMessageId: `h-${w.conversationId}`, text: "talk to a human please" });
      await agent.timeout(10_000).emitWithAck("conversation:claim", { conversationId: w.conversationId });
    }
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const w = sample[i % sample.length]!;
      const text = `relay ${target} ${i}`;
      const started = performance.now();
      const arrived = new Promise<void>((resolve) => {
        const on = (m: { text: string }) => {
          if (m.text !== text) return;
          agent.off("message:new", on);
          resolve();
        };
        agent.on("message:new", on);
      });
      w.socket.emit("message:send", { clientMessageId: `r-${target}-${i}`, text }, () => undefined);
      await arrived;
      latencies.push(performance.now() - started);
    }
    record(`relay shopper -> agent p50, ${target} widgets connected`, pct(latencies, 50), "ms");
    record(`relay shopper -> agent p99, ${target} widgets connected`, pct(latencies, 99), "ms");
    // RSS moves with garbage collection; only the larger sample gives a stable per-connection figure.
    if (target === 5000) record("server memory per connected widget (RSS growth / 5,000)", perConnection, "KB");
  }
  for (const w of widgets) w.socket.disconnect();
  agent.disconnect();
}

process.stderr.write("[6/6] analytics over 100,000 conversations (embedded PGlite)\n");
for (const [metric, ms] of await analyticsBench((msg) => process.stderr.write(`${msg}\n`))) record(metric, ms, "ms");

const width = Math.max(...results.map((r) => r.metric.length));
process.stdout.write(`\n${"metric".padEnd(width)}  ${"value".padStart(10)}  unit  target\n`);
for (const r of results) process.stdout.write(`${r.metric.padEnd(width)}  ${String(r.value).padStart(10)}  ${r.unit.padEnd(4)}  ${r.target ?? ""}\n`);
mkdirSync(path.join(ROOT, "tests/bench"), { recursive: true });
writeFileSync(path.join(ROOT, "tests/bench/results.json"), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
