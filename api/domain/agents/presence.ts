import type { Redis } from "ioredis";

export type PresenceStatus = "online" | "away" | "offline";

/** Who of a merchant's agents is reachable now. In-memory for one node, Redis for many. */
export interface Presence {
  set(merchantId: string, agentId: string, status: PresenceStatus): Promise<void>;
  all(merchantId: string): Promise<Map<string, PresenceStatus>>;
}

export class MemoryPresence implements Presence {
  private readonly byMerchant = new Map<string, Map<string, PresenceStatus>>();

  async set(merchantId: string, agentId: string, status: PresenceStatus) {
    const agents = this.byMerchant.get(merchantId) ?? new Map<string, PresenceStatus>();
    agents.set(agentId, status);
    this.byMerchant.set(merchantId, agents);
  }

  async all(merchantId: string) {
    return new Map(this.byMerchant.get(merchantId) ?? []);
  }
}

/**
 * One hash per merchant: agentId -> "status:expiresAtMs". A node refreshes the entries of
 * the agents connected to it; an entry not refreshed in time counts as offline, so a
 * crashed node does not leave its agents "online" forever.
 */
export class RedisPresence implements Presence {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "shopchat",
    private readonly ttlMs = 60_000,
  ) {}

  async set(merchantId: string, agentId: string, status: PresenceStatus) {
    await this.redis.hset(`${this.prefix}:presence:${merchantId}`, agentId, `${status}:${Date.now() + this.ttlMs}`);
  }

  async all(merchantId: string) {
    const raw = await this.redis.hgetall(`${this.prefix}:presence:${merchantId}`);
    const now = Date.now();
    const out = new Map<string, PresenceStatus>();
    for (const [agentId, value] of Object.entries(raw)) {
      const [status, until] = value.split(":");
      out.set(agentId, Number(until) > now ? (status as PresenceStatus) : "offline");
    }
    return out;
  }
}
