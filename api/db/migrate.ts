import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../logger.ts";
import { PROJECT_ROOT } from "../../knowledge/paths.ts";

/** One connection: session-level advisory locks need the same connection throughout. */
export interface SqlSession {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs a script of several statements (simple query protocol). */
  exec(sql: string): Promise<void>;
}

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma/migrations");

/** Any constant shared by every process that migrates this database. */
const LOCK_ID = 4_207_311_902;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies pending migrations in order, one transaction each, under an advisory lock so
 * that several nodes starting together migrate once. (Prisma's `migrate deploy` cannot
 * run through the pg adapter offline; see the README.)
 */
export async function migrate(session: SqlSession, log: Logger, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  await session.query("select pg_advisory_lock($1)", [LOCK_ID]);
  try {
    await session.exec(`create table if not exists "_app_migrations" (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const rows = await session.query(`select name, checksum from "_app_migrations"`);
    const applied = new Map(rows.map((row) => [String(row.name), String(row.checksum)]));
    const done: string[] = [];
    for (const migration of migrations) {
      const known = applied.get(migration.name);
      if (known !== undefined) {
        if (known !== migration.checksum) {
          log.warn({ migration: migration.name }, "applied migration was edited afterwards; not re-applied");
        }
        continue;
      }
      log.info({ migration: migration.name }, "applying migration");
      await session.exec("begin");
      try {
        await session.exec(migration.sql);
        await session.query(`insert into "_app_migrations" (name, checksum) values ($1, $2)`, [
          migration.name,
          migration.checksum,
        ]);
        await session.exec("commit");
      } catch (error) {
        await session.exec("rollback");
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await session.query("select pg_advisory_unlock($1)", [LOCK_ID]);
  }
}
