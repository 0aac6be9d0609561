import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct, orderBody } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";

/**
 * Red team (PostgreSQL): 10 parallel item edits of one order all answered 200 and 41 units
 * vanished from stock; an edit racing a cancel gave `deadlock detected` 500s and lost 9 units.
 * Stock + what the order holds must always add up to what there was.
 */
describe.each(DATABASE_KINDS)("order edits under concurrency on %s", (kind) => {
  let test: TestDatabase;
  let client: ReturnType<typeof createTestClient>;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  const held = async (orderId: string) => {
    const order = await test.db.prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { items: true } });
    return order.status === "cancelled" ? new Map<string, number>() : new Map(order.items.map((i) => [i.productId, i.quantity]));
  };

  it("keeps stock and the order's quantities consistent through 10 parallel item edits", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const a = await createProduct(test.db.prisma, merchant.id, { stock: 50 });
    const b = await createProduct(test.db.prisma, merchant.id, { stock: 50 });
    const created = await client.call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": "edit-race" }, body: orderBody(a.id, 5) });
    expect(created.status).toBe(201);

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        client.call("PATCH", `/orders/${created.json.id}`, {
          key: apiKey,
          body: { items: i % 2 ? [{ productId: a.id, quantity: i + 1 }, { productId: b.id, quantity: 10 - i }] : [{ productId: b.id, quantity: i + 1 }, { productId: a.id, quantity: 2 }] },
        }),
      ),
    );
    for (const r of responses) expect(r.status, JSON.stringify(r.json)).toBe(200);
    const holding = await held(created.json.id);
    const stockA = (await test.db.prisma.product.findUniqueOrThrow({ where: { id: a.id } })).stock;
    const stockB = (await test.db.prisma.product.findUniqueOrThrow({ where: { id: b.id } })).stock;
    expect(stockA + (holding.get(a.id) ?? 0)).toBe(50);
    expect(stockB + (holding.get(b.id) ?? 0)).toBe(50);
  });

  it("an edit racing a cancel never deadlocks, never 500s and loses no stock", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const a = await createProduct(test.db.prisma, merchant.id, { stock: 40 });
    const b = await createProduct(test.db.prisma, merchant.id, { stock: 40 });
    for (let round = 0; round < 4; round++) {
      const created = await client.call("POST", "/orders", {
        key: apiKey,
        headers: { "idempotency-key": `cancel-race-${round}` },
        body: { ...orderBody(a.id, 3), items: [{ productId: a.id, quantity: 3 }, { productId: b.id, quantity: 2 }] },
      });
      expect(created.status).toBe(201);
      const id = created.json.id as string;
      const responses = await Promise.all([
        client.call("PATCH", `/orders/${id}`, { key: apiKey, body: { items: [{ productId: b.id, quantity: 4 }, { productId: a.id, quantity: 1 }] } }),
        client.call("POST", `/orders/${id}/cancel`, { key: apiKey, body: {} }),
        client.call("PATCH", `/orders/${id}`, { key: apiKey, body: { items: [{ productId: a.id, quantity: 5 }] } }),
      ]);
      for (const r of responses) {
        expect(r.status, JSON.stringify(r.json)).toBeLessThan(500);
        if (r.status !== 200) expect(r.status).toBe(409);
      }
      expect((await test.db.prisma.order.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
    }
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: a.id } })).stock).toBe(40);
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: b.id } })).stock).toBe(40);
  });
});
