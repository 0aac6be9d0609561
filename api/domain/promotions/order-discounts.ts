import type { Prisma } from "../../db/generated/client.ts";
import { settingsOf } from "../merchants/settings.ts";
import { tierOfCustomer } from "../customers/tier.ts";
import { AppError } from "../../errors.ts";
import { discountOn, type BasketLine } from "./coupon-rules.ts";
import { redeemCoupon, releaseCoupon } from "./redemptions.ts";

type Tx = Prisma.TransactionClient;

export interface DiscountInput {
  merchantId: string;
  orderId: string;
  customerId: string;
  couponCode?: string;
  referralCode?: string;
  lines: { productId: string; unitPrice: number; quantity: number }[];
  now?: Date;
}

export interface AppliedDiscounts {
  discount: number;
  couponCode: string | null;
  referralCode: string | null;
}

/**
 * What promotions take off an order, worked out inside the order's transaction (the orders
 * service calls this; promotions never write orders themselves): the coupon, redeemed
 * atomically, plus the VIP tier's standing offer. A referral code is checked and carried.
 */
export const orderDiscounts = {
  async apply(tx: Tx, input: DiscountInput): Promise<AppliedDiscounts> {
    const now = input.now ?? new Date();
    const products = await tx.product.findMany({ where: { id: { in: input.lines.map((l) => l.productId) } }, select: { id: true, tags: true } });
    const lines: BasketLine[] = input.lines.map((l) => ({ ...l, tags: products.find((p) => p.id === l.productId)?.tags ?? [] }));
    const subtotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    let discount = 0;
    let couponCode: string | null = null;
    if (input.couponCode) {
      const redeemed = await redeemCoupon(tx, { merchantId: input.merchantId, code: input.couponCode, orderId: input.orderId, customerId: input.customerId, lines, now });
      discount += redeemed.discount;
      couponCode = redeemed.code;
    }
    discount += await vipOffer(tx, input.merchantId, input.customerId, subtotal);
    let referralCode: string | null = null;
    if (input.referralCode) {
      const code = input.referralCode.trim().toUpperCase();
      const referral = await tx.referral.findUnique({ where: { merchantId_code: { merchantId: input.merchantId, code } } });
      if (!referral) throw new AppError(422, "referrals:unknown_code", `No referral partner has the code ${code}.`, { code });
      referralCode = code;
    }
    return { discount: Math.min(discount, subtotal), couponCode, referralCode };
  },

  /** The order was cancelled before it was paid: the coupon use goes back. */
  release: (tx: Tx, orderId: string) => releaseCoupon(tx, orderId),
};

export type OrderDiscounts = typeof orderDiscounts;

/** A VIP's standing percent off the subtotal (settings.vip.offerPercent), applied like a coupon. */
export async function vipOffer(tx: Tx, merchantId: string, customerId: string, subtotal: number): Promise<number> {
  const merchant = await tx.merchant.findUnique({ where: { id: merchantId }, select: { settings: true } });
  const { vip } = settingsOf(merchant?.settings);
  if (!merchant || !vip.offerPercent) return 0;
  const found = await tierOfCustomer(tx, { id: merchantId, settings: merchant.settings }, customerId);
  return found?.tier === "vip" ? discountOn({ type: "percent", value: vip.offerPercent }, subtotal) : 0;
}
