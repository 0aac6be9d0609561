import { describe, expect, it } from "vitest";
import { computeTotals } from "./totals.ts";

const lumen = { flatFee: { amount: 800, currency: "CNY" }, freeOver: { amount: 9900, currency: "CNY" } };

describe("order totals", () => {
  it("charges the flat fee under the threshold", () => {
    expect(computeTotals([{ unitPrice: 3900, quantity: 2 }], lumen)).toEqual({ subtotal: 7800, shipping: 800, discount: 0, total: 8600 });
  });
  it("ships free from the threshold on", () => {
    expect(computeTotals([{ unitPrice: 9900, quantity: 1 }], lumen)).toEqual({ subtotal: 9900, shipping: 0, discount: 0, total: 9900 });
  });
  it("measures the threshold after discounts and never goes below zero", () => {
    expect(computeTotals([{ unitPrice: 10000, quantity: 1 }], lumen, 2000).total).toBe(8800);
    expect(computeTotals([{ unitPrice: 500, quantity: 1 }], null, 9000)).toEqual({ subtotal: 500, shipping: 0, discount: 500, total: 0 });
  });
  it("charges nothing without shipping rules", () => {
    expect(computeTotals([{ unitPrice: 1234, quantity: 3 }], null).total).toBe(3702);
  });
});
