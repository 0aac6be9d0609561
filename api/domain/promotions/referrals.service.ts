import type { PrismaClient } from "../../db/generated/client.ts";
import type { Referral } from "../../contracts/promotions.ts";
import { conflict } from "../../errors.ts";
import { PAID_STATUSES } from "../orders/revenue.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";

export interface ReferralLine {
  code: string;
  partner: string;
  /** Shopper sessions opened with this code (`?ref=` on the widget tag or page). */
  sessions: number;
  /** Orders attributed (a session with the code, or `referralCode` on the order), cancelled ones left out. */
  orders: number;
  paidOrders: number;
  revenue: { amount: number; currency: string };
  /** Orders per session, when sessions were seen; null otherwise. */
  conversion: number | null;
}

/** Referral partners (KOLs, brands) with their codes, and the sales they brought. */
export class ReferralsService {
  constructor(private readonly prisma: PrismaClient) {}

  async create(merchantId: string, input: { code: string; partner: string }): Promise<Referral> {
    try {
      return toDto(await this.prisma.referral.create({ data: { merchantId, code: input.code, partner: input.partner } }));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("referrals:code_taken", `There is already a referral code ${input.code}.`);
      throw error;
    }
  }

  async list(merchantId: string) {
    const rows = await this.prisma.referral.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" }, take: 1000 });
    return { data: rows.map(toDto), nextCursor: null };
  }

  /** Whether a code is one of the merchant's (a widget session keeps only known codes). */
  async known(merchantId: string, code: string): Promise<string | null> {
    const upper = code.trim().toUpperCase();
    const row = await this.prisma.referral.findUnique({ where: { merchantId_code: { merchantId, code: upper } } });
    return row ? row.code : null;
  }

  /** Per partner code over a period: sessions, attributed orders, paid revenue, conversion. */
  async report(merchantId: string, period: { from: Date; to: Date }): Promise<ReferralLine[]> {
    const [referrals, merchant, orders, sessions] = await Promise.all([
      this.prisma.referral.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" } }),
      this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { currency: true } }),
      this.prisma.order.groupBy({
        by: ["referralCode", "status"],
        where: { merchantId, referralCode: { not: null }, status: { not: "cancelled" }, createdAt: { gte: period.from, lt: period.to } },
        _count: { _all: true },
        _sum: { totalAmount: true },
      }),
      this.prisma.conversation.groupBy({ by: ["referralCode"], where: { merchantId, referralCode: { not: null }, createdAt: { gte: period.from, lt: period.to } }, _count: { _all: true } }),
    ]);
    const paid = new Set<string>(PAID_STATUSES);
    return referrals.map((r) => {
      const mine = orders.filter((o) => o.referralCode === r.code);
      const count = mine.reduce((n, o) => n + o._count._all, 0);
      const paidRows = mine.filter((o) => paid.has(o.status));
      const seen = sessions.find((s) => s.referralCode === r.code)?._count._all ?? 0;
      return {
        code: r.code,
        partner: r.partner,
        sessions: seen,
        orders: count,
        paidOrders: paidRows.reduce((n, o) => n + o._count._all, 0),
        revenue: { amount: paidRows.reduce((n, o) => n + (o._sum.totalAmount ?? 0), 0), currency: merchant.currency },
        conversion: seen > 0 ? Math.round((count / seen) * 10_000) / 10_000 : null,
      };
    });
  }
}

const toDto = (r: { id: string; code: string; partner: string; createdAt: Date }): Referral => ({ id: r.id, code: r.code, partner: r.partner, createdAt: r.createdAt.toISOString() });
