import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate.ts";
import { buildModel, type CatalogItem } from "./model.ts";
import { recommend } from "./recommend.ts";
import { generateShop } from "./synthetic.ts";

const DAY = 86_400_000;

describe("recommender, offline", () => {
  it("beats the best-sellers by at least 2x on the next orders of a synthetic year (another seed than reco:eval)", () => {
    const start = Date.UTC(2025, 0, 1);
    const shop = generateShop({ seed: 7, shoppers: 1200, start });
    const result = evaluate(shop.products, shop.baskets, start + 300 * DAY);
    expect(result.n).toBeGreaterThan(300);
    expect(result.hit_rate_at_5).toBeGreaterThan(2 * result.popularity_hit_rate_at_5);
  });
});

const item = (id: string, en: string, zh: string, tags: string[], price: number): CatalogItem => ({ id, name: { en, "zh-CN": zh }, description: { en: `${en}.`, "zh-CN": zh }, tags, price });
const catalog = [
  item("mango", "Dried mango", "芒果干", ["snacks"], 2900),
  item("socks", "Cotton socks", "棉袜", ["clothing"], 3900),
  item("cable", "USB-C cable", "数据线", ["cable"], 1900),
  item("longjing", "Longjing green tea", "龙井绿茶", ["tea", "gift"], 8800),
  item("puer", "Aged puer tea cake", "普洱茶饼", ["tea", "gift"], 26800),
  item("teabags", "Breakfast tea bags", "早餐红茶包", ["tea"], 2500),
  item("mug", "Glass tea mug", "玻璃茶杯", ["mug", "gift"], 4500),
];
const orders = [
  ...Array.from({ length: 30 }, (_, i) => ({ shopper: `a${i}`, at: Date.UTC(2025, 5, 1) + i * DAY, productIds: ["mango", "socks"] })),
  ...Array.from({ length: 20 }, (_, i) => ({ shopper: `b${i}`, at: Date.UTC(2025, 5, 1) + i * DAY, productIds: ["cable"] })),
  ...Array.from({ length: 6 }, (_, i) => ({ shopper: `t${i}`, at: Date.UTC(2025, 5, 1) + i * DAY, productIds: ["longjing", "mug"] })),
  { shopper: "me", at: Date.UTC(2025, 5, 3), productIds: ["teabags"] },
];
const model = buildModel(catalog, orders, { now: Date.UTC(2025, 6, 1) });
const ids = (q: Parameters<typeof recommend>[1]) => recommend(model, q).map((s) => s.productId);

describe("recommender, queries", () => {
  it("answers a gift of tea with gift teas, not the best-sellers", () => {
    const top = ids({ categories: [["tea"]], gift: true, limit: 3 });
    expect(top.slice(0, 2).sort()).toEqual(["longjing", "puer"]);
    expect(top).not.toContain("mango");
  });

  it("keeps to the price bound", () => {
    const top = ids({ gift: true, maxPrice: 10000, limit: 3 });
    expect(top.slice(0, 2).sort()).toEqual(["longjing", "mug"]);
    expect(top).not.toContain("puer");
  });

  it("suggests what is bought together with a product, not the product itself", () => {
    expect(ids({ productIds: ["longjing"], limit: 1 })).toEqual(["mug"]);
    expect(ids({ productIds: ["mango"], limit: 1 })).toEqual(["socks"]);
  });

  it("leans on the shopper's own history, and on popularity for a stranger", () => {
    expect(ids({ shopper: "me", limit: 2 })).toContain("longjing");
    expect(ids({ shopper: "nobody", limit: 2 })).toEqual(["mango", "socks"]);
  });

  it("never suggests what cannot be sold now", () => {
    expect(ids({ categories: [["tea"]], available: (id) => id !== "longjing", limit: 5 })).not.toContain("longjing");
  });
});
