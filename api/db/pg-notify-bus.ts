import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Logger } from "../logger.ts";
import type { Redis } from "ioredis";
import { CACHE_AREAS, LocalBus, RedisBus, type Invalidation, type InvalidationBus } from "../domain/shared/caches.ts";
import type { Database } from "./database.ts";

const CHANNEL = "shopchat_cache_invalidation";

/**
 * Invalidations over PostgreSQL LISTEN/NOTIFY, for nodes (and `npm run admin`) that share a
 * PostgreSQL database without Redis. One dedicated connection listens; NOTIFY goes through
 * the pool. After the listening connection drops, it reconnects and every cache is dropped,
 * since notifications sent meanwhile are lost.
 */
export class PgNotifyBus implements InvalidationBus {
  private readonly node = randomUUID();
  private readonly handlers: ((message: Invalidation) => void)[] = [];
  private client?: pg.Client;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly query: (sql: string, params: unknown[]) => Promise<unknown>,
    private readonly log: Pick<Logger, "warn">,
  ) {
    void this.listen(false);
  }

  async publish(message: Invalidation): Promise<void> {
    await this.query("select pg_notify($1, $2)", [CHANNEL, JSON.stringify({ node: this.node, ...message })]);
  }

  subscribe(handler: (message: Invalidation) => void): void {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private async listen(reconnecting: boolean): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url });
    this.client = client;
    client.on("notification", (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      try {
        const { node, merchantId, areas } = JSON.parse(n.payload) as Invalidation & { node: string };
        if (node !== this.node && typeof merchantId === "string" && Array.isArray(areas)) for (const h of this.handlers) h({ merchantId, areas });
      } catch (err) {
        this.log.warn({ err }, "ignoring a malformed cache invalidation");
      }
    });
    const retry = (err: unknown) => {
      if (this.closed || this.client !== client) return;
      this.client = undefined;
      this.log.warn({ err }, "cache invalidation listener lost its connection; reconnecting");
      void client.end().catch(() => undefined);
      setTimeout(() => void this.listen(true), 1000).unref();
    };
    client.on("error", retry);
    client.on("end", () => retry(new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      if (reconnecting) for (const h of this.handlers) h({ merchantId: "*", areas: [...CACHE_AREAS] });
    } catch (err) {
      retry(err);
    }
  }
}

/**
 * How this process hears other processes' changes: Redis pub/sub when there is Redis (on a
 * connection of its own: a subscribed connection sends nothing else), PostgreSQL
 * LISTEN/NOTIFY when nodes share only PostgreSQL, nothing for the embedded single process.
 */
export function createInvalidationBus(options: { redis?: Redis; databaseUrl?: string; db: Pick<Database, "query">; log: Pick<Logger, "warn"> }): InvalidationBus {
  const { redis, databaseUrl, db, log } = options;
  if (redis) return new RedisBus(redis, redis.duplicate(), log);
  if (databaseUrl) return new PgNotifyBus(databaseUrl, (sql, params) => db.query(sql, params), log);
  return new LocalBus();
}
