/**
 * `npm run load`: the platform under load, measured as ratios to a bare Hono route in the
 * same run (see ../shared/design/performance.md). Modes: `embedded` (one node on PGlite),
 * `postgres` (one node on PostgreSQL at the default pool size), `cluster` (two API nodes and
 * a worker on PostgreSQL + Redis). Prints a table, then one JSON line last.
 *
 *   npm run load                              # every mode
 *   npm run load -- --mode postgres --duration 5
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { Redis } from "ioredis";
import { runChat, createSessions } from "./chat.ts";
import { runRedPackets } from "./red-packets.ts";
import { platformCommand, readCredentials, spawnNode, tempDataDir, type Proc } from "./processes.ts";
import { runRest, turnRequests, type ScenarioResult } from "./rest.ts";

const { values } = parseArgs({
  options: {
    mode: { type: "string", multiple: true },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    postgres: { type: "string", default: process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    redis: { type: "string", default: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379" },
    only: { type: "string", multiple: true },
  },
});
const modes = (values.mode?.length ? values.mode : ["embedded", "postgres", "cluster"]) as Mode[];
type Mode = "embedded" | "postgres" | "cluster";
const duration = Number(values.duration);
const connections = Number(values.connections);
const wanted = (name: string) => !values.only?.length || values.only.some((o) => name.includes(o));
const progress = (msg: string) => process.stderr.write(`[load] ${msg}\n`);

const TEXTS = [
  "hi there",
  "what is your return policy?",
  "how long does delivery take?",
  "do you have green tea?",
  "运费多少钱？",
  "有什么推荐的茶叶吗",
  "how do I get an invoice?",
  "thanks!",
];
// Rate limits out of the way (the load comes from one address); one secret for every node (a token from one works on the other).
const APP_ENV = { RATE_LIMIT_SESSIONS: "1000000", RATE_LIMIT_MESSAGES: "1000000", RATE_LIMIT_LOGIN: "100000", NODE_ENV: "development", APP_SECRET: randomBytes(32).toString("hex") };

async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `shopchat_load_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(values.postgres!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: values.postgres });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

async function runMode(mode: Mode): Promise<ScenarioResult[]> {
  const procs: Proc[] = [];
  const data = [tempDataDir(), tempDataDir()];
  const database = mode === "embedded" ? undefined : await freshPostgres();
  let redisUrl: string | undefined;
  if (mode === "cluster") {
    // A database index of its own, emptied before and after.
    redisUrl = `${values.redis!.replace(/\/\d*$/, "")}/7`;
    const r = new Redis(redisUrl);
    await r.flushdb();
    r.disconnect();
  }
  const results: ScenarioResult[] = [];
  try {
    progress(`${mode}: starting`);
    const bare = await spawnNode(["--import", "tsx", "tests/load/bare-server.ts"], database ? { DATABASE_URL: database.url } : {});
    procs.push(bare);
    const dbEnv: Record<string, string> = { ...APP_ENV, ...(database ? { DATABASE_URL: database.url } : {}), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
    const first = await spawnNode(platformCommand("main"), { ...dbEnv, DATA_DIR: data[0]!.dir, ...(mode === "cluster" ? { WORKERS: "off" } : {}) });
    procs.push(first);
    const nodes = [first.url];
    if (mode === "cluster") {
      const second = await spawnNode(platformCommand("main"), { ...dbEnv, DATA_DIR: data[1]!.dir, WORKERS: "off" });
      procs.push(second);
      nodes.push(second.url);
      procs.push(await spawnNode(platformCommand("worker"), { ...dbEnv, DATA_DIR: data[1]!.dir }, "workers started"));
    }
    const creds = readCredentials(data[0]!.dir);
    const auth = { authorization: `Bearer ${creds.apiKey}` };
    const merchantId = await (async () => {
      if (!database) return undefined;
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      const { rows } = await c.query(`select id from "Merchant" order by "createdAt" limit 1`);
      await c.end();
      return rows[0]?.id as string;
    })();

    const rest = async (name: string, scenario: Omit<Parameters<typeof runRest>[1], "name">) => {
      if (!wanted(name)) return;
      progress(`${mode}: ${name}`);
      // A short warm-up so the JIT and caches are in the state a running server is in.
      await runRest(mode, { ...scenario, name, durationSec: 2, amount: undefined, overallRate: undefined });
      results.push(await runRest(mode, { durationSec: duration, connections, ...scenario, name }));
    };
    await rest("bare hono route", { urls: [bare.url], path: "/hello" });
    if (database) {
      await rest("raw pg: select 1", { urls: [bare.url], path: "/raw/select1" });
      await rest("raw pg: 20 products", { urls: [bare.url], path: `/raw/products?merchant=${merchantId}` });
    }
    await rest("GET /healthz", { urls: nodes, path: "/healthz" });
    await rest("GET /products?limit=20", { urls: nodes, path: "/api/v1/products?limit=20", headers: auth });
    await rest("POST /nlu/parse", {
      urls: nodes,
      method: "POST",
      path: "/api/v1/nlu/parse",
      request: (() => {
        let i = 0;
        return () => ({ body: JSON.stringify({ text: TEXTS[i++ % TEXTS.length] }) });
      })(),
    });
    if (wanted("bot turn")) {
      const tokens = (await createSessions(nodes[0]!, creds.widgetKey, 500)).map((s) => s.sessionToken);
      await rest("bot turn (POST /widget/messages)", { urls: nodes, method: "POST", path: "/api/v1/widget/messages", request: turnRequests(tokens, TEXTS) });
    }
    if (wanted("burst")) {
      progress(`${mode}: burst of 2,000 new widget sessions in 10 s`);
      const body = JSON.stringify({ widgetKey: creds.widgetKey, locale: "en" });
      results.push(
        await runRest(mode, { name: "burst: 2,000 new sessions in 10 s", urls: nodes, method: "POST", path: "/api/v1/widget/sessions", request: () => ({ body }), amount: 2000, overallRate: 200, connections: 100 }),
      );
    }
    if (wanted("red packets")) {
      progress(`${mode}: red packets: 2,000 claims for 500 packets`);
      results.push(await runRedPackets(mode, { urls: nodes, apiKey: creds.apiKey, widgetKey: creds.widgetKey }));
    }
    if (wanted("socket")) {
      progress(`${mode}: sockets`);
      results.push(
        ...(await runChat(mode, { urls: nodes, widgetKey: creds.widgetKey, agent: creds.agent, widgets: 500, messagesPerSecond: 50, handedOver: 10, durationSec: duration, texts: TEXTS })),
      );
    }
  } finally {
    for (const p of procs.reverse()) await p.stop();
    await database?.drop();
    for (const d of data) d.remove();
  }
  const bareRps = results.find((r) => r.scenario === "bare hono route")?.rps;
  // Fixed-rate scenarios (the burst, the socket chat) run at the rate they are given: their latency is the measure, not a ratio.
  for (const r of results) if (bareRps && !/^(burst|socket|red packets)/.test(r.scenario)) r.ratio = Math.round((r.rps / bareRps) * 10000) / 10000;
  return results;
}

const all: ScenarioResult[] = [];
for (const mode of modes) all.push(...(await runMode(mode)));

const header = ["mode", "scenario", "req/s", "ratio", "p50 ms", "p99 ms", "requests", "errors", "non-2xx", "5xx"];
const rows = all.map((r) => [r.mode, r.scenario, String(r.rps), r.ratio?.toFixed(4) ?? "", String(r.p50), String(r.p99), String(r.requests), String(r.errors), String(r.non2xx), String(r.status5xx)]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
process.stdout.write([line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n");
process.stdout.write(`${JSON.stringify({ duration, connections, results: all })}\n`);
process.exit(0);
