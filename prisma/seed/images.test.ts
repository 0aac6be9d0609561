import { describe, expect, it } from "vitest";
import { seedShops } from "./shops.ts";
import { monogram, productImage } from "./images.ts";

describe("seed product artwork", () => {
  it("draws every seeded product with Latin capitals only, so no emoji or CJK font is needed", () => {
    const products = seedShops.flatMap((shop) => shop.catalog);
    expect(products.length).toBeGreaterThan(10);
    for (const p of products) {
      const svg = decodeURIComponent(productImage(p.name.en, p.image.background).replace(/^data:image\/svg\+xml;utf8,/, ""));
      const text = /<text[^>]*>([^<]*)<\/text>/.exec(svg)?.[1];
      expect(text, p.sku).toMatch(/^[A-Z0-9]{1,2}$/);
    }
  });

  it("takes the first letters of the first two words, and refuses a colour that is not one", () => {
    expect(monogram("West Lake Longjing, 250 g")).toBe("WL");
    expect(monogram("iPhone 15 case")).toBe("I1");
    expect(monogram("茶")).toBe("?");
    expect(() => productImage("Tea", "red\"/><script>")).toThrow(/colour/);
  });
});
