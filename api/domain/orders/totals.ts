import type { ShippingSettings } from "../../contracts/payments.ts";

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
  return { subtotal, shipping: fee, discount: applied, total: Math.max(0, subtotal + fee - applied) };
}
