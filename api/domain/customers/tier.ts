import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import type { VipBenefits } from "../../../bot/ports.ts";
import { earnedSql } from "../orders/revenue.ts";
import { settingsOf, type VipSettings } from "../merchants/settings.ts";

export type Tier = "regular" | "vip";

type Db = PrismaClient | Prisma.TransactionClient;

/** VIP once paid spend reaches the merchant's threshold; no threshold, no VIPs (unless flagged by hand). */
export function tierOf(lifetimeSpend: number, vip: VipSettings, flagged = false): Tier {
  if (flagged) return "vip";
  return vip.spendOver && lifetimeSpend >= vip.spendOver.amount ? "vip" : "regular";
}

/** What being a VIP gives: the standing offer (the greeting and the bot's coupon answers name it). */
export function benefitsOf(vip: VipSettings): VipBenefits {
  return vip.offerPercent ? { offerPercent: vip.offerPercent } : {};
}

/** Paid spend in minor units: what the customer's orders earned the shop (orders/revenue.ts `earned`). */
export async function lifetimeSpend(db: Db, merchantId: string, customerId: string): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ spend: number }[]>(`select ${earnedSql("$1", "$2")} as spend`, merchantId, customerId);
  return Number(rows[0]?.spend ?? 0);
}

/** A customer's tier and spend under the merchant's settings; null when not this merchant's customer. */
export async function tierOfCustomer(db: Db, merchant: { id: string; settings: unknown }, customerId: string): Promise<{ tier: Tier; spend: number; name: string | null; accountManagerId: string | null } | null> {
  const { vip } = settingsOf(merchant.settings);
  const customer = await db.customer.findFirst({ where: { id: customerId, merchantId: merchant.id }, select: { vip: true, name: true, accountManagerId: true } });
  if (!customer) return null;
  const spend = await lifetimeSpend(db, merchant.id, customerId);
  return { tier: tierOf(spend, vip, customer.vip), spend, name: customer.name, accountManagerId: customer.accountManagerId };
}

/** A VIP's benefits for the greeting and the bot's answers, or undefined for everyone else. */
export async function vipOf(db: Db, merchant: { id: string; settings: unknown }, customerId: string): Promise<VipBenefits | undefined> {
  const found = await tierOfCustomer(db, merchant, customerId);
  return found?.tier === "vip" ? benefitsOf(settingsOf(merchant.settings).vip) : undefined;
}

export interface SpendRow {
  id: string;
  name: string | null;
  email: string | null;
  flagged: boolean;
  accountManagerId: string | null;
  spend: number;
}

/**
 * The merchant's customers with their lifetime spend, in one query: the VIPs among them
 * (`onlyVip`: flagged or at the threshold, as `tierOf` decides) or the given ones.
 */
export async function customersWithSpend(db: Db, merchantId: string, vip: VipSettings, options: { ids?: string[]; onlyVip?: boolean }): Promise<(SpendRow & { tier: Tier })[]> {
  if (options.ids && options.ids.length === 0) return [];
  const params: unknown[] = [merchantId];
  let where = `c."merchantId" = $1`;
  if (options.ids) {
    params.push(options.ids);
    where += ` and c.id = any($${params.length}::text[])`;
  }
  const spend = earnedSql("c.\"merchantId\"", "c.id");
  if (options.onlyVip) {
    // The SQL side of `tierOf`: flagged, or spend at the threshold (no threshold: flagged only).
    params.push(vip.spendOver?.amount ?? null);
    where += ` and (c.vip or ($${params.length}::float8 is not null and ${spend} >= $${params.length}::float8))`;
  }
  const rows = await db.$queryRawUnsafe<(Omit<SpendRow, "spend"> & { spend: number | string })[]>(
    `select c.id, c.name, c.email, c.vip as flagged, c."accountManagerId", ${spend} as spend from "Customer" c where ${where}`,
    ...params,
  );
  return rows.map((r) => {
    const amount = Number(r.spend);
    return { ...r, spend: amount, tier: tierOf(amount, vip, r.flagged) };
  });
}
