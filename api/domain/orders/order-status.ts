import type { OrderStatus } from "../../contracts/orders.ts";

/**
 * The order lifecycle. A move not listed here is refused (409 orders:illegal_transition).
 * Cancellation is only possible before shipment and puts the stock back; after shipment
 * the way back is a refund.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ["paid", "cancelled"],
  paid: ["processing", "cancelled", "refund_requested"],
  processing: ["shipped", "cancelled", "refund_requested"],
  shipped: ["delivered", "refund_requested"],
  delivered: ["completed", "refund_requested"],
  completed: ["refund_requested"],
  refund_requested: ["refunded", "completed"],
  cancelled: [],
  refunded: [],
  // Held by risk scoring: only POST /orders/:id/review releases it (to pending_payment); it may be cancelled.
  on_hold: ["cancelled"],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Before shipment: the address, contact and note may change, and the order may be cancelled. */
export const EDITABLE_STATUSES: readonly OrderStatus[] = ["pending_payment", "paid", "processing"];

/** Items (and so the total) may change only while nothing has been paid. */
export const ITEMS_EDITABLE_STATUSES: readonly OrderStatus[] = ["pending_payment"];

export const isCancellable = (status: OrderStatus) => canTransition(status, "cancelled");
