import { randomUUID } from "node:crypto";
import { AppError } from "../errors.ts";
import { KeyedMutex } from "../domain/shared/keyed-mutex.ts";
import type { Logger } from "../logger.ts";

/**
 * A lease the caller takes and gives back inside its own statements, saving the two round
 * trips of its own (see LeaseLock.runFolded). `key` is null where no lease row is needed
 * (embedded PGlite: one process, the in-process queue is the lock).
 */
export interface LeaseClaim {
  key: string | null;
  token: string;
  ttlMs: number;
  /** Set by the caller once a statement of its own deleted the lease row. */
  released: boolean;
}

/** What a folded first statement answers when another process holds the lease: try again later. */
export const LEASE_BUSY = Symbol("lease busy");

/**
 * A CTE named `lease` that takes the lease inside a caller's statement: one row when taken,
 * none when another holder's lease is still running (or when the key is null). Its
 * parameters are the claim's key, token and ttl, at the given positions.
 */
export function leaseTakeCte(keyParam: number, tokenParam: number, ttlParam: number): string {
  return `lease as (
  insert into "Lease" (key, owner, until)
  select $${keyParam}::text, $${tokenParam}::text, now() + $${ttlParam}::int * interval '1 millisecond' where $${keyParam}::text is not null
  on conflict (key) do update set owner = excluded.owner, until = excluded.until where "Lease".until < now()
  returning 1)`;
}

/** A CTE that gives the lease back inside a caller's statement (nothing when the key is null). */
export function leaseReleaseCte(keyParam: number, tokenParam: number): string {
  return `released as (delete from "Lease" where $${keyParam}::text is not null and key = $${keyParam}::text and owner = $${tokenParam}::text)`;
}

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

  /**
   * Like `run`, for a hot path whose first statement takes the lease itself (with
   * `leaseTakeCte`) and whose last statement may give it back (`leaseReleaseCte`, then
   * `claim.released = true`): the lease costs no round trip of its own. `first` answers
   * LEASE_BUSY when its statement found the lease held (it then changed nothing, being one
   * statement) and is tried again with backoff, as `run` waits.
   */
  runFolded<A, T>(key: string, first: (claim: LeaseClaim) => Promise<A | typeof LEASE_BUSY>, rest: (taken: A, claim: LeaseClaim) => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const claim: LeaseClaim = { key, token: `${this.owner}:${randomUUID()}`, ttlMs: this.ttlMs, released: false };
      const taken = await this.retrying(() => first(claim));
      const renew = setInterval(() => void this.renew(key, claim.token), Math.max(1000, Math.floor(this.ttlMs / 3)));
      renew.unref();
      try {
        return await rest(taken, claim);
      } finally {
        clearInterval(renew);
        if (!claim.released) {
          await this.query(`delete from "Lease" where key = $1 and owner = $2`, [key, claim.token]).catch((err: unknown) =>
            this.log?.warn({ err, key }, "releasing a lease failed; it expires by itself"),
          );
        }
      }
    });
  }

  private async acquire(key: string, token: string): Promise<void> {
    await this.retrying(async () => {
      const { rowCount } = await this.query(
        `insert into "Lease" (key, owner, until) values ($1, $2, now() + $3 * interval '1 millisecond')
         on conflict (key) do update set owner = excluded.owner, until = excluded.until where "Lease".until < now()`,
        [key, token, this.ttlMs],
      );
      return rowCount === 1 ? true : LEASE_BUSY;
    });
  }

  /** Tries `attempt` until it is not LEASE_BUSY, with backoff, for at most `waitMs` (then 503). */
  private async retrying<A>(attempt: () => Promise<A | typeof LEASE_BUSY>): Promise<A> {
    const deadline = Date.now() + this.waitMs;
    for (let delay = 4; ; delay = Math.min(delay * 2, 100)) {
      const result = await attempt();
      if (result !== LEASE_BUSY) return result;
      if (Date.now() + delay > deadline) throw new AppError(503, "service:busy", "This conversation is busy. Please try again in a moment.");
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
    }
  }

  private async renew(key: string, token: string) {
    await this.query(`update "Lease" set until = now() + $3 * interval '1 millisecond' where key = $1 and owner = $2`, [key, token, this.ttlMs])
      .catch((err: unknown) => this.log?.warn({ err, key }, "renewing a lease failed"));
  }
}
