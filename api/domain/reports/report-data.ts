import type { ReportData } from "../../contracts/reports.ts";
import type { AnalyticsService } from "../analytics/analytics.service.ts";

type Sales = Awaited<ReturnType<AnalyticsService["sales"]>>;
type Feedback = Awaited<ReturnType<AnalyticsService["feedback"]>>;

/**
 * A report's figures, copied from what the analytics API answers for the same days (never
 * counted a second way, so the two cannot disagree).
 */
export function reportDataOf(sales: Sales, feedback: Feedback): ReportData {
  return {
    currency: sales.currency,
    sales: {
      orders: sales.orders,
      paidOrders: sales.paidOrders,
      cancelled: sales.cancelled,
      awaitingPayment: sales.awaitingPayment,
      failedPayments: sales.failedPayments,
      revenue: sales.revenue,
      averageOrder: sales.averageOrder,
      byChannel: sales.byChannel,
      topProducts: sales.topProducts.slice(0, 5).map((p) => ({ sku: p.sku, name: p.name, quantity: p.quantity, revenue: p.revenue })),
    },
    satisfaction: {
      csat: feedback.csat,
      thumbs: { up: feedback.thumbs.up, down: feedback.thumbs.down },
      complaints: { tags: feedback.complaintTags.slice(0, 10), lowRated: feedback.lowRated.length },
    },
    bot: { conversations: feedback.conversations, containmentRate: feedback.containmentRate, escalationRate: feedback.escalationRate },
    knowledgeGaps: feedback.knowledgeGaps.slice(0, 10).map(({ question, count, locale }) => ({ question, count, locale })),
    summary: feedback.summary.text,
  };
}
