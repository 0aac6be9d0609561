import { describe, expect, it } from "vitest";
import { runSuite } from "./runner.ts";

describe("the conversation suite", () => {
  it("resolves at least 85% of 150+ realistic conversations, and 80% in each language", async () => {
    const { report, results } = await runSuite();
    const failed = results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.failures[0]}`);
    expect(report.n).toBeGreaterThanOrEqual(150);
    expect(report.zh.n).toBeGreaterThanOrEqual(Math.floor(report.n / 2));
    expect(report.rate, failed.join("\n")).toBeGreaterThanOrEqual(0.85);
    expect(report.en.rate).toBeGreaterThanOrEqual(0.8);
    expect(report.zh.rate).toBeGreaterThanOrEqual(0.8);
  });
});
