import { z } from "zod";
import type { PrivacyService } from "../domain/privacy/privacy.service.ts";
import type { JobDefinition, JobQueue } from "./queue.ts";

/** Anonymises closed conversations older than each merchant's `privacy.retentionDays`. */
export const privacyRetention = {
  name: "privacy-retention",
  schema: z.object({}).strict(),
  attempts: 1,
} satisfies JobDefinition<z.ZodType>;

/** Hourly: retention is counted in days, so a coarse beat is enough. */
const RETENTION_MS = 60 * 60_000;

export async function startPrivacyWorkers(queue: JobQueue, privacy: PrivacyService) {
  queue.work(privacyRetention, async () => {
    await privacy.runRetention();
  });
  await queue.every(privacyRetention, RETENTION_MS, {});
}
