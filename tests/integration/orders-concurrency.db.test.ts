import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct, orderBody } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";

describe.each(DATABASE_KINDS)("orders under concurrency on %s", (kind) => {
  let test: TestDatabase;
  let client: ReturnType<typeof createTestClient>;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  it("sells the last 10 units exactly once each: 10 orders created, 40 refused with 409, stock 0", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { stock: 10 });

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.call("POST", "/orders", {
          key: apiKey,
          headers: { "idempotency-key": `race-${i}` },
          body: orderBody(product.id, 1, `buyer${i}@example.com`),
        }),
      ),
    );

    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r.json.error.code).toBe("orders:out_of_stock");
    const after = await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after.stock).toBe(0);
    expect(await test.db.prisma.order.count({ where: { merchantId: merchant.id } })).toBe(10);
    expect(new Set(created.map((r) => r.json.number)).size).toBe(10);
  });

  it("creates exactly one order for twenty concurrent retries with one Idempotency-Key", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { stock: 100 });
    const body = orderBody(product.id, 3);
    const send = (b: unknown) =>
      client.call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": "checkout-42" }, body: b });

    const responses = await Promise.all(Array.from({ length: 20 }, () => send(body)));

    const ok = responses.filter((r) => r.status === 201);
    const inFlight = responses.filter((r) => r.status === 409);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length + inFlight.length).toBe(20);
    for (const r of inFlight) expect(r.json.error.code).toBe("idempotency:in_progress");
    expect(new Set(ok.map((r) => r.json.id)).size).toBe(1);
    expect(await test.db.prisma.order.count({ where: { merchantId: merchant.id } })).toBe(1);
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(97);

    const later = await send(body);
    expect(later.status).toBe(201);
    expect(later.json.id).toBe(ok[0]!.json.id);
    expect(later.headers.get("idempotent-replayed")).toBe("true");

    const otherBody = await send(orderBody(product.id, 4));
    expect(otherBody.status).toBe(422);
    expect(otherBody.json.error.code).toBe("idempotency:key_reused");
    expect(await test.db.prisma.order.count({ where: { merchantId: merchant.id } })).toBe(1);
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(97);
  });

  it("scopes Idempotency-Keys to the merchant: the same key at two shops makes two orders", async () => {
    const a = await createMerchant(test.db.prisma);
    const b = await createMerchant(test.db.prisma);
    const pa = await createProduct(test.db.prisma, a.merchant.id);
    const pb = await createProduct(test.db.prisma, b.merchant.id);
    const ra = await client.call("POST", "/orders", { key: a.apiKey, headers: { "idempotency-key": "same" }, body: orderBody(pa.id) });
    const rb = await client.call("POST", "/orders", { key: b.apiKey, headers: { "idempotency-key": "same" }, body: orderBody(pb.id) });
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(ra.json.id).not.toBe(rb.json.id);
  });

  it("lets a failed attempt be retried with the same key once stock is back", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { stock: 1 });
    const send = () =>
      client.call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": "retry-me" }, body: orderBody(product.id, 2) });
    expect((await send()).status).toBe(409);
    await test.db.prisma.product.update({ where: { id: product.id }, data: { stock: 5 } });
    const retry = await send();
    expect(retry.status).toBe(201);
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(3);
  });

  it("never oversells when concurrent cancels and orders interleave", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { stock: 5 });
    const first = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        client.call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": `a${i}` }, body: orderBody(product.id) }),
      ),
    );
    const mixed = await Promise.all([
      ...first.map((r) => client.call("POST", `/orders/${r.json.id}/cancel`, { key: apiKey, body: {} })),
      ...first.map((r) => client.call("POST", `/orders/${r.json.id}/cancel`, { key: apiKey, body: {} })),
      ...Array.from({ length: 10 }, (_, i) =>
        client.call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": `b${i}` }, body: orderBody(product.id) }),
      ),
    ]);
    const cancels = mixed.slice(0, 10);
    expect(cancels.filter((r) => r.status === 200)).toHaveLength(5);
    expect(cancels.filter((r) => r.status === 409)).toHaveLength(5);
    const stock = (await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock;
    const live = await test.db.prisma.orderItem.aggregate({
      _sum: { quantity: true },
      where: { productId: product.id, order: { status: { not: "cancelled" } } },
    });
    expect(stock).toBeGreaterThanOrEqual(0);
    expect(stock + (live._sum.quantity ?? 0)).toBe(5);
  });
});
