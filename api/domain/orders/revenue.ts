/**
 * What an order earned the shop: defined once here, for the sales report, the referral
 * report, the VIP tier (lifetime spend) and the promotion tiles.
 */

/** Order statuses whose money has been received and is not on its way back. */
export const PAID_STATUSES = ["paid", "processing", "shipped", "delivered", "completed"] as const;
const PAID: ReadonlySet<string> = new Set(PAID_STATUSES);

export const isPaid = (status: string) => PAID.has(status);

/** Money received and kept on one order: a paid order's total less what was refunded on it (never below 0). */
export function earned(order: { status: string; totalAmount: number; refunds: { amount: number }[] }): number {
  return isPaid(order.status) ? Math.max(0, order.totalAmount - order.refunds.reduce((sum, r) => sum + r.amount, 0)) : 0;
}

/** The refunds `earned` subtracts (Prisma `select` for an order's `refunds`). */
export const COUNTED_REFUNDS = { where: { status: "succeeded" }, select: { amount: true } } as const;

/**
 * `earned` summed over a customer's orders, as SQL (the turn's single statement and the
 * grouped look-ups read it): `merchant` and `customer` are SQL expressions of the caller's.
 */
export function earnedSql(merchant: string, customer: string): string {
  return `(select coalesce(sum(greatest(0, o."totalAmount" - coalesce((select sum(r.amount) from "Refund" r where r."orderId" = o.id and r.status = 'succeeded'), 0))), 0)::float8
     from "Order" o where o."merchantId" = ${merchant} and o."customerId" = ${customer} and o.status::text in (${PAID_STATUSES.map((s) => `'${s}'`).join(", ")}))`;
}
