import type { Customer as CustomerRow, PrismaClient } from "../../db/generated/client.ts";
import { AppError, notFound } from "../../errors.ts";
import type { MerchantsService } from "../merchants/merchants.service.ts";
import { settingsOf } from "../merchants/settings.ts";
import { managerFor } from "./account-manager.ts";
import { lifetimeSpend, tierOf, type Tier } from "./tier.ts";

export interface CustomerProfile {
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  tier: Tier;
  lifetimeSpend: { amount: number; currency: string };
  accountManager: { id: string; name: string } | null;
}

/**
 * Customer profiles with their tier: VIP once their paid spend reaches the merchant's
 * `settings.vip.spendOver` (or flagged by hand), and the account manager who looks after them
 * (their own, else the merchant's VIP manager).
 */
export class CustomerProfiles {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly merchants: Pick<MerchantsService, "get">,
  ) {}

  async get(merchantId: string, id: string): Promise<CustomerProfile> {
    const row = await this.prisma.customer.findFirst({ where: { id, merchantId } });
    if (!row) throw notFound("customers", "customer");
    return this.profile(row);
  }

  /**
   * Gives one customer their own account manager (an agent of this shop), or takes it away
   * (`null`: the segment's manager, `settings.vip.accountManagerId`, applies again).
   */
  async assignAccountManager(merchantId: string, id: string, agentId: string | null): Promise<CustomerProfile> {
    const row = await this.prisma.customer.findFirst({ where: { id, merchantId }, select: { id: true, erasedAt: true } });
    if (!row) throw notFound("customers", "customer");
    if (row.erasedAt) throw new AppError(409, "customers:erased", "This customer's data was erased.");
    if (agentId && !(await this.prisma.agent.findFirst({ where: { id: agentId, merchantId }, select: { id: true } }))) {
      throw new AppError(422, "customers:unknown_agent", "No agent of this shop has that id.");
    }
    return this.profile(await this.prisma.customer.update({ where: { id }, data: { accountManagerId: agentId } }));
  }

  /** Exact lookups by email (any case) or phone (digits compared); `[]` when nobody matches. */
  async find(merchantId: string, query: { email?: string; phone?: string }): Promise<CustomerProfile[]> {
    if (query.email) {
      const row = await this.prisma.customer.findUnique({ where: { merchantId_email: { merchantId, email: query.email.trim().toLowerCase() } } });
      return row ? [await this.profile(row)] : [];
    }
    if (query.phone) {
      const digits = query.phone.replace(/\D/g, "");
      const rows = await this.prisma.customer.findMany({ where: { merchantId, phone: { not: null } }, take: 5000 });
      const matches = rows.filter((r) => (r.phone ?? "").replace(/\D/g, "") === digits).slice(0, 20);
      return Promise.all(matches.map((r) => this.profile(r)));
    }
    return [];
  }

  private async profile(row: CustomerRow): Promise<CustomerProfile> {
    const merchant = await this.merchants.get(row.merchantId);
    const standing = await standingOf(this.prisma, { id: row.merchantId, settings: merchant?.settings, currency: merchant?.currency ?? "CNY" }, row);
    return { id: row.id, email: row.email, name: row.name, phone: row.phone, ...standing };
  }
}

export type CustomerStanding = Pick<CustomerProfile, "tier" | "lifetimeSpend" | "accountManager">;

/** A customer's tier, paid lifetime spend and account manager (the profile's and the console's customer panel). */
export async function standingOf(
  prisma: PrismaClient,
  merchant: { id: string; settings: unknown; currency: string },
  customer: { id: string; vip: boolean; accountManagerId: string | null },
): Promise<CustomerStanding> {
  const { vip } = settingsOf(merchant.settings);
  const spend = await lifetimeSpend(prisma, merchant.id, customer.id);
  const tier = tierOf(spend, vip, customer.vip);
  const managerId = managerFor({ tier, accountManagerId: customer.accountManagerId }, vip.accountManagerId);
  const manager = managerId ? await prisma.agent.findFirst({ where: { id: managerId, merchantId: merchant.id }, select: { id: true, name: true } }) : null;
  return { tier, lifetimeSpend: { amount: spend, currency: merchant.currency }, accountManager: manager };
}
