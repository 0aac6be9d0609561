import { describe, expect, it } from "vitest";
import { loadArticles, parseArticle } from "./articles.ts";

describe("help-center articles", () => {
  it("parses front matter and body", () => {
    const article = parseArticle("refunds", "en", "---\ntitle: Refunds\ntags: [refund, money back]\n---\n\n## When\nSoon.\n");
    expect(article).toEqual({ slug: "refunds", locale: "en", title: "Refunds", tags: ["refund", "money back"], body: "## When\nSoon." });
  });

  it("refuses an article without a title", () => {
    expect(() => parseArticle("x", "en", "---\ntags: [a]\n---\nbody")).toThrow(/no title/);
    expect(() => parseArticle("x", "en", "no front matter")).toThrow(/front matter/);
  });

  it("ships the demo shop's help center in both languages with the same topics", () => {
    const articles = loadArticles("demo-shop");
    const slugs = (locale: string) => articles.filter((a) => a.locale === locale).map((a) => a.slug).sort();
    expect(slugs("en").length).toBeGreaterThanOrEqual(10);
    expect(slugs("zh-CN")).toEqual(slugs("en"));
    for (const topic of ["shipping-options", "returns-policy", "refunds", "payment-methods", "invoices", "price-protection", "coupons-and-promotions", "account-help"]) {
      expect(slugs("en")).toContain(topic);
    }
    for (const article of articles) expect(article.body).not.toMatch(/<[a-z]/i);
  });
});
