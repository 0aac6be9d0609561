import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { BullQueue } from "../../api/jobs/bullmq-queue.ts";
import { silentLogger } from "../support/logger.ts";
import { cleanRedis, newRedis, redisAvailable, redisPrefix } from "../support/redis.ts";

const effectJob = { name: "test-effect", schema: z.object({ key: z.string() }).strict(), attempts: 3, backoffMs: 100 };

describe.runIf(redisAvailable)("jobs on BullMQ", () => {
  const prefix = redisPrefix();
  const redis = newRedis();
  afterAll(async () => {
    await cleanRedis(prefix);
    await redis.quit();
  });

  it("keeps a job queued while no worker runs and runs it after a restart", async () => {
    const before = new BullQueue(redis, silentLogger, prefix);
    await before.add(effectJob, { key: "survivor" });
    await before.close();
    const done: string[] = [];
    const after = new BullQueue(redis, silentLogger, prefix);
    after.work(effectJob, async ({ key }) => void done.push(key));
    await expect.poll(() => done, { timeout: 10_000 }).toEqual(["survivor"]);
    await after.close();
  });

  it("hands a job whose worker died mid-way to another worker, and its effect happens once", async () => {
    const effects = new Map<string, number>();
    const timings = { lockDuration: 1000, stalledInterval: 500, maxStalledCount: 2 };
    const crashing = new BullQueue(redis, silentLogger, `${prefix}-crash`, timings);
    let started = false;
    crashing.work(effectJob, () => {
      started = true;
      return new Promise(() => undefined); // never finishes: the process "dies" here
    });
    await crashing.add(effectJob, { key: "once" }, { jobId: "effect-once" });
    await expect.poll(() => started, { timeout: 10_000 }).toBe(true);
    await crashing.close(true);

    const healthy = new BullQueue(redis, silentLogger, `${prefix}-crash`, timings);
    healthy.work(effectJob, async ({ key }) => void effects.set(key, (effects.get(key) ?? 0) + 1));
    await expect.poll(() => effects.get("once"), { timeout: 15_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(effects.get("once")).toBe(1);
    await healthy.close();
  });

  it("fails a job with an invalid payload for good instead of retrying it", async () => {
    const queue = new BullQueue(redis, silentLogger, `${prefix}-bad`);
    let runs = 0;
    queue.work(effectJob, async () => void runs++);
    await queue.add(effectJob, { key: 42 } as never);
    await queue.add(effectJob, { key: "fine" });
    await expect.poll(() => runs, { timeout: 10_000 }).toBe(1);
    await queue.close();
  });
});
