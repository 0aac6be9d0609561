import { describe, expect, it } from "vitest";
import en from "./locales/en.json" with { type: "json" };
import zhCN from "./locales/zh-CN.json" with { type: "json" };
import { csvLine, parseCsv } from "./csv.ts";
import { setLang, t } from "./i18n.ts";

describe("the workspace's words", () => {
  it("has every English string in Chinese, with the same placeholders", () => {
    const vars = (s: string) => [...s.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) expect(vars((zhCN as Record<string, string>)[key]!), key).toEqual(vars(text));
  });

  it("fills {{placeholders}} and leaves unknown ones empty", () => {
    setLang("zh-CN");
    expect(t("products.importReport", { ok: 2, failed: 1 })).toBe("导入结果：成功 2 行，失败 1 行");
    setLang("en");
    expect(t("orders.detail", {})).toBe("Order ");
    expect(t("settings.cannedText", { placeholders: "{{name}}" })).toBe("Text ({{name}} are filled in)");
  });
});

describe("CSV in the workspace", () => {
  it("reads quoted fields, doubled quotes, CRLF and a byte-order mark", () => {
    expect(parseCsv('\uFEFFsku,name\r\nA-1,"Tea, ""green"""\r\n\r\nB-2,"two\nlines"\n')).toEqual([["sku", "name"], ["A-1", 'Tea, "green"'], ["B-2", "two\nlines"]]);
  });

  it("writes cells a spreadsheet would run as formulas as text", () => {
    expect(csvLine(["=SUM(A1)", "plain", "a,b"])).toBe(`"'=SUM(A1)",plain,"a,b"`);
    expect(parseCsv(csvLine(["@x", 'say "hi"']))).toEqual([["'@x", 'say "hi"']]);
  });
});
