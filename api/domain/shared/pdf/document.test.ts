import { describe, expect, it } from "vitest";
import { readPdf, rowsOf } from "../../../../tests/support/pdf.ts";
import { PdfDocument } from "./document.ts";
import { widthOf } from "./fonts.ts";
import { wrap } from "./wrap.ts";

describe("the PDF writer", () => {
  it("gives back mixed English and Chinese text, escapes and symbols as written", () => {
    const odd = "a (paren) \\ back\\slash € 12,34 – ¥99 × 2 · “quotes” 😀";
    const pdf = readPdf(new PdfDocument({ title: "报告 (Report) ✓", lang: "zh-CN" }).title("茶叶小铺：每周报告").paragraph(odd).table([["订单数", "12"], ["Revenue（已付款）", "¥1,234.00"]]).toBuffer());
    expect(pdf.pageCount).toBe(1);
    expect(pdf.title).toBe("报告 (Report) ✓");
    const texts = pdf.lines.map((l) => l.text);
    expect(texts).toContain("茶叶小铺：每周报告");
    expect(texts).toContain(odd);
    expect(rowsOf(pdf)).toContainEqual(["订单数", "12"]);
    expect(rowsOf(pdf)).toContainEqual(["Revenue（已付款）", "¥1,234.00"]);
  });

  it("breaks long tables onto new pages, numbers every page and never ends a page with a heading", () => {
    const doc = new PdfDocument({ title: "t", lang: "en" });
    for (let s = 0; s < 6; s++) doc.heading(`Section ${s}`).table(Array.from({ length: 17 }, (_, i): [string, string] => [`Row ${s}.${i} ${"long label ".repeat(i % 4)}`, String(i)]));
    const pdf = readPdf(doc.toBuffer());
    expect(pdf.pageCount).toBeGreaterThan(2);
    for (let page = 1; page <= pdf.pageCount; page++) {
      const lines = pdf.lines.filter((l) => l.page === page).sort((a, b) => b.y - a.y);
      expect(lines.at(-1)!.text).toBe(`${page} / ${pdf.pageCount}`);
      const body = lines.slice(0, -1);
      expect(body.at(-1)!.text).not.toMatch(/^Section/);
      for (const l of body) expect(l.y).toBeGreaterThan(50); // above the bottom margin, clear of the footer
    }
    const rows = rowsOf(pdf).filter((r) => r[0]!.startsWith("Row "));
    expect(rows).toHaveLength(6 * 17); // every row once, none split or lost
  });

  it("wraps to the width: at spaces in English, between characters in Chinese, never before closing punctuation", () => {
    const width = 200;
    const english = wrap("The quick brown fox jumps over the lazy dog ".repeat(4), width, 10);
    expect(english.length).toBeGreaterThan(2);
    for (const line of english) {
      expect(widthOf(line, 10)).toBeLessThanOrEqual(width);
      expect(line).not.toMatch(/^\s|\s$/);
    }
    expect(english.join(" ")).toBe("The quick brown fox jumps over the lazy dog ".repeat(4).trim());
    const chinese = wrap("本周销售额比上周增长，机器人独立解决了大部分会话。".repeat(3), 100, 10);
    expect(chinese.join("")).toBe("本周销售额比上周增长，机器人独立解决了大部分会话。".repeat(3));
    for (const line of chinese) {
      expect(widthOf(line, 10)).toBeLessThanOrEqual(100);
      expect(line).not.toMatch(/^[，。]/);
    }
    expect(wrap("x".repeat(100), 50, 10).every((l) => widthOf(l, 10) <= 50)).toBe(true); // a word wider than the line is cut
  });
});
