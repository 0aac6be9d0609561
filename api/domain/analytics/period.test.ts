import { describe, expect, it } from "vitest";
import { periodContaining, periodOfDays, previousPeriod } from "./period.ts";

describe("report periods", () => {
  it("are Monday-to-Sunday weeks and calendar months", () => {
    expect(periodContaining("weekly", "2026-11-30")).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(periodContaining("weekly", "2026-12-06")).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(periodContaining("monthly", "2028-02-10")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });

  it("schedule the last whole week or month", () => {
    expect(previousPeriod("weekly", "2026-11-30")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(previousPeriod("monthly", "2026-01-01")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
  });

  it("cover whole UTC days, the last one included, as the analytics API reads ?from=&to=", () => {
    const p = periodOfDays({ from: "2026-11-23", to: "2026-11-29" });
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual(["2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"]);
  });
});
