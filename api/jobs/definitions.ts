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

/** Cancels one unpaid order at the end of its payment window (delayed; the sweep backs it up). */
export const paymentExpire = {
  name: "payment-expire",
  schema: z.object({ orderId: z.uuid() }).strict(),
  attempts: 3,
} satisfies JobDefinition<z.ZodType>;

export const paymentExpirySweep = {
  name: "payment-expiry-sweep",
  schema: z.object({}).strict(),
  attempts: 1,
} satisfies JobDefinition<z.ZodType>;

export const paymentReconcile = {
  name: "payment-reconcile",
  schema: z.object({}).strict(),
  attempts: 1,
} satisfies JobDefinition<z.ZodType>;

/** Writes each merchant's last whole week's and month's report once (hourly; a unique key per period). */
export const reportsSchedule = {
  name: "reports-schedule",
  schema: z.object({}).strict(),
  attempts: 1,
} satisfies JobDefinition<z.ZodType>;

/** Retrains the recommender: one merchant (after a catalog import, say) or all of them. */
export const recommendationsRebuild = {
  name: "recommendations-rebuild",
  schema: z.object({ merchantId: z.uuid().optional() }).strict(),
  attempts: 2,
} satisfies JobDefinition<z.ZodType>;

/** Ends campaigns whose time is up and publishes `campaign.ended` once for each. */
export const campaignSweep = {
  name: "campaign-sweep",
  schema: z.object({}).strict(),
  attempts: 1,
} satisfies JobDefinition<z.ZodType>;

/** Deletes idempotency records past their time (they hold order responses with personal data). */
export const idempotencyPrune = {
  name: "idempotency-prune",
  schema: z.object({}).strict(),
  attempts: 1,
} satisfies JobDefinition<z.ZodType>;
