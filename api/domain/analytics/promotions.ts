import type { PrismaClient } from "../../db/generated/client.ts";
import type { PromotionsReport } from "../../contracts/promotions.ts";
import { customersWithSpend } from "../customers/tier.ts";
import { settingsOf } from "../merchants/settings.ts";
import { COUNTED_REFUNDS, earned, isPaid } from "../orders/revenue.ts";
import type { Period } from "./analytics.service.ts";

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);
const TOP = 5;

/**
 * The dashboard's promotion tiles for one merchant: red-packet campaigns within their time now,
 * coupon use on the period's orders, and the VIP tier (how many, their share of the period's
 * revenue, the biggest spenders). Revenue is the sales report's (orders/revenue.ts `earned`).
 */
export async function promotionsReport(prisma: PrismaClient, merchantId: string, period: Period, now = new Date()): Promise<PromotionsReport> {
  const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { currency: true, settings: true } });
  const { vip } = settingsOf(merchant.settings);
  const money = (amount: number) => ({ amount, currency: merchant.currency });
  const [campaigns, redemptions, orders, vips] = await Promise.all([
    prisma.campaign.findMany({ where: { merchantId, startsAt: { lte: now }, endsAt: { gt: now } }, orderBy: { endsAt: "asc" }, take: 20 }),
    // Uses on the period's orders: a redemption is made with its order and goes when an unpaid order is cancelled.
    prisma.couponRedemption.findMany({ where: { merchantId, createdAt: { gte: period.from, lt: period.to } }, select: { orderId: true, amount: true, coupon: { select: { code: true, ownerCustomerId: true, campaignId: true } } } }),
    prisma.order.findMany({ where: { merchantId, createdAt: { gte: period.from, lt: period.to } }, select: { id: true, customerId: true, status: true, totalAmount: true, refunds: COUNTED_REFUNDS } }),
    customersWithSpend(prisma, merchantId, vip, { onlyVip: true }),
  ]);

  const byOrder = new Map(orders.map((o) => [o.id, o]));
  const codes = new Map<string, { code: string; redemptions: number; discount: number }>();
  const packets = { redemptions: 0, discount: 0 };
  let discount = 0;
  let paidRedemptions = 0;
  let couponRevenue = 0;
  for (const r of redemptions) {
    discount += r.amount;
    const order = byOrder.get(r.orderId);
    if (order && isPaid(order.status)) paidRedemptions++;
    couponRevenue += order ? earned(order) : 0;
    if (r.coupon.ownerCustomerId || r.coupon.campaignId) {
      packets.redemptions++;
      packets.discount += r.amount;
      continue;
    }
    const line = codes.get(r.coupon.code) ?? { code: r.coupon.code, redemptions: 0, discount: 0 };
    line.redemptions++;
    line.discount += r.amount;
    codes.set(line.code, line);
  }

  const vipIds = new Set(vips.map((v) => v.id));
  const revenue = orders.reduce((sum, o) => sum + earned(o), 0);
  const vipRevenue = orders.reduce((sum, o) => sum + (o.customerId && vipIds.has(o.customerId) ? earned(o) : 0), 0);
  const top = [...vips].sort((a, b) => b.spend - a.spend || a.id.localeCompare(b.id)).slice(0, TOP);
  const managerIds = [...new Set(top.map((v) => v.accountManagerId ?? vip.accountManagerId).filter((id): id is string => Boolean(id)))];
  const managers = managerIds.length ? await prisma.agent.findMany({ where: { merchantId, id: { in: managerIds } }, select: { id: true, name: true } }) : [];

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    currency: merchant.currency,
    campaigns: campaigns.map((c) => ({
      id: c.id,
      name: c.name,
      packets: c.packets,
      claimed: c.claimed,
      left: Math.max(0, c.packets - c.claimed),
      endsAt: c.endsAt.toISOString(),
      secondsLeft: Math.max(0, Math.floor((c.endsAt.getTime() - now.getTime()) / 1000)),
    })),
    coupons: {
      redemptions: redemptions.length,
      discount: money(discount),
      paidRedemptions,
      revenue: money(couponRevenue),
      topCodes: [...codes.values()]
        .sort((a, b) => b.redemptions - a.redemptions || b.discount - a.discount || a.code.localeCompare(b.code))
        .slice(0, TOP)
        .map((c) => ({ code: c.code, redemptions: c.redemptions, discount: money(c.discount) })),
      redPackets: { redemptions: packets.redemptions, discount: money(packets.discount) },
    },
    vip: {
      threshold: vip.spendOver ?? null,
      customers: vips.length,
      revenue: money(vipRevenue),
      revenueShare: share(vipRevenue, revenue),
      top: top.map((v) => {
        const managerId = v.accountManagerId ?? vip.accountManagerId ?? null;
        return { id: v.id, name: v.name, lifetimeSpend: money(v.spend), accountManager: managers.find((m) => m.id === managerId) ?? null };
      }),
    },
  };
}
