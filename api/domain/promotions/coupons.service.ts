import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import type { Coupon, CouponCreate, CouponUpdate } from "../../contracts/promotions.ts";
import { conflict, invalid } from "../../errors.ts";
import { pageArgs, toPage } from "../shared/pagination.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";
import { evaluateCoupon, type BasketLine, type CouponVerdict } from "./coupon-rules.ts";
import { couponNotFound } from "./errors.ts";
import { toCouponDto } from "./coupon-mapper.ts";

const date = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

/** Coupons as the merchant manages them, and as a shopper may see and try them (without using one). */
export class CouponsService {
  constructor(private readonly prisma: PrismaClient) {}

  async create(merchantId: string, input: CouponCreate): Promise<Coupon> {
    await this.checkProducts(merchantId, input.productIds);
    try {
      const row = await this.prisma.coupon.create({
        data: {
          merchantId,
          code: input.code,
          type: input.type,
          value: input.value,
          minSpend: input.minSpend ?? null,
          startsAt: date(input.startsAt) ?? null,
          endsAt: date(input.endsAt) ?? null,
          totalQuantity: input.totalQuantity ?? null,
          perCustomerLimit: input.perCustomerLimit ?? 1,
          productIds: input.productIds ?? [],
          tags: input.tags ?? [],
          active: input.active ?? true,
        },
      });
      return toCouponDto(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("coupons:code_taken", `There is already a coupon ${input.code}.`);
      throw error;
    }
  }

  async list(merchantId: string, query: { limit: number; cursor?: string; personal?: boolean }) {
    const where: Prisma.CouponWhereInput = { merchantId };
    if (query.personal === false) where.campaignId = null;
    if (query.personal === true) where.campaignId = { not: null };
    const rows = await this.prisma.coupon.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageArgs(query.limit, query.cursor) });
    return toPage(rows, query.limit, toCouponDto);
  }

  async get(merchantId: string, id: string): Promise<Coupon> {
    const row = await this.prisma.coupon.findFirst({ where: { id, merchantId } });
    if (!row) throw couponNotFound();
    return toCouponDto(row);
  }

  async update(merchantId: string, id: string, changes: CouponUpdate): Promise<Coupon> {
    const current = await this.prisma.coupon.findFirst({ where: { id, merchantId } });
    if (!current) throw couponNotFound();
    // The merged coupon must still make sense (a percent of 500 is as bad in a PATCH as in a POST).
    const type = changes.type ?? current.type;
    const value = changes.value ?? current.value;
    const minSpend = changes.minSpend === undefined ? current.minSpend : changes.minSpend;
    if (type === "percent" && (value < 1 || value > 100)) throw invalid("request:invalid", "A percent coupon takes 1 to 100.");
    if (type === "fixed" && (value < 1 || (minSpend && value > minSpend))) throw invalid("request:invalid", "A fixed coupon takes more than 0, and no more than its minimum spend.");
    const startsAt = changes.startsAt === undefined ? current.startsAt : date(changes.startsAt);
    const endsAt = changes.endsAt === undefined ? current.endsAt : date(changes.endsAt);
    if (startsAt && endsAt && endsAt <= startsAt) throw invalid("request:invalid", "endsAt must be after startsAt.");
    if (changes.totalQuantity != null && changes.totalQuantity < current.used) {
      throw conflict("coupons:quantity_below_used", `${current.used} are already used.`, { used: current.used });
    }
    await this.checkProducts(merchantId, changes.productIds);
    try {
      // Never writes `used`: only redemptions move it.
      const moved = await this.prisma.coupon.updateMany({
        where: { id, merchantId, ...(changes.totalQuantity != null ? { used: { lte: changes.totalQuantity } } : {}) },
        data: {
          code: changes.code,
          type: changes.type,
          value: changes.value,
          minSpend: changes.minSpend,
          startsAt,
          endsAt,
          totalQuantity: changes.totalQuantity,
          perCustomerLimit: changes.perCustomerLimit,
          productIds: changes.productIds,
          tags: changes.tags,
          active: changes.active,
        },
      });
      if (moved.count === 0) throw conflict("coupons:quantity_below_used", "More have been used meanwhile.");
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("coupons:code_taken", `There is already a coupon ${changes.code}.`);
      throw error;
    }
    return this.get(merchantId, id);
  }

  /**
   * What a coupon would take off this basket for this customer, without using it (the bot's
   * confirmation). Counts are checked too, so the shopper hears "used up" before confirming;
   * the order itself checks again, atomically.
   */
  async preview(merchantId: string, code: string, lines: BasketLine[], customerId: string | null, now = new Date()): Promise<CouponVerdict & { code: string; exhausted?: boolean; limitReached?: boolean; found: boolean }> {
    const upper = code.trim().toUpperCase();
    const coupon = await this.prisma.coupon.findUnique({ where: { merchantId_code: { merchantId, code: upper } } });
    if (!coupon) return { ok: false, reason: "inactive", code: upper, found: false };
    const verdict = evaluateCoupon(coupon, lines, { now, customerId });
    const exhausted = coupon.totalQuantity !== null && coupon.used >= coupon.totalQuantity;
    const mine = customerId ? await this.prisma.couponRedemption.count({ where: { couponId: coupon.id, customerKey: customerId } }) : 0;
    return { ...verdict, code: upper, found: true, exhausted, limitReached: mine >= coupon.perCustomerLimit };
  }

  /**
   * Coupons this shopper could use now: the shop's public ones still in date and not used up,
   * and their own red packets (a verified customer's, and those claimed in this conversation
   * by an anonymous shopper); minus those they have used as often as allowed.
   */
  async usable(merchantId: string, customerId: string | null, now = new Date(), conversationId?: string): Promise<Coupon[]> {
    const claimed = conversationId
      ? (await this.prisma.campaignClaim.findMany({ where: { merchantId, shopperKey: `conversation:${conversationId}` }, select: { couponId: true }, take: 20 })).map((c) => c.couponId)
      : [];
    const rows = await this.prisma.coupon.findMany({
      where: {
        merchantId,
        active: true,
        AND: [
          { OR: [{ startsAt: null }, { startsAt: { lte: now } }] },
          { OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
          { OR: [{ ownerCustomerId: null, campaignId: null }, ...(customerId ? [{ ownerCustomerId: customerId }] : []), ...(claimed.length ? [{ id: { in: claimed } }] : [])] },
        ],
      },
      orderBy: [{ endsAt: "asc" }, { createdAt: "desc" }],
      take: 20,
    });
    const open = rows.filter((c) => c.totalQuantity === null || c.used < c.totalQuantity);
    if (!customerId || open.length === 0) return open.map(toCouponDto);
    const uses = await this.prisma.couponRedemption.groupBy({ by: ["couponId"], where: { customerKey: customerId, couponId: { in: open.map((c) => c.id) } }, _count: { _all: true } });
    const used = new Map(uses.map((u) => [u.couponId, u._count._all]));
    return open.filter((c) => (used.get(c.id) ?? 0) < c.perCustomerLimit).map(toCouponDto);
  }

  private async checkProducts(merchantId: string, productIds: string[] | undefined) {
    if (!productIds?.length) return;
    const found = await this.prisma.product.count({ where: { merchantId, id: { in: productIds } } });
    if (found !== new Set(productIds).size) throw invalid("coupons:unknown_product", "Some productIds are not products of this shop.");
  }
}
