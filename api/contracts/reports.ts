import { z } from "zod";
import { localeSchema, moneySchema } from "./common.ts";

export const REPORT_PERIODS = ["weekly", "monthly"] as const;
export const reportPeriodSchema = z.enum(REPORT_PERIODS);

export const reportCreateSchema = z
  .object({
    period: reportPeriodSchema,
    date: z.iso.date().optional().meta({ description: "A day in the week or month to report on (default: today, so the period so far)" }),
    send: z.boolean().optional().meta({ description: "Also email it to the team members chosen in settings.reports (when SMTP_URL is set)" }),
  })
  .strict()
  .meta({ id: "ReportCreate" });
export type ReportCreate = z.infer<typeof reportCreateSchema>;

const countSchema = z.number().int();

/** What a report holds: the analytics API's figures for its days, as they were when it was written. */
export const reportDataSchema = z.object({
  currency: z.string(),
  sales: z.object({
    orders: countSchema,
    paidOrders: countSchema,
    cancelled: countSchema,
    awaitingPayment: countSchema,
    failedPayments: countSchema,
    revenue: moneySchema,
    averageOrder: moneySchema,
    byChannel: z.record(z.string(), z.object({ orders: countSchema, revenue: z.number() })),
    topProducts: z.array(z.object({ sku: z.string(), name: z.unknown(), quantity: countSchema, revenue: moneySchema })),
  }),
  satisfaction: z.object({
    csat: z.object({ average: z.number().nullable(), count: countSchema, distribution: z.record(z.string(), z.number()) }),
    thumbs: z.object({ up: countSchema, down: countSchema }),
    complaints: z.object({ tags: z.array(z.object({ tag: z.string(), count: countSchema })), lowRated: countSchema }),
  }),
  bot: z.object({ conversations: countSchema, containmentRate: z.number(), escalationRate: z.number() }),
  knowledgeGaps: z.array(z.object({ question: z.string(), count: countSchema, locale: z.string().optional() })),
  summary: z.string(),
});
export type ReportData = z.infer<typeof reportDataSchema>;

export const reportSchema = z
  .object({
    id: z.uuid(),
    period: reportPeriodSchema,
    from: z.string().meta({ description: "First day (YYYY-MM-DD, UTC days like the analytics API's ?from=)" }),
    to: z.string().meta({ description: "Last day, inclusive" }),
    locale: localeSchema,
    trigger: z.enum(["schedule", "manual"]),
    createdBy: z.string(),
    emailedTo: z.array(z.string()),
    createdAt: z.string(),
    data: reportDataSchema,
  })
  .meta({ id: "Report" });
export type Report = z.infer<typeof reportSchema>;
