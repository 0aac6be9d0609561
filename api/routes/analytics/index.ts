import { localeSchema } from "../../contracts/common.ts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { AnalyticsService } from "../../domain/analytics/analytics.service.ts";
import { toCsv } from "../../domain/analytics/csv.ts";
import { periodOfDays } from "../../domain/analytics/period.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import { createRouter, errorResponses, jsonResponse, merchantSecurity } from "../../http/openapi.ts";
import { promotionsReportSchema } from "../../contracts/promotions.ts";
import { promotionsReport } from "../../domain/analytics/promotions.ts";

const periodSchema = z
  .object({
    from: z.iso.date().optional().meta({ description: "First day (YYYY-MM-DD), default 30 days ago" }),
    to: z.iso.date().optional().meta({ description: "Last day, inclusive (YYYY-MM-DD), default today" }),
    granularity: z.enum(["day", "week", "month"]).default("day"),
    format: z.enum(["json", "csv"]).default("json"),
    locale: localeSchema.optional().meta({ description: "Language of the summary (default: the shop's)" }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, "from must not be after to");

const common = { tags: ["Analytics"], security: merchantSecurity };
const anyJson = { description: "Metrics (or CSV with format=csv)", content: { "application/json": { schema: z.record(z.string(), z.unknown()) }, "text/csv": { schema: z.string() } } };
const feedbackRoute = createRoute({ ...common, method: "get", path: "/analytics/feedback", summary: "CSAT, thumbs, containment, escalations, agents, intents, knowledge gaps, summary", request: { query: periodSchema }, responses: { 200: anyJson, ...errorResponses } });
const salesRoute = createRoute({ ...common, method: "get", path: "/analytics/sales", summary: "Orders, revenue, top products, bot vs API, trend", request: { query: periodSchema }, responses: { 200: anyJson, ...errorResponses } });

const promotionsRoute = createRoute({
  ...common,
  method: "get",
  path: "/analytics/promotions",
  summary: "Campaigns running now, coupon use and the VIP tier (count, revenue share, top VIPs) over a period",
  request: { query: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }).refine((q) => !q.from || !q.to || q.from <= q.to, "from must not be after to") },
  responses: { 200: jsonResponse(promotionsReportSchema, "The promotion tiles' numbers"), ...errorResponses },
});

const period = (q: { from?: string; to?: string }) => periodOfDays(q);

export function analyticsRoutes(analytics: AnalyticsService, prisma: PrismaClient) {
  return createRouter()
    .openapi(feedbackRoute, async (c) => {
      const q = c.req.valid("query");
      const merchantId = c.get("merchant").merchantId;
      const p = period(q);
      if (q.format === "csv") {
        const rows = await prisma.feedback.findMany({ where: { merchantId, createdAt: { gte: p.from, lt: p.to } }, orderBy: { createdAt: "asc" } });
        c.header("Content-Type", "text/csv; charset=utf-8");
        c.header("Content-Disposition", 'attachment; filename="feedback.csv"');
        return c.body(toCsv(["createdAt", "conversationId", "messageId", "intent", "locale", "thumbs", "csat", "reason", "comment"], rows.map((f) => [f.createdAt.toISOString(), f.conversationId, f.messageId, f.intent, f.locale, f.thumbs, f.csat, f.reason, f.comment])), 200);
      }
      return c.json(await analytics.feedback(merchantId, p, q.locale), 200);
    })
    .openapi(salesRoute, async (c) => {
      const q = c.req.valid("query");
      const report = await analytics.sales(c.get("merchant").merchantId, period(q), q.granularity);
      if (q.format === "csv") {
        c.header("Content-Type", "text/csv; charset=utf-8");
        c.header("Content-Disposition", 'attachment; filename="sales.csv"');
        return c.body(toCsv(["period", "orders", "revenueMinor", "currency"], report.trend.map((t) => [t.period, t.orders, t.revenue.amount, t.revenue.currency])), 200);
      }
      return c.json(report, 200);
    })
    .openapi(promotionsRoute, async (c) => c.json(await promotionsReport(prisma, c.get("merchant").merchantId, period(c.req.valid("query"))), 200));
}
