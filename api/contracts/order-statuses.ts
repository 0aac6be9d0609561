/** Every order status, in lifecycle order. Plain code (no zod): the browser pages import it. */
export const ORDER_STATUSES = [
  "pending_payment",
  "paid",
  "processing",
  "shipped",
  "delivered",
  "completed",
  "cancelled",
  "refund_requested",
  "refunded",
  "on_hold",
] as const;
