import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashRequest } from "./idempotency.ts";

describe("request fingerprints for Idempotency-Key", () => {
  it("ignores key order and undefined fields", () => {
    expect(hashRequest({ a: 1, b: { c: [1, 2], d: "x" } })).toBe(hashRequest({ b: { d: "x", c: [1, 2] }, a: 1, e: undefined }));
  });

  it("tells apart bodies that differ anywhere", () => {
    expect(hashRequest({ items: [{ q: 1 }] })).not.toBe(hashRequest({ items: [{ q: 2 }] }));
    expect(hashRequest([1, 2])).not.toBe(hashRequest([2, 1]));
    expect(hashRequest({ a: "1" })).not.toBe(hashRequest({ a: 1 }));
  });

  it("is equal exactly when the canonical JSON values are equal", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (x, y) => {
        const same = JSON.stringify(sortKeys(x)) === JSON.stringify(sortKeys(y));
        expect(hashRequest(x) === hashRequest(y)).toBe(same);
      }),
    );
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return Object.is(value, -0) ? 0 : value;
}
