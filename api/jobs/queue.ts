import type { z } from "zod";

/** A named kind of job with the schema its payload must satisfy (checked when it runs). */
export interface JobDefinition<S extends z.ZodType> {
  name: string;
  schema: S;
  /** Tries before giving up. @defaultValue 5 */
  attempts?: number;
  /** First retry delay, doubled each time. @defaultValue 1000 */
  backoffMs?: number;
}

export interface AddOptions {
  delayMs?: number;
  /** Jobs with one id run once (a second add is ignored while the first exists). */
  jobId?: string;
}

/**
 * Background work behind one interface: BullMQ on Redis in scale-out (jobs survive
 * restarts; workers in the API process or `npm run worker`), an in-process runner with the
 * same retries and delays otherwise.
 */
export interface JobQueue {
  add<S extends z.ZodType>(job: JobDefinition<S>, data: z.infer<S>, options?: AddOptions): Promise<void>;
  /** Runs `handler` for this kind of job in this process. */
  work<S extends z.ZodType>(job: JobDefinition<S>, handler: (data: z.infer<S>) => Promise<void>): void;
  /** Runs a job every `everyMs` (one schedule per name across all processes). */
  every<S extends z.ZodType>(job: JobDefinition<S>, everyMs: number, data: z.infer<S>): Promise<void>;
  close(): Promise<void>;
}

/** A job that can never succeed (its payload is invalid): no retries. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}
