/** Shared with the browser apps: plain code, no zod (the console and dashboard bundles import it). */

/** Under this much time left, an unpaid order is a warning (yellow). */
export const NEAR_EXPIRY_MS = 5 * 60_000;

/**
 * The one colour rule for orders in the widget, console and dashboard: green completed
 * (paid and beyond), yellow a warning (payment pending near its deadline, a refund to
 * decide), red an error (the last payment failed, or cancelled), blue otherwise.
 */
export function orderTone(order: { status: string; payBy?: string | null; lastPayment?: string | { status: string } | null }, now = Date.now()): "green" | "yellow" | "red" | "blue" {
  if (order.status === "pending_payment") {
    if (paymentFailed(order)) return "red";
    if (order.payBy && Date.parse(order.payBy) - now < NEAR_EXPIRY_MS) return "yellow";
    return "blue";
  }
  if (["paid", "processing", "shipped", "delivered", "completed", "refunded"].includes(order.status)) return order.status === "processing" || order.status === "shipped" ? "blue" : "green";
  if (order.status === "refund_requested") return "yellow";
  // Held by risk scoring: red until a person approves or rejects it.
  if (order.status === "cancelled" || order.status === "on_hold") return "red";
  return "blue";
}

/** Still unpaid and its last payment attempt failed (`lastPayment` as the API's object or, in the console, its status). */
export function paymentFailed(order: { status: string; lastPayment?: string | { status: string } | null }): boolean {
  const last = typeof order.lastPayment === "string" ? order.lastPayment : order.lastPayment?.status;
  return order.status === "pending_payment" && last === "failed";
}

/** A payment attempt's colour in the same scheme: green paid, red failed, yellow expired unpaid, blue open or refunded. */
export function paymentTone(status: string): "green" | "yellow" | "red" | "blue" {
  return status === "succeeded" ? "green" : status === "failed" ? "red" : status === "expired" ? "yellow" : "blue";
}
