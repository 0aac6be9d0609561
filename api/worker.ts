import { Redis } from "ioredis";
import { trainNlu } from "../bot/nlu/nlu.ts";
import { loadIntentExamples } from "../knowledge/intents.ts";
import { openDatabaseFromEnv } from "./db/database.ts";
import { RedisPresence } from "./domain/agents/presence.ts";
import { loadEnv } from "./env.ts";
import { BullQueue } from "./jobs/bullmq-queue.ts";
import { startWorkers } from "./jobs/wiring.ts";
import { createLogger } from "./logger.ts";
import { createServices } from "./services.ts";
import { createInvalidationBus } from "./db/pg-notify-bus.ts";

/** `npm run worker`: job workers only (webhook deliveries, SLA sweeps), for the scale-out mode. */
const env = loadEnv();
const log = createLogger(env.LOG_LEVEL).child({ process: "worker" });
if (!env.REDIS_URL || !env.DATABASE_URL) {
  log.fatal("npm run worker needs REDIS_URL and DATABASE_URL (the embedded mode runs its jobs inside npm start)");
  process.exit(1);
}
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const db = openDatabaseFromEnv(env, log);
const queue = new BullQueue(redis, log.child({ module: "jobs" }));
const services = createServices(db, log, { appSecret: env.APP_SECRET, nlu: trainNlu(loadIntentExamples()), presence: new RedisPresence(redis), queue, bus: createInvalidationBus({ redis, db, log: log.child({ module: "caches" }) }), publicWebhooksOnly: env.NODE_ENV === "production", webhooksAllowPrivate: env.WEBHOOKS_ALLOW_PRIVATE, publicUrl: env.PUBLIC_URL, smtpUrl: env.SMTP_URL });
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
