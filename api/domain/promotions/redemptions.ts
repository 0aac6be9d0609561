import type { Prisma } from "../../db/generated/client.ts";
import { evaluateCoupon, type BasketLine } from "./coupon-rules.ts";
import { couponExhausted, couponLimitReached, couponNotApplicable, couponNotFound } from "./errors.ts";

type Tx = Prisma.TransactionClient;

export interface RedeemInput {
  merchantId: string;
  code: string;
  orderId: string;
  customerId: string;
  lines: BasketLine[];
  now: Date;
}

/**
 * Takes one use of a coupon for an order, inside the order's transaction (a failure rolls the
 * whole order back). The count is taken first, by one conditional UPDATE (`used < totalQuantity`):
 * it is atomic on PostgreSQL and PGlite and it locks the coupon row, so the per-customer count
 * read after it is current. The redemption row is unique per coupon, customer and use number,
 * which keeps two orders of one customer from sharing a use even on another node.
 */
export async function redeemCoupon(tx: Tx, input: RedeemInput): Promise<{ couponId: string; code: string; discount: number }> {
  const code = input.code.trim().toUpperCase();
  const coupon = await tx.coupon.findUnique({ where: { merchantId_code: { merchantId: input.merchantId, code } } });
  if (!coupon) throw couponNotFound();
  const verdict = evaluateCoupon(coupon, input.lines, { now: input.now, customerId: input.customerId });
  if (!verdict.ok) throw couponNotApplicable(code, verdict.reason, verdict.minSpend);
  const taken = await tx.coupon.updateMany({
    where: { id: coupon.id, OR: [{ totalQuantity: null }, { used: { lt: tx.coupon.fields.totalQuantity } }] },
    data: { used: { increment: 1 } },
  });
  if (taken.count === 0) throw couponExhausted(code);
  const uses = await tx.couponRedemption.findMany({ where: { couponId: coupon.id, customerKey: input.customerId }, select: { use: true } });
  const held = new Set(uses.map((u) => u.use));
  let use = 1;
  while (held.has(use)) use++;
  if (use > coupon.perCustomerLimit) throw couponLimitReached(code, coupon.perCustomerLimit);
  await tx.couponRedemption.create({
    data: { merchantId: input.merchantId, couponId: coupon.id, orderId: input.orderId, customerKey: input.customerId, use, amount: verdict.discount },
  });
  return { couponId: coupon.id, code, discount: verdict.discount };
}

/** An unpaid order was cancelled: its coupon use goes back (the row goes, the count drops by one). */
export async function releaseCoupon(tx: Tx, orderId: string): Promise<boolean> {
  const redemption = await tx.couponRedemption.findUnique({ where: { orderId } });
  if (!redemption) return false;
  const gone = await tx.couponRedemption.deleteMany({ where: { id: redemption.id } });
  if (gone.count === 0) return false;
  await tx.coupon.updateMany({ where: { id: redemption.couponId, used: { gt: 0 } }, data: { used: { decrement: 1 } } });
  return true;
}
