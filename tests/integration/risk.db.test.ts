import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct, shippingAddress } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";

describe.each(DATABASE_KINDS)("risk scoring and holds on %s", (kind) => {
  let test: TestDatabase;
  let call: ReturnType<typeof createTestClient>["call"];

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    call = createTestClient(test.db).call;
  });
  afterAll(async () => test?.drop());

  const place = (key: string, body: unknown) => call("POST", "/orders", { key, headers: { "idempotency-key": crypto.randomUUID() }, body });

  it("scores a normal order low and lets it be paid", async () => {
    const { apiKey, merchant } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id);
    const res = await place(apiKey, { customer: { email: "fang@example.com", name: "Wang Fang", phone: shippingAddress.phone }, items: [{ productId: product.id, quantity: 1 }], shippingAddress, client: { address: "198.51.100.4", deviceToken: "dev-fang" } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: "pending_payment", risk: { score: 0, level: "low", reasons: [] } });
    const review = await call("POST", `/orders/${res.json.id}/review`, { key: apiKey, body: { decision: "approve" } });
    expect(review.status).toBe(409);
    expect(review.json.error.code).toBe("orders:not_on_hold");
  });

  it("puts a burst of suspicious orders on hold with the reasons, then releases or rejects them by review", async () => {
    const { apiKey, merchant } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { stock: 50 });
    // One device and network, a new throwaway email each time, shipped to one drop address.
    const drop = { name: "Li Lei", phone: "+86 150 1111 2222", line1: "9 Warehouse Road, bay 4", city: "Shenzhen", country: "CN" };
    const orders = [];
    for (let i = 0; i < 6; i++) {
      const res = await place(apiKey, {
        customer: { email: `buyer${i}@mailinator.com`, name: drop.name, phone: drop.phone },
        items: [{ productId: product.id, quantity: 2 }],
        shippingAddress: drop,
        client: { address: "203.0.113.50", deviceToken: "dev-burst" },
      });
      expect(res.status).toBe(201);
      orders.push(res.json);
    }
    // Alone, the first order is only medium risk: nothing ties it to a ring yet.
    expect(orders[0]).toMatchObject({ status: "pending_payment", risk: { level: "medium", reasons: ["contact:disposable_email"] } });
    const last = orders.at(-1)!;
    expect(last.status).toBe("on_hold");
    expect(last.risk.level).toBe("high");
    expect(last.risk.score).toBeGreaterThanOrEqual(60);
    expect(last.risk.reasons).toEqual(expect.arrayContaining(["device:many_accounts", "contact:disposable_email", "address:many_accounts"]));
    expect(last.payBy).toBeNull();
    // The ring's earlier orders, still unpaid, are held with it.
    const now = await Promise.all(orders.map(async (o) => (await call("GET", `/orders/${o.id}`, { key: apiKey })).json));
    expect(now.map((o) => o.status)).toEqual(Array(6).fill("on_hold"));
    expect(now[0].history.at(-1)).toMatchObject({ status: "on_hold", actor: "system:risk" });
    // A held order cannot be paid.
    expect((await call("POST", `/orders/${last.id}/payments`, { key: apiKey, body: {} })).status).toBeGreaterThanOrEqual(400);
    expect((await call("GET", "/orders?status=on_hold", { key: apiKey })).json.data).toHaveLength(6);

    const stockBefore = (await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock;
    const rejected = await call("POST", `/orders/${last.id}/review`, { key: apiKey, body: { decision: "reject" } });
    expect(rejected.json.status).toBe("cancelled");
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(stockBefore + 2);
    const approved = await call("POST", `/orders/${orders[0].id}/review`, { key: apiKey, body: { decision: "approve" } });
    expect(approved.json).toMatchObject({ status: "pending_payment", payBy: expect.any(String) });
    expect(approved.json.history.at(-1)).toMatchObject({ from: "on_hold", status: "pending_payment", actor: expect.stringMatching(/^api-key:/) });
    expect((await call("POST", `/orders/${orders[0].id}/review`, { key: apiKey, body: { decision: "approve" } })).status).toBe(409);
    expect((await call("POST", `/orders/${orders[1].id}/review`, { key: apiKey, body: { decision: "maybe" } })).status).toBe(400);
    expect((await call("GET", `/orders/${orders[1].id}`, { key: apiKey })).json.status).toBe("on_hold");
    // Another shop cannot review them.
    expect((await call("POST", `/orders/${orders[1].id}/review`, { key: (await createMerchant(test.db.prisma)).apiKey, body: { decision: "approve" } })).status).toBe(404);

    const audit = (await call("GET", "/audit-log?action=order.review.", { key: apiKey })).json.data.map((e: { action: string; target: string }) => `${e.action} ${e.target}`);
    expect(audit.sort()).toEqual([`order.review.approve order:${orders[0].id}`, `order.review.reject order:${last.id}`].sort());
  });

  it("judges a new customer's second order of the day by its value, like a first order", async () => {
    const { apiKey, merchant } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id);
    const order = (quantity: number) => place(apiKey, { customer: { email: "new@example.com", name: shippingAddress.name, phone: shippingAddress.phone }, items: [{ productId: product.id, quantity }], shippingAddress });
    expect((await order(1)).json.risk).toMatchObject({ level: "low", reasons: [] });
    // 25 × ¥29.90 is well above three times the typical order (¥200 while the shop is new).
    const large = (await order(25)).json;
    expect(large.risk.reasons).toEqual(["value:unusual_new_customer_order"]);
    expect(large.status).toBe("pending_payment");
  });

  it("takes the thresholds from the merchant's settings", async () => {
    const { apiKey, merchant } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id);
    const saved = await call("PATCH", "/settings", { key: apiKey, body: { risk: { enabled: true, reviewAt: 10, holdAt: 30, windowMinutes: 60, velocityLimit: 2, accountsPerDevice: 3, firstOrderMultiple: 6 } } });
    expect(saved.status).toBe(200);
    const res = await place(apiKey, { customer: { email: "one@mailinator.com" }, items: [{ productId: product.id, quantity: 1 }], shippingAddress });
    expect(res.json).toMatchObject({ status: "on_hold", risk: { level: "high", reasons: ["contact:disposable_email"] } });
    expect((await call("PATCH", "/settings", { key: apiKey, body: { risk: { enabled: true, reviewAt: 80, holdAt: 30, windowMinutes: 60, velocityLimit: 2, accountsPerDevice: 3, firstOrderMultiple: 6 } } })).status).toBe(400);
  });
});
