import path from "node:path";
import { Redis } from "ioredis";
import { trainNlu } from "../bot/nlu/nlu.ts";
import { loadIntentExamples } from "../knowledge/intents.ts";
import { openDatabase } from "./db/database.ts";
import { RedisPresence } from "./domain/agents/presence.ts";
import { loadEnv } from "./env.ts";
import { BullQueue } from "./jobs/bullmq-queue.ts";
import { startWorkers } from "./jobs/wiring.ts";
import { createLogger } from "./logger.ts";
import { createServices } from "./services.ts";
import { RedisBus } from "./domain/shared/caches.ts";

/** `npm run worker`: job workers only (webhook deliveries, SLA sweeps), for the scale-out mode. */
const env = loadEnv();
const log = createLogger(env.LOG_LEVEL).child({ process: "worker" });
if (!env.REDIS_URL || !env.DATABASE_URL) {
  log.fatal("npm run worker needs REDIS_URL and DATABASE_URL (the embedded mode runs its jobs inside npm start)");
  process.exit(1);
}
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const db = openDatabase({
  url: env.DATABASE_URL,
  dataDir: path.join(env.DATA_DIR, "pglite"),
  poolSize: env.DATABASE_POOL_SIZE,
  connectionTimeoutMs: env.DATABASE_POOL_TIMEOUT_MS,
  log: log.child({ module: "database" }),
});
const queue = new BullQueue(redis, log.child({ module: "jobs" }));
const services = createServices(db, log, { appSecret: env.APP_SECRET, nlu: trainNlu(loadIntentExamples()), presence: new RedisPresence(redis), queue, bus: new RedisBus(redis, redis.duplicate(), log.child({ module: "caches" })), publicWebhooksOnly: env.NODE_ENV === "production", publicUrl: env.PUBLIC_URL, smtpUrl: env.SMTP_URL });
await startWorkers(queue, services);
log.info("workers started");

async function shutdown(signal: string) {
  log.info({ signal }, "stopping workers");
  await queue.close();
  redis.disconnect();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
