import type { CampaignsService } from "../../domain/promotions/campaigns.service.ts";
import type { CouponsService } from "../../domain/promotions/coupons.service.ts";
import type { ReferralsService } from "../../domain/promotions/referrals.service.ts";
import { toCsv } from "../../domain/analytics/csv.ts";
import { createRouter } from "../../http/openapi.ts";
import * as routes from "./promotions.routes.ts";

const DAY = 86_400_000;

/** The period of a report: whole days, the last one inclusive (default: the last 30 days). */
export function reportPeriod(q: { from?: string; to?: string }) {
  const to = q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY) : new Date();
  const from = q.from ? new Date(`${q.from}T00:00:00Z`) : new Date(to.getTime() - 30 * DAY);
  return { from, to };
}

/** Coupons, campaigns and referral partners for the merchant (API key or a supervisor's token). */
export function promotionRoutes(coupons: CouponsService, campaigns: CampaignsService, referrals: ReferralsService) {
  return createRouter()
    .openapi(routes.listCoupons, async (c) => c.json(await coupons.list(c.get("merchant").merchantId, c.req.valid("query")), 200))
    .openapi(routes.createCoupon, async (c) => c.json(await coupons.create(c.get("merchant").merchantId, c.req.valid("json")), 201))
    .openapi(routes.getCoupon, async (c) => c.json(await coupons.get(c.get("merchant").merchantId, c.req.valid("param").id), 200))
    .openapi(routes.updateCoupon, async (c) => c.json(await coupons.update(c.get("merchant").merchantId, c.req.valid("param").id, c.req.valid("json")), 200))
    .openapi(routes.listCampaigns, async (c) => c.json(await campaigns.list(c.get("merchant").merchantId, c.req.valid("query")), 200))
    .openapi(routes.createCampaign, async (c) => c.json(await campaigns.create(c.get("merchant").merchantId, c.req.valid("json")), 201))
    .openapi(routes.getCampaign, async (c) => c.json(await campaigns.get(c.get("merchant").merchantId, c.req.valid("param").id), 200))
    .openapi(routes.listReferrals, async (c) => c.json(await referrals.list(c.get("merchant").merchantId), 200))
    .openapi(routes.createReferral, async (c) => c.json(await referrals.create(c.get("merchant").merchantId, c.req.valid("json")), 201))
    .openapi(routes.referralReport, async (c) => {
      const q = c.req.valid("query");
      const lines = await referrals.report(c.get("merchant").merchantId, reportPeriod(q));
      if (q.format === "csv") {
        c.header("Content-Type", "text/csv; charset=utf-8");
        c.header("Content-Disposition", 'attachment; filename="referrals.csv"');
        return c.body(toCsv(["code", "partner", "sessions", "orders", "paidOrders", "revenueMinor", "currency", "conversion"], lines.map((l) => [l.code, l.partner, l.sessions, l.orders, l.paidOrders, l.revenue.amount, l.revenue.currency, l.conversion])), 200);
      }
      return c.json({ data: lines }, 200);
    });
}
