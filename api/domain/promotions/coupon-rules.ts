/**
 * Whether a coupon applies to a basket, and what it takes off: the one place the rules live
 * (orders, the bot's quote and the shopper's list of usable coupons all ask here). Pure.
 */

export interface CouponTerms {
  type: string;
  value: number;
  minSpend: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  productIds: string[];
  tags: string[];
  active: boolean;
  ownerCustomerId: string | null;
}

export interface BasketLine {
  productId: string;
  tags: string[];
  unitPrice: number;
  quantity: number;
}

/** Why a coupon does not apply (422 `coupons:not_applicable` carries it as `details.reason`). */
export type NotApplicable = "inactive" | "not_started" | "expired" | "min_spend" | "scope" | "not_yours";

export type CouponVerdict = { ok: true; discount: number; eligible: number } | { ok: false; reason: NotApplicable; minSpend?: number };

export function evaluateCoupon(coupon: CouponTerms, lines: BasketLine[], context: { now: Date; customerId?: string | null }): CouponVerdict {
  if (!coupon.active) return { ok: false, reason: "inactive" };
  if (coupon.ownerCustomerId && coupon.ownerCustomerId !== context.customerId) return { ok: false, reason: "not_yours" };
  if (coupon.startsAt && context.now < coupon.startsAt) return { ok: false, reason: "not_started" };
  if (coupon.endsAt && context.now >= coupon.endsAt) return { ok: false, reason: "expired" };
  const scoped = coupon.productIds.length > 0 || coupon.tags.length > 0;
  const inScope = (line: BasketLine) => !scoped || coupon.productIds.includes(line.productId) || line.tags.some((t) => coupon.tags.includes(t));
  const eligible = lines.filter(inScope).reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  if (eligible === 0) return { ok: false, reason: "scope" };
  if (coupon.minSpend && eligible < coupon.minSpend) return { ok: false, reason: "min_spend", minSpend: coupon.minSpend };
  return { ok: true, discount: discountOn(coupon, eligible), eligible };
}

/** Percent rounds down to the minor unit (the shop never gives away a fraction of a fen); never more than what it applies to. */
export function discountOn(coupon: Pick<CouponTerms, "type" | "value">, eligible: number): number {
  const raw = coupon.type === "percent" ? Math.floor((eligible * coupon.value) / 100) : coupon.value;
  return Math.max(0, Math.min(raw, eligible));
}
