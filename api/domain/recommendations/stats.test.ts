import { describe, expect, it } from "vitest";
import { assignVariant, clearWinner, wilson } from "./stats.ts";

describe("experiment statistics", () => {
  it("assigns by weight, the same way every time", () => {
    const variants = [{ name: "a", weight: 1 }, { name: "b", weight: 3 }];
    const picks = Array.from({ length: 4000 }, (_, i) => assignVariant("exp", `s${i}`, variants).name);
    const b = picks.filter((n) => n === "b").length / picks.length;
    expect(b).toBeGreaterThan(0.72);
    expect(b).toBeLessThan(0.78);
    expect(assignVariant("exp", "s1", variants).name).toBe(picks[1]);
    expect(assignVariant("exp", "x", [{ name: "a", weight: 0 }, { name: "b", weight: 1 }]).name).toBe("b");
  });

  it("gives the Wilson interval (textbook value for 10 of 100)", () => {
    expect(wilson(10, 100)).toEqual([0.0552, 0.1744]);
    expect(wilson(0, 0)).toEqual([0, 0]);
    const [lo, hi] = wilson(0, 20);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(0.1);
  });

  it("names a winner only when the intervals do not overlap", () => {
    expect(clearWinner([{ name: "a", interval: wilson(10, 100) }, { name: "b", interval: wilson(40, 100) }])).toBe("b");
    expect(clearWinner([{ name: "a", interval: wilson(10, 100) }, { name: "b", interval: wilson(14, 100) }])).toBeNull();
  });
});
