import type { ShippingSettings } from "../../contracts/payments.ts";
import { AppError } from "../../errors.ts";

/** The largest amount an order may carry (minor units): the money columns are 32-bit integers. */
export const MAX_ORDER_AMOUNT = 2_147_483_647;

export interface Totals {
  subtotal: number;
  shipping: number;
  discount: number;
  total: number;
}

/**
 * The one place an order's money adds up (minor units): shipping is the merchant's flat fee
 * unless the discounted subtotal reaches `freeOver`; total = subtotal + shipping - discount,
 * never below 0.
 */
export function computeTotals(lines: { unitPrice: number; quantity: number }[], shipping: ShippingSettings | null, discount = 0): Totals {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const applied = Math.min(Math.max(0, discount), subtotal);
  const fee = shipping && subtotal > 0 && subtotal - applied < shipping.freeOver.amount ? shipping.flatFee.amount : 0;
  const totals = { subtotal, shipping: fee, discount: applied, total: Math.max(0, subtotal + fee - applied) };
  // Refused as a client error before it reaches the database (where it was a 500 "Value out of range").
  if (subtotal + fee > MAX_ORDER_AMOUNT) {
    throw new AppError(400, "orders:total_too_large", `An order may total at most ${MAX_ORDER_AMOUNT} minor units; split it into several orders.`, { max: MAX_ORDER_AMOUNT });
  }
  return totals;
}
