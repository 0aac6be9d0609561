import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.ts";

describe("CSV export", () => {
  it("neutralises formulas and quotes what needs quoting", () => {
    const csv = toCsv(["a", "b"], [["=HYPERLINK(\"x\")", "+1"], ["-2", "@SUM(A1)"], ['say "hi", ok', 3], [null, "plain"]]);
    expect(csv.split("\r\n")).toEqual(['a,b', `"'=HYPERLINK(""x"")","'+1"`, `"'-2","'@SUM(A1)"`, '"say ""hi"", ok",3', ",plain", ""]);
  });
});
