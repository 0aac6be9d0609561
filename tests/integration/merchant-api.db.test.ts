import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct, orderBody, shippingAddress } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";
import { servicesFor } from "../support/services.ts";

describe.each(DATABASE_KINDS)("merchant REST API on %s", (kind) => {
  let test: TestDatabase;
  let client: ReturnType<typeof createTestClient>;
  let call: ReturnType<typeof createTestClient>["call"];

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    client = createTestClient(test.db, { maxBodyBytes: 64 * 1024 });
    call = client.call;
  });
  afterAll(async () => test?.drop());

  const newShop = () => createMerchant(test.db.prisma);
  /** What a verified payment does (the API refuses `paid`: see the lifecycle test). */
  const markPaid = (merchant: { id: string; currency: string; orderPrefix: string }, orderId: string) =>
    servicesFor(test.db).services.orders.changeStatus({ merchantId: merchant.id, currency: merchant.currency, orderPrefix: merchant.orderPrefix }, orderId, "paid", "payment:sandbox");
  const placeOrder = (key: string, body: unknown, idem = crypto.randomUUID()) =>
    call("POST", "/orders", { key, headers: { "idempotency-key": idem }, body });

  describe("products", () => {
    it("creates, reads, lists with a cursor, updates and delists", async () => {
      const { apiKey } = await newShop();
      const created = await call("POST", "/products", {
        key: apiKey,
        body: { sku: "TEA-1", name: { en: "Longjing tea", "zh-CN": "龙井茶" }, price: { amount: 12800, currency: "CNY" }, stock: 5, tags: ["tea"] },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ sku: "TEA-1", price: { amount: 12800, currency: "CNY" }, stock: 5, status: "active" });

      for (const sku of ["TEA-2", "TEA-3"]) {
        await call("POST", "/products", { key: apiKey, body: { sku, name: { en: sku }, price: { amount: 100, currency: "CNY" }, stock: 1 } });
      }
      const page1 = await call("GET", "/products?limit=2", { key: apiKey });
      expect(page1.json.data).toHaveLength(2);
      expect(page1.json.nextCursor).toEqual(expect.any(String));
      const page2 = await call("GET", `/products?limit=2&cursor=${page1.json.nextCursor}`, { key: apiKey });
      expect(page2.json.data).toHaveLength(1);
      expect(page2.json.nextCursor).toBeNull();
      const skus = [...page1.json.data, ...page2.json.data].map((p: { sku: string }) => p.sku).sort();
      expect(skus).toEqual(["TEA-1", "TEA-2", "TEA-3"]);

      const searched = await call("GET", "/products?q=龙井", { key: apiKey });
      expect(searched.json.data.map((p: { sku: string }) => p.sku)).toEqual(["TEA-1"]);

      const patched = await call("PATCH", `/products/${created.json.id}`, { key: apiKey, body: { stock: 9, price: { amount: 9900, currency: "CNY" } } });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ stock: 9, price: { amount: 9900 } });

      const deleted = await call("DELETE", `/products/${created.json.id}`, { key: apiKey });
      expect(deleted.json.status).toBe("delisted");
      const active = await call("GET", "/products?status=active", { key: apiKey });
      expect(active.json.data.map((p: { sku: string }) => p.sku).sort()).toEqual(["TEA-2", "TEA-3"]);
    });

    it("refuses a duplicate SKU with 409 and a foreign currency with 422", async () => {
      const { apiKey } = await newShop();
      const body = { sku: "DUP", name: { en: "x" }, price: { amount: 1, currency: "CNY" }, stock: 1 };
      expect((await call("POST", "/products", { key: apiKey, body })).status).toBe(201);
      const dup = await call("POST", "/products", { key: apiKey, body });
      expect(dup.status).toBe(409);
      expect(dup.json.error.code).toBe("products:sku_taken");
      const usd = await call("POST", "/products", { key: apiKey, body: { ...body, sku: "USD", price: { amount: 1, currency: "USD" } } });
      expect(usd.status).toBe(422);
    });

    it("applies a batch item by item: one bad item fails alone", async () => {
      const { merchant, apiKey } = await newShop();
      const existing = await createProduct(test.db.prisma, merchant.id, { sku: "OLD-1", stock: 3 });
      const items = [
        ...Array.from({ length: 200 }, (_, i) => ({
          op: "create",
          product: { sku: `B-${i}`, name: { "zh-CN": `商品${i}` }, price: { amount: 100 + i, currency: "CNY" }, stock: i },
        })),
        { op: "create", product: { sku: "BAD", name: { en: "x" }, price: { amount: 1.5, currency: "CNY" }, stock: 1 } },
        { op: "update", ref: { sku: "OLD-1" }, changes: { stock: 42 } },
        { op: "delist", ref: { id: existing.id } },
        { op: "delist", ref: { sku: "NOPE" } },
        { op: "explode" },
      ];
      const res = await call("POST", "/products/batch", { key: apiKey, body: { items } });
      expect(res.status).toBe(200);
      expect(res.json.summary).toEqual({ succeeded: 202, failed: 3 });
      expect(res.json.results[200]).toMatchObject({ index: 200, ok: false, error: { code: "validation:invalid" } });
      expect(res.json.results[201]).toMatchObject({ ok: true, product: { sku: "OLD-1", stock: 42 } });
      expect(res.json.results[202]).toMatchObject({ ok: true, product: { status: "delisted" } });
      expect(res.json.results[203]).toMatchObject({ ok: false, error: { code: "products:not_found" } });
      expect(await test.db.prisma.product.count({ where: { merchantId: merchant.id } })).toBe(201);
      expect(await test.db.prisma.product.count({ where: { merchantId: merchant.id, sku: "BAD" } })).toBe(0);
    });

    it("refuses a batch over 1,000 items", async () => {
      const { apiKey } = await newShop();
      const res = await call("POST", "/products/batch", { key: apiKey, body: { items: Array.from({ length: 1001 }, () => ({ op: "delist", ref: { sku: "x" } })) } });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("validation:invalid");
    });
  });

  describe("orders", () => {
    it("computes the total on the server from catalog prices and keeps a history", async () => {
      const { merchant, apiKey } = await newShop();
      const a = await createProduct(test.db.prisma, merchant.id, { priceAmount: 2990, stock: 10 });
      const b = await createProduct(test.db.prisma, merchant.id, { priceAmount: 1250, stock: 10 });
      const res = await placeOrder(apiKey, {
        customer: { email: "Mei@Example.com", name: "Mei" },
        items: [{ productId: a.id, quantity: 2 }, { productId: b.id, quantity: 1 }, { productId: a.id, quantity: 1 }],
        shippingAddress,
      });
      expect(res.status).toBe(201);
      expect(res.json.total).toEqual({ amount: 2990 * 3 + 1250, currency: "CNY" });
      expect(res.json.number).toMatch(/^TS\d{6}$/);
      expect(res.json.customer.email).toBe("mei@example.com");
      expect(res.json.status).toBe("pending_payment");
      expect(res.json.history).toEqual([expect.objectContaining({ status: "pending_payment", actor: expect.stringMatching(/^api-key:mk_/) })]);
      expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: a.id } })).stock).toBe(7);

      const byNumber = await call("GET", `/orders?number=${res.json.number.toLowerCase()}`, { key: apiKey });
      expect(byNumber.json.data.map((o: { id: string }) => o.id)).toEqual([res.json.id]);
    });

    it("walks the lifecycle and refuses illegal moves with 409, keeping every change", async () => {
      const { merchant, apiKey } = await newShop();
      const p = await createProduct(test.db.prisma, merchant.id);
      const order = (await placeOrder(apiKey, orderBody(p.id))).json;
      const move = (status: string) => call("POST", `/orders/${order.id}/status`, { key: apiKey, body: { status } });

      const illegal = await move("shipped");
      expect(illegal.status).toBe(409);
      expect(illegal.json.error).toMatchObject({ code: "orders:illegal_transition", details: { from: "pending_payment", to: "shipped" } });
      const manualPayment = await move("paid");
      expect(manualPayment.status).toBe(409);
      expect(manualPayment.json.error.code).toBe("orders:paid_by_payment_only");
      await markPaid(merchant, order.id);
      for (const status of ["processing", "shipped", "delivered", "completed"]) expect((await move(status)).status).toBe(200);
      expect((await move("paid")).status).toBe(409);
      const final = await call("GET", `/orders/${order.id}`, { key: apiKey });
      expect(final.json.history.map((h: { status: string }) => h.status)).toEqual([
        "pending_payment", "paid", "processing", "shipped", "delivered", "completed",
      ]);
      expect(final.json.history[1]).toMatchObject({ from: "pending_payment", actor: "payment:sandbox" });
      expect(final.json.history[2]).toMatchObject({ from: "paid", actor: expect.stringMatching(/^api-key:/) });
      expect(Date.parse(final.json.history[2].at)).not.toBeNaN();
    });

    it("cancels before shipment and restocks; refuses to cancel after shipment", async () => {
      const { merchant, apiKey } = await newShop();
      const p = await createProduct(test.db.prisma, merchant.id, { stock: 5 });
      const first = (await placeOrder(apiKey, orderBody(p.id, 2))).json;
      const cancelled = await call("POST", `/orders/${first.id}/cancel`, { key: apiKey, body: { reason: "changed my mind" } });
      expect(cancelled.status).toBe(200);
      expect(cancelled.json.status).toBe("cancelled");
      expect(cancelled.json.history.at(-1)).toMatchObject({ status: "cancelled", note: "changed my mind" });
      expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: p.id } })).stock).toBe(5);
      expect((await call("POST", `/orders/${first.id}/cancel`, { key: apiKey })).status).toBe(409);

      const second = (await placeOrder(apiKey, orderBody(p.id, 1))).json;
      await markPaid(merchant, second.id);
      for (const status of ["processing", "shipped"]) {
        await call("POST", `/orders/${second.id}/status`, { key: apiKey, body: { status } });
      }
      const late = await call("POST", `/orders/${second.id}/cancel`, { key: apiKey, body: {} });
      expect(late.status).toBe(409);
      expect(late.json.error.code).toBe("orders:not_cancellable");
      expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: p.id } })).stock).toBe(4);
    });

    it("edits before shipment only; items only before payment, with stock moved accordingly", async () => {
      const { merchant, apiKey } = await newShop();
      const p = await createProduct(test.db.prisma, merchant.id, { stock: 10, priceAmount: 1000 });
      const order = (await placeOrder(apiKey, orderBody(p.id, 2))).json;
      const edited = await call("PATCH", `/orders/${order.id}`, {
        key: apiKey,
        body: { items: [{ productId: p.id, quantity: 5 }], shippingAddress: { ...shippingAddress, line1: "2 Wensan Road" } },
      });
      expect(edited.status).toBe(200);
      expect(edited.json.total.amount).toBe(5000);
      expect(edited.json.shippingAddress.line1).toBe("2 Wensan Road");
      expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: p.id } })).stock).toBe(5);

      // Only a verified payment marks an order paid: the API refuses it, the payment path (here its service) does it.
      const manual = await call("POST", `/orders/${order.id}/status`, { key: apiKey, body: { status: "paid" } });
      expect(manual.status).toBe(409);
      expect(manual.json.error.code).toBe("orders:paid_by_payment_only");
      await markPaid(merchant, order.id);
      const itemsLocked = await call("PATCH", `/orders/${order.id}`, { key: apiKey, body: { items: [{ productId: p.id, quantity: 1 }] } });
      expect(itemsLocked.status).toBe(409);
      expect((await call("PATCH", `/orders/${order.id}`, { key: apiKey, body: { note: "leave at door" } })).json.note).toBe("leave at door");

      for (const status of ["processing", "shipped"]) await call("POST", `/orders/${order.id}/status`, { key: apiKey, body: { status } });
      const shipped = await call("PATCH", `/orders/${order.id}`, { key: apiKey, body: { shippingAddress } });
      expect(shipped.status).toBe(409);
      expect(shipped.json.error.code).toBe("orders:not_editable");
    });

    it("refuses delisted and unknown products without touching stock", async () => {
      const { merchant, apiKey } = await newShop();
      const gone = await createProduct(test.db.prisma, merchant.id, { status: "delisted", stock: 3 });
      const res = await placeOrder(apiKey, orderBody(gone.id));
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("orders:product_unavailable");
      const unknown = await placeOrder(apiKey, orderBody(crypto.randomUUID()));
      expect(unknown.status).toBe(422);
      expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: gone.id } })).stock).toBe(3);
    });
  });

  describe("tenant walls", () => {
    it("answers 404 for another merchant's products and orders, and changes nothing", async () => {
      const a = await newShop();
      const b = await newShop();
      const product = await createProduct(test.db.prisma, a.merchant.id, { stock: 4 });
      const order = (await placeOrder(a.apiKey, orderBody(product.id))).json;

      const attempts = [
        call("GET", `/products/${product.id}`, { key: b.apiKey }),
        call("PATCH", `/products/${product.id}`, { key: b.apiKey, body: { stock: 999 } }),
        call("DELETE", `/products/${product.id}`, { key: b.apiKey }),
        call("GET", `/orders/${order.id}`, { key: b.apiKey }),
        call("PATCH", `/orders/${order.id}`, { key: b.apiKey, body: { note: "pwned" } }),
        call("POST", `/orders/${order.id}/cancel`, { key: b.apiKey, body: {} }),
        call("POST", `/orders/${order.id}/status`, { key: b.apiKey, body: { status: "paid" } }),
        call("POST", "/products/batch", { key: b.apiKey, body: { items: [{ op: "update", ref: { id: product.id }, changes: { stock: 0 } }] } }),
      ];
      const results = await Promise.all(attempts);
      for (const r of results.slice(0, 7)) expect(r.status).toBe(404);
      expect(results[7]!.json.results[0]).toMatchObject({ ok: false, error: { code: "products:not_found" } });

      const ordering = await placeOrder(b.apiKey, orderBody(product.id));
      expect(ordering.status).toBe(422);
      const listB = await call("GET", "/orders", { key: b.apiKey });
      expect(listB.json.data).toEqual([]);
      expect((await call("GET", "/products", { key: b.apiKey })).json.data).toEqual([]);

      const after = await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(after).toMatchObject({ stock: 3, status: "active" });
      expect(await test.db.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "pending_payment", note: null });
    });

    it("answers 401 without a key or with an unknown one", async () => {
      const none = await call("GET", "/products");
      expect(none.status).toBe(401);
      expect(none.json.error.code).toBe("auth:missing_api_key");
      const wrong = await call("GET", "/orders", { key: "mk_this-is-not-a-real-key-0000000" });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error.code).toBe("auth:invalid_api_key");
    });
  });

  describe("bad input gets 400 with an error body and changes nothing", () => {
    it.each([
      ["malformed JSON", { rawBody: '{"customer": ' }],
      ["wrong types", { body: { customer: { email: 42 }, items: "many", shippingAddress: null } }],
      ["a negative quantity", { body: "NEGATIVE" }],
      ["a fractional quantity", { body: "FRACTION" }],
      ["unknown fields", { body: "EXTRA" }],
      ["an oversized body", { rawBody: JSON.stringify({ note: "x".repeat(100 * 1024) }) }],
    ])("orders: %s", async (_label, input) => {
      const { merchant, apiKey } = await newShop();
      const p = await createProduct(test.db.prisma, merchant.id, { stock: 5 });
      const bodies: Record<string, unknown> = {
        NEGATIVE: orderBody(p.id, -2),
        FRACTION: orderBody(p.id, 1.5),
        EXTRA: { ...orderBody(p.id), total: { amount: 1, currency: "CNY" } },
      };
      const init = "body" in input && typeof input.body === "string" ? { body: bodies[input.body] } : input;
      const res = await call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": "bad-1" }, ...init });
      expect(res.status).toBe(400);
      expect(res.json.error).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[a-z]+:[a-z_]+$/), message: expect.any(String) }));
      expect(JSON.stringify(res.json)).not.toMatch(/at .*\.ts:\d+/);
      expect(await test.db.prisma.order.count({ where: { merchantId: merchant.id } })).toBe(0);
      expect(await test.db.prisma.idempotencyRecord.count({ where: { merchantId: merchant.id } })).toBe(0);
      expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: p.id } })).stock).toBe(5);
    });

    it("products: fractional money, negative stock and a non-id path", async () => {
      const { merchant, apiKey } = await newShop();
      const fractional = await call("POST", "/products", { key: apiKey, body: { sku: "F", name: { en: "f" }, price: { amount: 9.99, currency: "CNY" }, stock: 1 } });
      expect(fractional.status).toBe(400);
      expect(fractional.json.error.details[0].path).toBe("price.amount");
      const negative = await call("POST", "/products", { key: apiKey, body: { sku: "N", name: { en: "n" }, price: { amount: 1, currency: "CNY" }, stock: -1 } });
      expect(negative.status).toBe(400);
      const badId = await call("GET", "/products/not-a-uuid", { key: apiKey });
      expect(badId.status).toBe(400);
      const badCursor = await call("GET", "/products?cursor=%%%", { key: apiKey });
      expect(badCursor.status).toBe(400);
      expect(await test.db.prisma.product.count({ where: { merchantId: merchant.id } })).toBe(0);
    });

    it("a missing Idempotency-Key is 400", async () => {
      const { merchant, apiKey } = await newShop();
      const p = await createProduct(test.db.prisma, merchant.id);
      const res = await call("POST", "/orders", { key: apiKey, body: orderBody(p.id) });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/Idempotency-Key/);
    });
  });
});
