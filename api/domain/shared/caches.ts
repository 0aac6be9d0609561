import { randomUUID } from "node:crypto";
import type { Logger } from "../../logger.ts";
import type { Database } from "../../db/database.ts";

/** What a merchant's caches hold, each dropped on its own. */
/** "sessions": which conversations still take widget sessions (erasure and retention end them). */
export const CACHE_AREAS = ["knowledge", "catalog", "merchant", "credentials", "sessions"] as const;
export type CacheArea = (typeof CACHE_AREAS)[number];
export interface Invalidation {
  /** `"*"`: every merchant (a node that may have missed messages). */
  merchantId: string;
  areas: CacheArea[];
}

/** Carries invalidations to the other nodes (Redis pub/sub), or nowhere when there is one node. */
export interface InvalidationBus {
  publish(message: Invalidation): Promise<void>;
  subscribe(handler: (message: Invalidation) => void): void;
  close(): Promise<void>;
}

/** One process, nothing to tell: the embedded mode. */
export class LocalBus implements InvalidationBus {
  async publish(): Promise<void> {}
  subscribe(): void {}
  async close(): Promise<void> {}
}

/**
 * Keeps every node's per-merchant caches right.
 *
 * Two paths, because each alone has a gap: a change bumps `Merchant.cacheVersion` in the
 * database *and* is published on the bus. A bot turn reads the conversation with its
 * merchant's version anyway and calls `observe`, so a turn on any node never uses a cache
 * older than the last committed change, whatever the bus did. The bus reaches the caches
 * no turn passes through (API keys, widget keys) within milliseconds; a TTL on those
 * entries is the last line should a message be lost while Redis reconnects.
 */
export class Caches {
  private readonly droppers = new Map<CacheArea, ((merchantId: string) => void)[]>();
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly bus: InvalidationBus,
    /** Bumps and returns the merchant's cache version (one UPDATE). */
    private readonly bump: (merchantId: string) => Promise<number>,
    private readonly log?: Pick<Logger, "warn">,
  ) {
    bus.subscribe((message) => this.drop(message.merchantId, message.areas));
  }

  /** `drop(merchantId)` runs whenever that merchant's `area` changes, on any node. */
  register(area: CacheArea, drop: (merchantId: string) => void): void {
    const list = this.droppers.get(area) ?? [];
    list.push(drop);
    this.droppers.set(area, list);
  }

  /** Call after a change is committed: every node drops what it held for these areas. */
  async changed(merchantId: string, ...areas: CacheArea[]): Promise<void> {
    this.drop(merchantId, areas);
    const [version] = await Promise.all([
      this.bump(merchantId),
      this.bus.publish({ merchantId, areas }).catch((err: unknown) => this.log?.warn({ err, merchantId, areas }, "publishing a cache invalidation failed; other nodes catch up by version")),
    ]);
    this.versions.set(merchantId, version);
  }

  /**
   * A change that caches may lag behind briefly (stock moved by an order): every node drops
   * what it holds, without bumping the version (a hot row would serialise every order).
   */
  async touched(merchantId: string, ...areas: CacheArea[]): Promise<void> {
    this.drop(merchantId, areas);
    await this.bus.publish({ merchantId, areas }).catch((err: unknown) => this.log?.warn({ err, merchantId, areas }, "publishing a cache invalidation failed"));
  }

  /** A turn saw this version in the database: anything cached from before it is dropped. */
  observe(merchantId: string, version: number): void {
    const known = this.versions.get(merchantId);
    if (known === version) return;
    if (known !== undefined && version < known) return;
    this.versions.set(merchantId, version);
    if (known !== undefined) this.drop(merchantId, [...this.droppers.keys()]);
  }

  private drop(merchantId: string, areas: CacheArea[]) {
    for (const area of areas) for (const drop of this.droppers.get(area) ?? []) drop(merchantId);
  }
}

/** The caches of a process: a change bumps `Merchant.cacheVersion` (one UPDATE) and goes out on `bus`. */
export function createCaches(db: Pick<Database, "query">, bus: InvalidationBus, log?: Pick<Logger, "warn">): Caches {
  const bump = async (merchantId: string) =>
    (await db.query<{ cacheVersion: number }>(`update "Merchant" set "cacheVersion" = "cacheVersion" + 1 where id = $1 returning "cacheVersion"`, [merchantId])).rows[0]?.cacheVersion ?? 0;
  return new Caches(bus, bump, log);
}

/** The subset of ioredis the bus uses (a connection in subscriber mode cannot send other commands). */
interface RedisLike {
  publish(channel: string, message: string): Promise<number>;
  subscribe(channel: string): Promise<unknown>;
  on(event: "message", listener: (channel: string, message: string) => void): unknown;
  on(event: "ready", listener: () => void): unknown;
  disconnect(): void;
}

/** Invalidations over Redis pub/sub between API nodes and workers. */
export class RedisBus implements InvalidationBus {
  private readonly node = randomUUID();
  private readonly handlers: ((message: Invalidation) => void)[] = [];

  constructor(
    private readonly publisher: Pick<RedisLike, "publish">,
    private readonly subscriber: RedisLike,
    log: Pick<Logger, "warn">,
    private readonly channel = "shopchat:cache-invalidation",
  ) {
    void subscriber.subscribe(channel).catch((err: unknown) => log.warn({ err }, "subscribing to cache invalidations failed"));
    subscriber.on("message", (ch, raw) => {
      if (ch !== this.channel) return;
      try {
        const { node, merchantId, areas } = JSON.parse(raw) as Invalidation & { node: string };
        if (node === this.node || typeof merchantId !== "string" || !Array.isArray(areas)) return;
        for (const handler of this.handlers) handler({ merchantId, areas });
      } catch (err) {
        log.warn({ err }, "ignoring a malformed cache invalidation");
      }
    });
    // After a reconnection, whatever was published meanwhile is lost: drop everything.
    let first = true;
    subscriber.on("ready", () => {
      if (!first) for (const handler of this.handlers) handler({ merchantId: "*", areas: [...CACHE_AREAS] });
      first = false;
    });
  }

  async publish(message: Invalidation): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify({ node: this.node, ...message }));
  }

  subscribe(handler: (message: Invalidation) => void): void {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}
