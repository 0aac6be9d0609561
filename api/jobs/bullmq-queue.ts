import { BLOCKING_REDIS_OPTIONS } from "../db/redis.ts";
import { Queue, UnrecoverableError, Worker, type WorkerOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { z } from "zod";
import type { Logger } from "../logger.ts";
import { PermanentJobError, type AddOptions, type JobDefinition, type JobQueue } from "./queue.ts";

/**
 * BullMQ on Redis: jobs are stored before `add` returns, survive restarts, and run in any
 * process that called `work` (the API nodes, or `npm run worker`). A job whose payload fails
 * its schema fails for good (UnrecoverableError) instead of retrying.
 */
export class BullQueue implements JobQueue {
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    private readonly connection: Redis,
    private readonly log: Logger,
    private readonly prefix = "shopchat",
    /** Lock and stall timings (tests shorten them to see a dead worker's job taken over quickly). */
    private readonly workerOptions: Partial<WorkerOptions> = {},
  ) {}

  async add<S extends z.ZodType>(job: JobDefinition<S>, data: z.infer<S>, options: AddOptions = {}) {
    await this.queue(job.name).add(job.name, data, {
      attempts: job.attempts ?? 5,
      backoff: { type: "exponential", delay: job.backoffMs ?? 1000 },
      delay: options.delayMs,
      jobId: options.jobId,
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  work<S extends z.ZodType>(job: JobDefinition<S>, handler: (data: z.infer<S>) => Promise<void>) {
    const worker = new Worker(
      job.name,
      async (bull) => {
        const parsed = job.schema.safeParse(bull.data);
        if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.issues[0]?.message ?? "?"}`);
        try {
          await handler(parsed.data);
        } catch (error) {
          if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      { connection: this.connection.duplicate({ ...BLOCKING_REDIS_OPTIONS }), prefix: this.prefix, concurrency: 4, ...this.workerOptions },
    );
    worker.on("failed", (bull, err) => this.log.warn({ job: job.name, id: bull?.id, attempt: bull?.attemptsMade, err }, "job attempt failed"));
    this.workers.push(worker);
  }

  async every<S extends z.ZodType>(job: JobDefinition<S>, everyMs: number, data: z.infer<S>) {
    await this.queue(job.name).upsertJobScheduler(`${job.name}:every`, { every: everyMs }, { name: job.name, data });
  }

  /** `force` abandons running jobs, as a crash would; their locks expire and another worker takes them. */
  async close(force = false) {
    await Promise.all(this.workers.map((w) => w.close(force)));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection.duplicate({ maxRetriesPerRequest: 1 }), prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
