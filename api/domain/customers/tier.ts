import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import type { VipSettings } from "../merchants/settings.ts";

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
