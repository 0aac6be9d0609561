import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { RedisTokenBudget } from "../../api/adapters/llm-budget.ts";
import { cleanRedis, newRedis, redisAvailable } from "../support/redis.ts";

describe.runIf(redisAvailable)("the per-merchant model budget in Redis", () => {
  const redis = newRedis();
  const second = newRedis();
  const merchant = `m-${randomBytes(4).toString("hex")}`;
  const other = `${merchant}-other`;
  afterAll(async () => {
    await cleanRedis(`llm:tokens:${merchant}`);
    await redis.quit();
    await second.quit();
  });

  it("is shared by every node, kept per merchant and per day, and expires", async () => {
    let now = new Date("2026-11-25T10:00:00Z");
    const nodeA = new RedisTokenBudget(redis, 100, () => now);
    const nodeB = new RedisTokenBudget(second, 100, () => now);
    await nodeA.spend(merchant, 60);
    expect(await nodeB.allows(merchant)).toBe(true);
    await nodeB.spend(merchant, 50);
    expect(await nodeA.allows(merchant)).toBe(false);
    expect(await nodeB.allows(merchant)).toBe(false);
    expect(await nodeA.allows(other)).toBe(true);
    const ttl = await redis.ttl(`llm:tokens:${merchant}:2026-11-25`);
    expect(ttl).toBeGreaterThan(86_400);
    now = new Date("2026-11-26T00:00:01Z");
    expect(await nodeA.allows(merchant)).toBe(true);
  });
});
