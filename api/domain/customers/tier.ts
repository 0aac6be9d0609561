import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import { settingsOf, type VipSettings } from "../merchants/settings.ts";

/** Order statuses whose money the shop has: what counts toward a customer's lifetime spend. */
export const PAID_STATUSES = ["paid", "processing", "shipped", "delivered", "completed", "refund_requested"] as const;

export type Tier = "regular" | "vip";

/** VIP once paid spend reaches the merchant's threshold; no threshold, no VIPs (unless flagged by hand). */
export function tierOf(lifetimeSpend: number, vip: VipSettings, flagged = false): Tier {
  if (flagged) return "vip";
  return vip.spendOver && lifetimeSpend >= vip.spendOver.amount ? "vip" : "regular";
}

/** Paid spend in minor units (totals of paid orders, less what was refunded on them). */
export async function lifetimeSpend(db: PrismaClient | Prisma.TransactionClient, merchantId: string, customerId: string): Promise<number> {
  const sum = await db.order.aggregate({ where: { merchantId, customerId, status: { in: [...PAID_STATUSES] } }, _sum: { totalAmount: true } });
  return sum._sum.totalAmount ?? 0;
}

/** A VIP's benefits for the greeting, or undefined for everyone else. */
export async function vipOf(prisma: PrismaClient, merchant: { id: string; settings: unknown }, customerId: string): Promise<{ offerPercent?: number } | undefined> {
  const { vip } = settingsOf(merchant.settings);
  const customer = await prisma.customer.findUnique({ where: { id: customerId }, select: { vip: true } });
  if (!customer?.vip && !vip.spendOver) return undefined;
  const tier = tierOf(customer?.vip ? 0 : await lifetimeSpend(prisma, merchant.id, customerId), vip, customer?.vip ?? false);
  return tier === "vip" ? { offerPercent: vip.offerPercent } : undefined;
}
