import type { CouponProblem, OrderView } from "../../bot/ports.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import type { CouponsService } from "../domain/promotions/coupons.service.ts";
import { vipOffer } from "../domain/promotions/order-discounts.ts";

/**
 * What the bot's confirmation shows off the total: the coupon the shopper gave (tried, not
 * used: the order redeems it atomically) and a VIP's standing offer, by the same rules as the
 * order itself (coupon-rules.ts, vipOffer).
 */
export async function quoteDiscounts(
  deps: { prisma: PrismaClient; coupons?: CouponsService },
  merchantId: string,
  products: { id: string; tags: string[] }[],
  lines: OrderView["items"],
  customerId: string | null,
  couponCode: string | undefined,
  currency: string,
) {
  const basket = lines.map((l) => ({ productId: l.productId, unitPrice: l.unitPrice.amount, quantity: l.quantity, tags: products.find((p) => p.id === l.productId)?.tags ?? [] }));
  const subtotal = basket.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  let discount = customerId ? await vipOffer(deps.prisma, merchantId, customerId, subtotal) : 0;
  let coupon: { couponCode?: string; couponProblem?: { code: string; reason: CouponProblem; minSpend?: { amount: number; currency: string } } } = {};
  if (couponCode && deps.coupons) {
    const verdict = await deps.coupons.preview(merchantId, couponCode, basket, customerId);
    const problem: CouponProblem | null = !verdict.found ? "not_found" : !verdict.ok ? verdict.reason : verdict.exhausted ? "exhausted" : verdict.limitReached ? "limit_reached" : null;
    if (problem || !verdict.ok) {
      const minSpend = !verdict.ok && verdict.minSpend ? { amount: verdict.minSpend, currency } : undefined;
      coupon = { couponProblem: { code: verdict.code, reason: problem ?? "inactive", ...(minSpend ? { minSpend } : {}) } };
    } else {
      discount += verdict.discount;
      coupon = { couponCode: verdict.code };
    }
  }
  return { discount: Math.min(discount, subtotal), coupon };
}

/** The referral code the conversation was opened with, if any. */
export async function referralOf(prisma: PrismaClient, merchantId: string, conversationId: string): Promise<string | undefined> {
  const row = await prisma.conversation.findFirst({ where: { id: conversationId, merchantId }, select: { referralCode: true } });
  return row?.referralCode ?? undefined;
}
