import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

const SVG = `data:image/svg+xml;utf8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="9" height="9"/></svg>')}`;
const PNG = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).toString("base64")}`;

describe.each(DATABASE_KINDS)("product images kept out of product rows (%s)", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let client: ReturnType<typeof createTestClient>;
  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase(kind));
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  it("lists the demo catalog with short image paths that serve the artwork", async () => {
    const list = await client.call("GET", "/products?limit=20", { key: creds.merchants[0]!.apiKey });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.json).length).toBeLessThan(20 * 1024);
    const url = list.json.data[0].imageUrl as string;
    expect(url).toMatch(/^\/media\/products\/[0-9a-f-]{36}\?v=[0-9a-f]{12}$/);
    const image = await client.app.request(url);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/svg+xml");
    expect(image.headers.get("cache-control")).toContain("immutable");
    expect(await image.text()).toContain("<svg");
  });

  it("stores an uploaded data URL apart, serves it sandboxed, and changes the address when the image changes", async () => {
    const key = creds.merchants[0]!.apiKey;
    const created = await client.call("POST", "/products", { key, body: { sku: "IMG-1", name: { en: "Pictured" }, price: { amount: 100, currency: "CNY" }, stock: 1, imageUrl: SVG } });
    expect(created.status).toBe(201);
    const first = created.json.imageUrl as string;
    expect(first).toMatch(/^\/media\/products\//);
    const svg = await client.app.request(first);
    expect(svg.headers.get("content-security-policy")).toContain("sandbox");
    expect(svg.headers.get("x-content-type-options")).toBe("nosniff");

    const changed = await client.call("PATCH", `/products/${created.json.id}`, { key, body: { imageUrl: PNG } });
    expect(changed.json.imageUrl).not.toBe(first);
    const png = await client.app.request(changed.json.imageUrl);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

    const linked = await client.call("PATCH", `/products/${created.json.id}`, { key, body: { imageUrl: "https://cdn.example.com/p.png" } });
    expect(linked.json.imageUrl).toBe("https://cdn.example.com/p.png");
    expect(await test.db.prisma.productImage.count({ where: { productId: created.json.id } })).toBe(0);
    expect((await client.app.request(`/media/products/${created.json.id}`)).status).toBe(404);
    expect((await client.app.request("/media/products/not-an-id")).status).toBe(404);
  });
});
