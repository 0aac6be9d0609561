import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.ts";
import { AppError } from "../errors.ts";
import { KeyedMutex } from "../domain/shared/keyed-mutex.ts";
import type { Logger } from "../logger.ts";
import type { Env } from "../env.ts";
import { LEASE_BUSY, LeaseLock, type LeaseClaim } from "./lease-lock.ts";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock.ts";
import type { SqlSession } from "./migrate.ts";

export type { PrismaClient };
type PrismaAdapter = NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"];

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** A single-connection session for migrations and other raw, multi-statement SQL. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * One parameterised statement on any connection, for the few hot paths where the ORM's
   * cost per query shows (see README, "Throughput"). Rows come back as the driver gives them.
   */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number }>;
  /**
   * Runs `fn` while holding a lock named `key` across every process on this database,
   * without holding a database connection meanwhile (a lease row, see LeaseLock; in-process
   * for embedded PGlite, which only one process can open anyway).
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** `withLock` for a hot path that takes and gives back the lease in its own statements (see LeaseLock.runFolded). */
  withFoldedLock<A, T>(key: string, first: (claim: LeaseClaim) => Promise<A | typeof LEASE_BUSY>, rest: (taken: A, claim: LeaseClaim) => Promise<T>): Promise<T>;
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
  /** How long a query waits for a free pool connection before failing (answered 503). @defaultValue 10000 */
  connectionTimeoutMs?: number;
  /** Told when an idle PostgreSQL connection drops (the pool reconnects by itself), and of lease trouble. */
  log?: Pick<Logger, "warn">;
}

/** The database the environment names (PostgreSQL, or PGlite in DATA_DIR), as every entry point opens it. */
export function openDatabaseFromEnv(env: Pick<Env, "DATABASE_URL" | "DATA_DIR" | "DATABASE_POOL_SIZE" | "DATABASE_POOL_TIMEOUT_MS">, log: Logger): Database {
  try {
    return openFromEnv(env, log);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    log.fatal({ dataDir: error.dir, pid: error.pid }, error.message);
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

function openFromEnv(env: Pick<Env, "DATABASE_URL" | "DATA_DIR" | "DATABASE_POOL_SIZE" | "DATABASE_POOL_TIMEOUT_MS">, log: Logger): Database {
  return openDatabase({
    url: env.DATABASE_URL,
    dataDir: path.join(env.DATA_DIR, "pglite"),
    poolSize: env.DATABASE_POOL_SIZE,
    connectionTimeoutMs: env.DATABASE_POOL_TIMEOUT_MS,
    log: log.child({ module: "database" }),
  });
}

export function openDatabase(options: DatabaseOptions): Database {
  return options.url ? openPostgres(options.url, options) : openPglite(options.dataDir);
}

function openPglite(dataDir: string | undefined): Database {
  if (dataDir) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  // PGlite does not lock its folder itself: a second process would corrupt it (red team).
  const release = dataDir ? lockDataDir(path.resolve(dataDir)) : () => undefined;
  // PGlite is one connection per process: open it once here.
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
    query: async <R,>(sql: string, params?: unknown[]) => {
      const result = await pglite.query<R>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    withLock: (key, fn) => locks.run(key, fn),
    // One process: the in-process queue is the whole lock, so the statements take no lease row.
    withFoldedLock: (key, first, rest) =>
      locks.run(key, async () => {
        const claim: LeaseClaim = { key: null, token: "", ttlMs: 0, released: true };
        // No lease row here, so "busy" only means the statement lost a race it can win on a second try.
        for (let attempt = 1; ; attempt++) {
          const taken = await first(claim);
          if (taken !== LEASE_BUSY) return rest(taken, claim);
          if (attempt === 3) throw new AppError(503, "service:busy", "This conversation is busy. Please try again in a moment.");
        }
      }),
    ping: async () => {
      await pglite.query("select 1");
    },
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  // A query that cannot get a connection in time fails (503) instead of queueing for ever.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000 });
  // An idle client that loses its connection (server restart, failover) emits 'error' on the
  // pool; unhandled, that would crash the process. The pool replaces the client on next use.
  pool.on("error", (err) => options.log?.warn({ err }, "idle database connection lost"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const query = async <R,>(sql: string, params?: unknown[]) => {
    const result = await pool.query(sql, params);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  };
  const leases = new LeaseLock(query, { log: options.log });
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
    query,
    withLock: (key, fn) => leases.run(key, fn),
    withFoldedLock: (key, first, rest) => leases.runFolded(key, first, rest),
    ping: async () => {
      await pool.query("select 1");
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
