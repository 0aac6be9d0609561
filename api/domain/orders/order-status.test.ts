import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "../../contracts/orders.ts";
import { canTransition, isCancellable, ORDER_TRANSITIONS } from "./order-status.ts";

describe("order lifecycle", () => {
  it("lets an order be cancelled only before shipment (or while held for review)", () => {
    expect(ORDER_STATUSES.filter(isCancellable)).toEqual(["pending_payment", "paid", "processing", "on_hold"]);
  });

  it("has terminal states with no way out", () => {
    expect(ORDER_TRANSITIONS.cancelled).toEqual([]);
    expect(ORDER_TRANSITIONS.refunded).toEqual([]);
  });

  it("never lets an order go back to unpaid or skip payment to shipping", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), (from) => {
        expect(canTransition(from, "pending_payment")).toBe(false);
      }),
    );
    expect(canTransition("pending_payment", "shipped")).toBe(false);
    expect(canTransition("pending_payment", "refund_requested")).toBe(false);
  });

  it("reaches every status from the two a new order starts in (on_hold when risk scoring holds it)", () => {
    const seen = new Set<string>(["pending_payment", "on_hold"]);
    const queue: (typeof ORDER_STATUSES)[number][] = ["pending_payment", "on_hold"];
    while (queue.length) for (const next of ORDER_TRANSITIONS[queue.shift()!]) if (!seen.has(next)) seen.add(next) && queue.push(next);
    expect([...seen].sort()).toEqual([...ORDER_STATUSES].sort());
  });
});
