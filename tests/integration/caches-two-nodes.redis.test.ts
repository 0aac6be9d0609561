import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../api/db/database.ts";
import { RedisBus } from "../../api/domain/shared/caches.ts";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { silentLogger } from "../support/logger.ts";
import { newRedis, redisAvailable, redisPrefix } from "../support/redis.ts";
import { createSeededDatabase } from "../support/seeded.ts";

/** Polls until `check` passes (a pub/sub message is on its way) or the time is up. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.runIf(redisAvailable && DATABASE_KINDS.includes("postgres"))("caches on two API nodes (one PostgreSQL, one Redis)", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let secondDb: Database;
  const connections: { disconnect(): void }[] = [];
  let nodes: ReturnType<typeof createTestClient>[];

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("postgres"));
    secondDb = openDatabase({ url: test.url });
    const channel = `${redisPrefix()}:invalidation`;
    const node = (db: Database) => {
      const publisher = newRedis();
      const subscriber = newRedis();
      connections.push(publisher, subscriber);
      return createTestClient(db, { services: { bus: new RedisBus(publisher, subscriber, silentLogger, channel) } });
    };
    nodes = [node(test.db), node(secondDb)];
  });
  afterAll(async () => {
    for (const c of connections) c.disconnect();
    await secondDb?.close();
    await test?.drop();
  });

  it("answers on node B from an article published through node A", async () => {
    const [a, b] = nodes;
    const shop = creds.merchants[0]!;
    const session = (await b!.call("POST", "/widget/sessions", { body: { widgetKey: shop.widgetKey, locale: "en" } })).json;
    const ask = (id: string) => b!.call("POST", "/widget/messages", { key: session.sessionToken, body: { clientMessageId: id, text: "do you offer gift wrapping?" } });
    // Node B builds its index first, so a stale one would be in its memory.
    expect(JSON.stringify((await ask("before")).json.messages)).not.toContain("Gift wrapping");
    const article = await a!.call("POST", "/knowledge/articles", {
      key: shop.apiKey,
      body: { slug: "gift-wrapping", locale: "en", title: "Gift wrapping", body: "## Gift wrapping\nWe gift wrap any order for ¥5: choose gift wrapping at checkout.", tags: ["gift", "wrap"] },
    });
    expect(article.status).toBe(201);
    const after = await ask("after");
    expect(after.json.messages[1].blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: "citation", title: "Gift wrapping" })]));

    // Unpublished on A: B stops citing it on the next answer.
    expect((await a!.call("PATCH", `/knowledge/articles/${article.json.id}`, { key: shop.apiKey, body: { status: "draft" } })).status).toBe(200);
    const unpublished = await ask("unpublished");
    expect(JSON.stringify(unpublished.json.messages)).not.toContain("Gift wrapping");
  });

  it("shows node A's widget settings on node B", async () => {
    const [a, b] = nodes;
    const shop = creds.merchants[0]!;
    const config = async () => (await b!.app.request(`/api/v1/widget/config?widgetKey=${shop.widgetKey}`)).json() as Promise<{ theme: { color: string } }>;
    const before = await config();
    const saved = await a!.call("PUT", "/settings/widget", { key: shop.apiKey, body: { color: "#0f766e" } });
    expect(saved.status).toBe(200);
    const after = await eventually(config, (c) => c.theme.color === "#0f766e");
    expect(before.theme.color).not.toBe("#0f766e");
    expect(after.theme.color).toBe("#0f766e");
  });

  it("gives node B the catalog change made on node A for the bot's product answers", async () => {
    const [a, b] = nodes;
    const shop = creds.merchants[0]!;
    const session = (await b!.call("POST", "/widget/sessions", { body: { widgetKey: shop.widgetKey, locale: "en" } })).json;
    const ask = (id: string, text: string) => b!.call("POST", "/widget/messages", { key: session.sessionToken, body: { clientMessageId: id, text } });
    await ask("warm", "do you have green tea?");
    const created = await a!.call("POST", "/products", {
      key: shop.apiKey,
      body: { sku: "TEA-ZEBRA", name: { en: "Zebra oolong tea", "zh-CN": "斑马乌龙茶" }, price: { amount: 4200, currency: "CNY" }, stock: 9, tags: ["tea"] },
    });
    expect(created.status).toBe(201);
    const answer = await ask("zebra", "I'd like the zebra oolong tea");
    expect(JSON.stringify(answer.json.messages)).toContain("Zebra oolong tea");
  });

  it("shows node A's price change and an order's stock on node B's product list", async () => {
    const [a, b] = nodes;
    const key = creds.merchants[0]!.apiKey;
    const list = async () => (await b!.call("GET", "/products?limit=100&status=active", { key })).json.data as { id: string; sku: string; stock: number; price: { amount: number } }[];
    const before = (await list()).find((p) => p.sku === "TEA-001")!;
    await a!.call("PATCH", `/products/${before.id}`, { key, body: { price: { amount: before.price.amount + 100, currency: "CNY" } } });
    const repriced = await eventually(list, (rows) => rows.find((p) => p.sku === "TEA-001")!.price.amount === before.price.amount + 100);
    expect(repriced.find((p) => p.sku === "TEA-001")!.price.amount).toBe(before.price.amount + 100);
    const order = await a!.call("POST", "/orders", {
      key,
      headers: { "idempotency-key": "two-node-stock" },
      body: { customer: { email: "stock@example.com" }, items: [{ productId: before.id, quantity: 2 }], shippingAddress: { name: "A", phone: "13900000000", line1: "1 Road", city: "Hangzhou", country: "CN" } },
    });
    expect(order.status).toBe(201);
    const after = await eventually(list, (rows) => rows.find((p) => p.sku === "TEA-001")!.stock === before.stock - 2);
    expect(after.find((p) => p.sku === "TEA-001")!.stock).toBe(before.stock - 2);
  });

  it("ends on node B the widget session of a customer erased through node A", async () => {
    const [a, b] = nodes;
    const shop = creds.merchants[0]!;
    const customerId = "two-node-erasure";
    const identity = { customerId, hmac: createHmac("sha256", shop.identitySecret).update(customerId).digest("hex") };
    const session = await b!.call("POST", "/widget/sessions", { body: { widgetKey: shop.widgetKey, locale: "en", identity } });
    expect(session.status).toBe(201);
    const history = () => b!.call("GET", "/widget/messages?after=0", { key: session.json.sessionToken });
    // Node B has answered "live" for this conversation, and would keep that answer for a minute.
    expect((await history()).status).toBe(200);
    expect((await history()).status).toBe(200);

    const customer = await test.db.prisma.customer.findFirstOrThrow({ where: { externalId: customerId } });
    const erased = await a!.call("DELETE", `/customers/${customer.id}`, { key: shop.apiKey });
    expect(erased.status).toBe(200);
    expect(erased.json.conversations).toBe(1);
    const after = await eventually(history, (r) => r.status === 401);
    expect(after.status).toBe(401);
  });
});
