import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Redis for the scale-out tests: required in CI, skipped with a note elsewhere. */
export const redisAvailable = await (async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (error) {
    if (process.env.CI === "true") throw new Error(`Redis is required in CI but unreachable at ${REDIS_URL}`, { cause: error });
    process.stderr.write(`Redis unreachable at ${REDIS_URL}: its tests are skipped\n`);
    return false;
  } finally {
    probe.disconnect();
  }
})();

/** A fresh key prefix per test, deleted afterwards. */
export function redisPrefix() {
  return `test-${randomBytes(5).toString("hex")}`;
}

export function newRedis() {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: null });
}

export async function cleanRedis(prefix: string) {
  const redis = newRedis();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
