import { randomUUID } from "node:crypto";
import { AppError } from "../errors.ts";
import { KeyedMutex } from "../domain/shared/keyed-mutex.ts";
import type { Logger } from "../logger.ts";

/** Runs one statement on any pooled connection and gives the connection straight back. */
export type Query = (sql: string, params: unknown[]) => Promise<{ rowCount: number | null }>;

export interface LeaseLockOptions {
  /** How long a lease lasts unless renewed; a crashed holder's lease is taken over after it. @defaultValue 30000 */
  ttlMs?: number;
  /** How long a caller waits for a busy key before giving up with 503. @defaultValue 30000 */
  waitMs?: number;
  /** Told when a renewal or a release fails (the lease then simply expires). */
  log?: Pick<Logger, "warn">;
}

/**
 * A lock across processes that holds no database connection while it is held: a row in
 * `Lease` taken with one conditional upsert and deleted with one statement. Waiters on the
 * same node queue in memory (so one node never polls for itself); waiters on another node
 * poll with backoff. A holder renews its lease while its work runs, so a long model call
 * keeps it, and a holder that died loses it when it expires.
 *
 * Why not `pg_advisory_lock`: a session-level advisory lock lives on one connection, so the
 * holder keeps a pool connection for the whole bot turn while the turn's own queries wait
 * for the same pool — with as many turns as connections, nothing moves again.
 */
export class LeaseLock {
  private readonly local = new KeyedMutex();
  private readonly owner = randomUUID();
  private readonly ttlMs: number;
  private readonly waitMs: number;
  private readonly log?: Pick<Logger, "warn">;

  constructor(
    private readonly query: Query,
    options: LeaseLockOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.waitMs = options.waitMs ?? 30_000;
    this.log = options.log;
  }

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const token = `${this.owner}:${randomUUID()}`;
      await this.acquire(key, token);
      const renew = setInterval(() => void this.renew(key, token), Math.max(1000, Math.floor(this.ttlMs / 3)));
      renew.unref();
      try {
        return await fn();
      } finally {
        clearInterval(renew);
        await this.query(`delete from "Lease" where key = $1 and owner = $2`, [key, token]).catch((err: unknown) =>
          this.log?.warn({ err, key }, "releasing a lease failed; it expires by itself"),
        );
      }
    });
  }

  private async acquire(key: string, token: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (let delay = 4; ; delay = Math.min(delay * 2, 100)) {
      const { rowCount } = await this.query(
        `insert into "Lease" (key, owner, until) values ($1, $2, now() + $3 * interval '1 millisecond')
         on conflict (key) do update set owner = excluded.owner, until = excluded.until where "Lease".until < now()`,
        [key, token, this.ttlMs],
      );
      if (rowCount === 1) return;
      if (Date.now() + delay > deadline) throw new AppError(503, "service:busy", "This conversation is busy. Please try again in a moment.");
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
    }
  }

  private async renew(key: string, token: string) {
    await this.query(`update "Lease" set until = now() + $3 * interval '1 millisecond' where key = $1 and owner = $2`, [key, token, this.ttlMs])
      .catch((err: unknown) => this.log?.warn({ err, key }, "renewing a lease failed"));
  }
}
