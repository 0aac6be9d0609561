import type { z } from "zod";
import type { Logger } from "../logger.ts";
import { PermanentJobError, type AddOptions, type JobDefinition, type JobQueue } from "./queue.ts";

interface Pending {
  job: JobDefinition<z.ZodType>;
  data: unknown;
  attempt: number;
}

/**
 * The embedded-mode runner: timers in this process, retries with exponential backoff,
 * jobId de-duplication. Jobs do not survive a restart; the periodic sweeps re-derive what
 * matters (SLA timers from the database, undelivered webhooks from their table).
 */
export class InProcessQueue implements JobQueue {
  private readonly handlers = new Map<string, (data: unknown) => Promise<void>>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly ids = new Set<string>();
  private closed = false;

  constructor(
    private readonly log: Logger,
    /** Multiplies retry delays (tests shrink them). @defaultValue 1 */
    private readonly backoffScale = 1,
  ) {}

  async add<S extends z.ZodType>(job: JobDefinition<S>, data: z.infer<S>, options: AddOptions = {}) {
    if (options.jobId) {
      if (this.ids.has(options.jobId)) return;
      this.ids.add(options.jobId);
    }
    this.schedule({ job: job as JobDefinition<z.ZodType>, data, attempt: 1 }, options.delayMs ?? 0, options.jobId);
  }

  work<S extends z.ZodType>(job: JobDefinition<S>, handler: (data: z.infer<S>) => Promise<void>) {
    this.handlers.set(job.name, handler as (data: unknown) => Promise<void>);
  }

  async every<S extends z.ZodType>(job: JobDefinition<S>, everyMs: number, data: z.infer<S>) {
    const tick = () => {
      if (this.closed) return;
      void this.add(job, data);
      const timer = setTimeout(tick, everyMs);
      timer.unref();
      this.timers.add(timer);
    };
    const first = setTimeout(tick, everyMs);
    first.unref();
    this.timers.add(first);
  }

  async close() {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(pending: Pending, delayMs: number, jobId?: string) {
    if (this.closed) return;
    const timer = setTimeout(async () => {
      this.timers.delete(timer);
      const done = await this.run(pending);
      if (done && jobId) this.ids.delete(jobId);
    }, delayMs);
    timer.unref?.();
    this.timers.add(timer);
  }

  private async run(pending: Pending): Promise<boolean> {
    const { job, data, attempt } = pending;
    const handler = this.handlers.get(job.name);
    if (!handler) {
      this.log.warn({ job: job.name }, "no worker for job; dropped");
      return true;
    }
    const parsed = job.schema.safeParse(data);
    if (!parsed.success) {
      this.log.error({ job: job.name, issues: parsed.error.issues }, "invalid job payload; dropped");
      return true;
    }
    try {
      await handler(parsed.data);
      return true;
    } catch (error) {
      const attempts = job.attempts ?? 5;
      if (error instanceof PermanentJobError || attempt >= attempts) {
        this.log.error({ job: job.name, attempt, err: error }, "job failed for good");
        return true;
      }
      const delay = (job.backoffMs ?? 1000) * 2 ** (attempt - 1) * this.backoffScale;
      this.log.warn({ job: job.name, attempt, retryInMs: delay, err: error }, "job failed; will retry");
      this.schedule({ ...pending, attempt: attempt + 1 }, delay);
      return false;
    }
  }
}
