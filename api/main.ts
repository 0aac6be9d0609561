import { serve } from "@hono/node-server";
import type { Server as HttpServer } from "node:http";
import { Redis } from "ioredis";
import path from "node:path";
import { trainNlu } from "../bot/nlu/nlu.ts";
import { loadIntentExamples } from "../knowledge/intents.ts";
import { seedDemo } from "../prisma/seed/seed.ts";
import { createApp } from "./app.ts";
import { createCommandRedis } from "./db/redis.ts";
import { openDatabaseFromEnv } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { loadEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { RedisPresence } from "./domain/agents/presence.ts";
import { BullQueue } from "./jobs/bullmq-queue.ts";
import { publishWebhooks, startWorkers } from "./jobs/wiring.ts";
import { createRateLimiters } from "./http/rate-limit.ts";
import { attachRealtime } from "./realtime/realtime.ts";
import { createServices } from "./services.ts";
import { llmClientsFromEnv } from "./adapters/llm.ts";
import { MemoryTokenBudget } from "../bot/llm/budget.ts";
import { RedisTokenBudget } from "./adapters/llm-budget.ts";
import { isUniqueViolation } from "./domain/shared/prisma-errors.ts";
import { createInvalidationBus } from "./db/pg-notify-bus.ts";
import { InFlight } from "./domain/shared/in-flight.ts";
import { builtAssets } from "./routes/system/assets.ts";
import { PROJECT_ROOT } from "../knowledge/paths.ts";

/** Composition root: reads env, builds every dependency once, serves. */
const started = performance.now();
const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
const step = (msg: string, extra: object = {}) => log.info({ ...extra, ms: Math.round(performance.now() - started) }, msg);

step("starting", { database: env.DATABASE_URL ? "postgres" : "pglite", dataDir: env.DATA_DIR });
const db = openDatabaseFromEnv(env, log);
const applied = await db.withSession((session) => migrate(session, log.child({ module: "migrate" })));
step(applied.length ? "migrations applied" : "database schema up to date", { applied: applied.length });

// Production never seeds (merchants come from `npm run admin`) and never prints a secret.
const production = env.NODE_ENV === "production";
// Several nodes starting on one empty database: one seeds, the others find it done.
const seeded = production
  ? null
  : await seedDemo(db.prisma, env.DATA_DIR, log.child({ module: "seed" })).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      log.info("another node seeded the demo data");
      return null;
    });
if (production && (await db.prisma.merchant.count()) === 0) {
  log.warn("no merchant yet: create one with `npm run admin -- create-merchant --name \"Your shop\" --slug your-shop`");
}
step(seeded ? "demo data seeded" : production ? "production mode: no demo data" : "existing data reused");

const nlu = trainNlu(loadIntentExamples());
step("bot NLU trained", { models: nlu.stats });

const redis = env.REDIS_URL ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: null }) : undefined;
// The Socket.IO adapter blocks its connection on XREAD: everything else gets another one.
const redisCommands = env.REDIS_URL ? createCommandRedis(env.REDIS_URL) : undefined;
const bus = createInvalidationBus({ redis: redisCommands, databaseUrl: env.DATABASE_URL, db, log: log.child({ module: "caches" }) });
const queue = redisCommands ? new BullQueue(redisCommands, log.child({ module: "jobs" })) : undefined;
// A model only when a provider is configured; OPENAI_BASE_URL alone is enough for local OpenAI-compatible servers (vLLM, llama.cpp).
const llmClients = llmClientsFromEnv(env);
if (llmClients && "error" in llmClients) {
  process.stderr.write(`Invalid environment:\n  ${llmClients.error}\n`);
  process.exit(1);
}
const llm = llmClients
  ? {
      clients: llmClients,
      budget: redisCommands ? new RedisTokenBudget(redisCommands, env.OPENAI_DAILY_TOKENS) : new MemoryTokenBudget(env.OPENAI_DAILY_TOKENS),
      linkHosts: env.PUBLIC_URL ? [new URL(env.PUBLIC_URL).hostname] : [],
    }
  : undefined;
step(llm ? "language model configured" : "local bot engine only", llmClients ? { provider: llmClients.defaultProvider, model: llmClients.default.model, providers: llmClients.providers } : {});
const services = createServices(db, log, {
  llm,
  appSecret: env.APP_SECRET,
  nlu,
  presence: redisCommands ? new RedisPresence(redisCommands) : undefined,
  queue,
  bus,
  publicWebhooksOnly: env.NODE_ENV === "production", webhooksAllowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
  limiterRedis: redisCommands,
  publicUrl: env.PUBLIC_URL,
  smtpUrl: env.SMTP_URL,
});
publishWebhooks(services, log);
if (env.WORKERS === "inline") await startWorkers(services.queue, services);
const limiters = createRateLimiters(
  { loginPerMinute: env.RATE_LIMIT_LOGIN, sessionsPerMinute: env.RATE_LIMIT_SESSIONS, messagesPerMinute: env.RATE_LIMIT_MESSAGES },
  redisCommands,
);
let draining = false;
const inFlight = new InFlight();
const assets = production ? builtAssets(path.join(PROJECT_ROOT, "dist/public")) : undefined;
const app = createApp({ db, log, services, redis: redisCommands, limiters, assets, inFlight, draining: () => draining, trustProxy: env.TRUST_PROXY, production });
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const base = env.PUBLIC_URL ?? `http://localhost:${info.port}`;
  services.payments.setBaseUrl(base);
  step("listening", { port: info.port });
  process.stdout.write(
    [
      "",
      `  ShopChat is up: ${base}/`,
      ...(production ? [] : [`  Demo shop:      ${base}/demo   (the chat widget, bottom right)`]),
      `  Agent console:  ${base}/console`,
      `  Dashboard:      ${base}/dashboard   (supervisors)`,
      `  Workspace:      ${base}/workspace   (catalog, orders, help center, settings, reports)`,
      `  API reference:  ${base}/docs`,
      `  Health:         ${base}/healthz`,
      ...(production ? [] : [`  Demo credentials: ${path.join(env.DATA_DIR, "demo-credentials.json")}`]),
      ...(seeded
        ? [
            `  Merchant API key (${seeded.merchants[0]?.name}): ${seeded.merchants[0]?.apiKey}`,
            `  Agent login: ${seeded.agents[0]?.email} / ${seeded.agents[0]?.password}`,
          ]
        : []),
      "",
    ].join("\n") + "\n",
  );
});

const realtime = attachRealtime(server as HttpServer, { services, log: log.child({ module: "realtime" }), redis, limiters });

/** How long a draining process waits for requests, turns and jobs in flight. */
const DRAIN_MS = 25_000;
let stopping = false;
/**
 * SIGTERM: /readyz fails at once (the balancer stops sending traffic), no new connections are
 * taken, sockets are told to go (clients reconnect to another node), then requests, bot turns
 * and jobs already running finish before the connections close and the process exits.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  draining = true;
  log.info({ signal, requests: inFlight.count, turns: services.conversations.turns.count }, "draining");
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  (server as HttpServer).closeIdleConnections?.();
  await realtime.close();
  const [requestsDone, turnsDone] = await Promise.all([inFlight.idle(DRAIN_MS), services.conversations.turns.idle(DRAIN_MS)]);
  await services.queue.close();
  (server as HttpServer).closeAllConnections?.();
  await closed;
  log.info({ requestsDone, turnsDone }, "drained");
  await bus?.close();
  redis?.disconnect();
  redisCommands?.disconnect();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
