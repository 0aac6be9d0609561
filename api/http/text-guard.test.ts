import { describe, expect, it } from "vitest";
import { jsonHasBadText, queryHasBadText, valueHasBadText } from "./text-guard.ts";

describe("text no column can hold", () => {
  it("finds NUL and unpaired surrogates in JSON as sent, escaped or not", () => {
    expect(jsonHasBadText('{"a":"x\\u0000y"}')).toBe(true);
    expect(jsonHasBadText('{"a":"\\ud800"}')).toBe(true);
    expect(jsonHasBadText('{"a":"\\uDC00 after"}')).toBe(true);
    expect(jsonHasBadText('{"a":"x\u0000"}')).toBe(true);
    expect(jsonHasBadText('{"a":"\\ud83d\\ude00 😀 中文 \\\\u0000"}')).toBe(true); // an escaped backslash before u0000 is a literal, but refusing it is harmless
    expect(jsonHasBadText('{"a":"\\ud83d\\ude00 😀 中文","constructor":1}')).toBe(false);
  });

  it("finds them in parsed values and keys, and in query strings", () => {
    expect(valueHasBadText({ a: ["ok", { b: "\u0000" }] })).toBe(true);
    expect(valueHasBadText({ ["\ud800"]: 1 })).toBe(true);
    expect(valueHasBadText({ text: "😀 fine", n: 1, ok: true, none: null })).toBe(false);
    expect(queryHasBadText("/x?q=%00")).toBe(true);
    expect(queryHasBadText("/x?q=%ED%A0%80")).toBe(true); // a surrogate encoded as UTF-8: not valid UTF-8
    expect(queryHasBadText("/x?q=%E4%B8%AD&limit=5")).toBe(false);
    expect(queryHasBadText("/x?q=%D8")).toBe(true);
  });
});
