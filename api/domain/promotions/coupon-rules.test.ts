import { describe, expect, it } from "vitest";
import { evaluateCoupon, type CouponTerms } from "./coupon-rules.ts";

const base: CouponTerms = { type: "percent", value: 10, minSpend: null, startsAt: null, endsAt: null, productIds: [], tags: [], active: true, ownerCustomerId: null };
const now = new Date("2026-11-30T10:00:00Z");
const lines = [
  { productId: "tea", tags: ["tea"], unitPrice: 3333, quantity: 1 },
  { productId: "cup", tags: ["ware"], unitPrice: 5000, quantity: 2 },
];

describe("coupon rules", () => {
  it("rounds a percent down to the minor unit and never takes more than the covered items", () => {
    expect(evaluateCoupon(base, lines, { now })).toEqual({ ok: true, discount: 1333, eligible: 13333 });
    expect(evaluateCoupon({ ...base, type: "fixed", value: 99_999 }, lines, { now })).toMatchObject({ ok: true, discount: 13333 });
  });

  it("counts only the products or tags in scope, for the discount and the minimum spend", () => {
    expect(evaluateCoupon({ ...base, tags: ["tea"] }, lines, { now })).toMatchObject({ ok: true, discount: 333, eligible: 3333 });
    expect(evaluateCoupon({ ...base, tags: ["tea"], minSpend: 5000 }, lines, { now })).toEqual({ ok: false, reason: "min_spend", minSpend: 5000 });
    expect(evaluateCoupon({ ...base, productIds: ["other"] }, lines, { now })).toEqual({ ok: false, reason: "scope" });
  });

  it("says why it does not apply: window, activity, owner", () => {
    expect(evaluateCoupon({ ...base, endsAt: now }, lines, { now })).toMatchObject({ reason: "expired" });
    expect(evaluateCoupon({ ...base, startsAt: new Date(now.getTime() + 1) }, lines, { now })).toMatchObject({ reason: "not_started" });
    expect(evaluateCoupon({ ...base, active: false }, lines, { now })).toMatchObject({ reason: "inactive" });
    expect(evaluateCoupon({ ...base, ownerCustomerId: "a" }, lines, { now, customerId: "b" })).toMatchObject({ reason: "not_yours" });
    expect(evaluateCoupon({ ...base, ownerCustomerId: "a" }, lines, { now, customerId: "a" })).toMatchObject({ ok: true });
  });
});
