import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.ts";
import { KeyedMutex } from "../domain/shared/keyed-mutex.ts";
import type { SqlSession } from "./migrate.ts";

export type { PrismaClient };
type PrismaAdapter = NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"];

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** A single-connection session for migrations and other raw, multi-statement SQL. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while holding a lock named `key` across every process on this database
   * (a PostgreSQL advisory lock on a connection of its own; in-process for embedded PGlite,
   * which only one process can open anyway).
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; unset means embedded PGlite. */
  url?: string;
  /** PGlite data directory; unset (with no url) means an in-memory database. */
  dataDir?: string;
  /** Connection pool size for PostgreSQL. @defaultValue 10 */
  poolSize?: number;
  /** Told when an idle PostgreSQL connection drops (the pool reconnects by itself). */
  onIdleError?: (error: Error) => void;
}

export function openDatabase(options: DatabaseOptions): Database {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10, options.onIdleError) : openPglite(options.dataDir);
}

function openPglite(dataDir: string | undefined): Database {
  if (dataDir) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  // PGlite is one connection per process and locks its directory: open it once here.
  const pglite = new PGlite(dataDir);
  // pglite-prisma-adapter 0.6 is typed against an older driver-adapter-utils; the runtime
  // interface is the same (tested on every run of the suite), only the declarations differ.
  const adapter = new PrismaPGlite(pglite) as unknown as PrismaAdapter;
  const prisma = new PrismaClient({ adapter });
  const session: SqlSession = {
    query: async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, params)).rows,
    exec: async (sql) => {
      await pglite.exec(sql);
    },
  };
  const locks = new KeyedMutex();
  return {
    kind: "pglite",
    prisma,
    withSession: (fn) => fn(session),
    withLock: (key, fn) => locks.run(key, fn),
    ping: async () => {
      await pglite.query("select 1");
    },
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function openPostgres(url: string, poolSize: number, onIdleError?: (error: Error) => void): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its connection (server restart, failover) emits 'error' on the
  // pool; unhandled, that would crash the process. The pool replaces the client on next use.
  pool.on("error", (error) => onIdleError?.(error));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const local = new KeyedMutex();
  return {
    kind: "postgres",
    prisma,
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({
          query: async (sql, params) => (await client.query(sql, params)).rows,
          exec: async (sql) => {
            await client.query(sql);
          },
        });
      } finally {
        client.release();
      }
    },
    withLock: async (key, fn) => {
      // In-process first, so one node never parks several pool connections on the same lock.
      return local.run(key, async () => {
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock(hashtextextended($1, 0))", [key]);
          try {
            return await fn();
          } finally {
            await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]);
          }
        } finally {
          client.release();
        }
      });
    },
    ping: async () => {
      await pool.query("select 1");
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
