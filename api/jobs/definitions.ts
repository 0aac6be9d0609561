import { z } from "zod";
import type { JobDefinition } from "./queue.ts";

/** Every kind of background job, with the payload it accepts. */
export const deliverWebhook = {
  name: "webhook-deliver",
  schema: z.object({ deliveryId: z.uuid() }).strict(),
  attempts: 8,
  backoffMs: 2000,
} satisfies JobDefinition<z.ZodType>;

export const slaSweep = {
  name: "sla-sweep",
  schema: z.object({}).strict(),
  attempts: 1,
} satisfies JobDefinition<z.ZodType>;

export const analyticsRollup = {
  name: "analytics-rollup",
  schema: z.object({}).strict(),
  attempts: 1,
} satisfies JobDefinition<z.ZodType>;
