import { describe, expect, it } from "vitest";
import { orderTone } from "./order-tone.ts";

describe("order colours", () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  it("is green once paid or completed, red when the payment failed, yellow near the payment deadline", () => {
    expect(orderTone({ status: "paid" }, now)).toBe("green");
    expect(orderTone({ status: "completed" }, now)).toBe("green");
    expect(orderTone({ status: "pending_payment", payBy: "2026-11-30T12:20:00Z" }, now)).toBe("blue");
    expect(orderTone({ status: "pending_payment", payBy: "2026-11-30T12:03:00Z" }, now)).toBe("yellow");
    expect(orderTone({ status: "pending_payment", payBy: "2026-11-30T12:20:00Z", lastPayment: "failed" }, now)).toBe("red");
    expect(orderTone({ status: "refund_requested" }, now)).toBe("yellow");
    // As GET /orders sends it: the last payment attempt as an object; paid after a failure is green.
    expect(orderTone({ status: "pending_payment", payBy: "2026-11-30T12:20:00Z", lastPayment: { status: "failed" } }, now)).toBe("red");
    expect(orderTone({ status: "pending_payment", payBy: "2026-11-30T12:20:00Z", lastPayment: { status: "pending" } }, now)).toBe("blue");
    expect(orderTone({ status: "paid", lastPayment: { status: "failed" } }, now)).toBe("green");
    expect(orderTone({ status: "on_hold" }, now)).toBe("red");
  });
});
