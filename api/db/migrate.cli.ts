import { loadEnv } from "../env.ts";
import { createLogger } from "../logger.ts";
import { openDatabaseFromEnv } from "./database.ts";
import { migrate } from "./migrate.ts";

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
const env = loadEnv();
const log = createLogger(env.LOG_LEVEL).child({ module: "migrate" });
const db = openDatabaseFromEnv(env, log);
try {
  const applied = await db.withSession((session) => migrate(session, log));
  log.info({ applied, database: db.kind }, applied.length ? "migrations applied" : "database is up to date");
} catch (error) {
  log.error({ err: error }, "migration failed");
  process.exitCode = 1;
} finally {
  await db.close();
}
