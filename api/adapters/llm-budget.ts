import type { Redis } from "ioredis";
import { budgetDay, type TokenBudget } from "../../bot/llm/budget.ts";

/** The per-merchant daily token budget shared by every API node, in Redis (one counter per merchant and day). */
export class RedisTokenBudget implements TokenBudget {
  constructor(
    private readonly redis: Redis,
    private readonly dailyTokens: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async allows(merchantId: string): Promise<boolean> {
    const used = Number((await this.redis.get(this.key(merchantId))) ?? 0);
    return used < this.dailyTokens;
  }

  async spend(merchantId: string, tokens: number): Promise<void> {
    const key = this.key(merchantId);
    await this.redis.multi().incrby(key, Math.max(0, Math.round(tokens))).expire(key, 2 * 24 * 3600).exec();
  }

  private key(merchantId: string) {
    return `llm:tokens:${merchantId}:${budgetDay(this.now())}`;
  }
}
