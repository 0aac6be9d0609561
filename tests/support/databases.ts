import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../api/db/database.ts";
import { migrate } from "../../api/db/migrate.ts";
import { silentLogger } from "./logger.ts";

/**
 * The databases every database test runs on: embedded PGlite always, and PostgreSQL when
 * reachable. In CI (CI=true) an unreachable PostgreSQL fails the run instead of skipping.
 */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (error) {
    if (process.env.CI === "true") throw new Error(`PostgreSQL is required in CI but unreachable at ${ADMIN_URL}`, { cause: error });
    process.stderr.write(`PostgreSQL unreachable at ${ADMIN_URL}: its database tests are skipped\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export type DatabaseKind = "pglite" | "postgres";
export const DATABASE_KINDS: DatabaseKind[] = (await postgresReachable()) ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase {
  db: Database;
  /** postgres:// URL of the fresh database (PostgreSQL only). */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const db = openDatabase({});
    await db.withSession((session) => migrate(session, silentLogger));
    return { db, drop: () => db.close() };
  }
  const name = `shopchat_test_${randomBytes(6).toString("hex")}`;
  await withAdmin((admin) => admin.query(`create database "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // The default pool size, as in production: a test that needs more connections than that has found a bug.
  const db = openDatabase({ url: url.toString() });
  await db.withSession((session) => migrate(session, silentLogger));
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
