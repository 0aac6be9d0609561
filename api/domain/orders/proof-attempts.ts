import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Logger } from "../../logger.ts";

export interface ProofLimits {
  /** Failed order proofs (number + email/phone) per conversation per 15 minutes. @defaultValue 5 */
  perConversation?: number;
  /** Per shopper (verified customer, or the conversation when anonymous) per hour. @defaultValue 10 */
  perCustomer?: number;
  /** Per merchant per hour: many sessions guessing together still run out. @defaultValue 300 */
  perMerchant?: number;
}

/**
 * Caps the guessing of orders through the bot ("where is my order LL…, a@b.c"): only misses
 * count, each scope blocks for as long as its window once spent (the backoff), and while
 * any scope is blocked no proof is even looked up, so the right pair proves nothing either.
 * In Redis when there are several nodes. Store failure: the proof is refused (fail closed:
 * guessing personal orders is worse than asking the shopper to retry).
 */
export class ProofAttempts {
  private readonly scopes: { name: string; limiter: RateLimiterAbstract }[];

  constructor(limits: ProofLimits, private readonly log: Logger, redis?: Redis) {
    const make = (name: string, points: number, duration: number) =>
      redis
        ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `shopchat:proof:${name}`, points, duration, blockDuration: duration })
        : new RateLimiterMemory({ keyPrefix: `proof:${name}`, points, duration, blockDuration: duration });
    this.scopes = [
      { name: "conversation", limiter: make("conversation", limits.perConversation ?? 5, 15 * 60) },
      { name: "customer", limiter: make("customer", limits.perCustomer ?? 10, 60 * 60) },
      { name: "merchant", limiter: make("merchant", limits.perMerchant ?? 300, 60 * 60) },
    ];
  }

  /** The seconds to wait when a scope is spent, or 0 when a proof may be tried. */
  async blockedFor(keys: ProofKeys): Promise<number> {
    try {
      let wait = 0;
      for (const [i, key] of this.keysOf(keys).entries()) {
        const { limiter } = this.scopes[i]!;
        const seen = await limiter.get(key);
        if (seen && seen.consumedPoints >= limiter.points) wait = Math.max(wait, Math.ceil(seen.msBeforeNext / 1000));
      }
      return wait;
    } catch (err) {
      this.log.warn({ err }, "order proof limiter unavailable; proof refused");
      return 60;
    }
  }

  /** Counts one miss in every scope. */
  async missed(keys: ProofKeys): Promise<void> {
    await Promise.all(this.keysOf(keys).map((key, i) => this.scopes[i]!.limiter.consume(key).catch(() => undefined)));
  }

  private keysOf(keys: ProofKeys): string[] {
    return [keys.conversationId, `${keys.merchantId}:${keys.customerId ?? keys.conversationId}`, keys.merchantId];
  }
}

export interface ProofKeys {
  merchantId: string;
  conversationId: string;
  customerId?: string;
}
