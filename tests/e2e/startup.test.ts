import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startPlatform, type RunningPlatform } from "../support/server.ts";

interface Credentials {
  merchants: { name: string; apiKey: string; widgetKey: string; identitySecret: string }[];
  agents: { email: string; password: string; merchant: string }[];
  sampleOrder: { merchant: string; number: string; email: string };
}

describe("npm start on the embedded default", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "shopchat-start-"));
  let platform: RunningPlatform | undefined;
  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = async (p: string, key?: string) => {
    const res = await fetch(`${platform!.baseUrl}${p}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    return { status: res.status, type: res.headers.get("content-type") ?? "", body: res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text() };
  };

  it("creates the data dir, migrates, seeds the demo data and serves", async () => {
    platform = await startPlatform({ DATA_DIR: dataDir });
    expect(platform.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(["migrations applied", "demo data seeded", "listening"]));

    expect((await get("/healthz")).body).toEqual({ status: "ok" });
    expect((await get("/readyz")).body).toMatchObject({ status: "ok", checks: { database: "ok" } });
    const docs = await get("/docs");
    expect(docs.status).toBe(200);
    expect(docs.body).toContain("/api/v1/openapi.json");
    const spec = (await get("/api/v1/openapi.json")).body;
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/products", "/products/batch", "/orders", "/orders/{id}/cancel", "/orders/{id}/status"]));
  }, 150_000); // a first start (creating the embedded database, training the NLU) on a busy 2-core machine

  it("writes demo-credentials.json with the contract's shape, and the keys work", async () => {
    const creds = JSON.parse(readFileSync(path.join(dataDir, "demo-credentials.json"), "utf8")) as Credentials;
    expect(creds.merchants).toHaveLength(2);
    for (const m of creds.merchants) expect(Object.keys(m).sort()).toEqual(["apiKey", "identitySecret", "name", "widgetKey"]);
    expect(creds.agents.filter((a) => a.merchant === creds.merchants[0]!.name)).toHaveLength(2);
    expect(creds.agents.filter((a) => a.merchant === creds.merchants[1]!.name)).toHaveLength(2);
    expect(creds.sampleOrder.merchant).toBe(creds.merchants[0]!.name);

    const [shop, other] = creds.merchants;
    const products = (await get("/api/v1/products?limit=100", shop!.apiKey)).body.data as { price: { currency: string }; stock: number; name: Record<string, string>; imageUrl: string }[];
    expect(products.length).toBeGreaterThanOrEqual(30);
    expect(new Set(products.map((p) => p.price.currency))).toEqual(new Set(["CNY"]));
    expect(products.filter((p) => p.stock > 0 && p.stock <= 5).length).toBeGreaterThanOrEqual(3);
    for (const p of products) {
      expect(p.name.en).toBeTruthy();
      expect(p.name["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
      expect(p.imageUrl).toMatch(/^\/media\/products\/[0-9a-f-]{36}\?v=/);
    }

    const orders = (await get(`/api/v1/orders?email=${encodeURIComponent(creds.sampleOrder.email)}&limit=50`, shop!.apiKey)).body.data as { number: string; status: string }[];
    expect(new Set(orders.map((o) => o.status)).size).toBeGreaterThanOrEqual(4);
    expect(orders.map((o) => o.number)).toContain(creds.sampleOrder.number);

    const otherProducts = (await get("/api/v1/products?limit=100", other!.apiKey)).body.data as { price: { currency: string } }[];
    expect(otherProducts.length).toBeGreaterThan(0);
    expect(otherProducts.every((p) => p.price.currency !== "CNY")).toBe(true);
    expect((await get(`/api/v1/orders?email=${encodeURIComponent(creds.sampleOrder.email)}`, other!.apiKey)).body.data).toEqual([]);
  });

  it("reuses the data on a second start", async () => {
    const before = readFileSync(path.join(dataDir, "demo-credentials.json"), "utf8");
    await platform!.stop();
    platform = await startPlatform({ DATA_DIR: dataDir });
    const messages = platform.logs.map((l) => l.msg);
    expect(messages).toContain("existing data reused");
    expect(messages).not.toContain("demo data seeded");
    expect(readFileSync(path.join(dataDir, "demo-credentials.json"), "utf8")).toBe(before);
    const creds = JSON.parse(before) as Credentials;
    expect((await get("/api/v1/products?limit=1", creds.merchants[0]!.apiKey)).status).toBe(200);
  }, 150_000);
});
