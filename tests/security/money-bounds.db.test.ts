import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct, orderBody } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";

/** Red team: totals above 2^31-1 minor units answered 500 (`Value out of range`). */
describe.each(DATABASE_KINDS)("order totals stay within what the books hold, on %s", (kind) => {
  let test: TestDatabase;
  let call: ReturnType<typeof createTestClient>["call"];

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    call = createTestClient(test.db).call;
  });
  afterAll(async () => test?.drop());

  it("refuses an order totalling more than 2^31-1 minor units with 400, taking no stock", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const dear = await createProduct(test.db.prisma, merchant.id, { priceAmount: 1_000_000_000, stock: 1000 });
    const res = await call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": "huge" }, body: orderBody(dear.id, 3) });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("orders:total_too_large");
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: dear.id } })).stock).toBe(1000);
    expect(await test.db.prisma.order.count({ where: { merchantId: merchant.id } })).toBe(0);

    const ok = await call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": "fine" }, body: orderBody(dear.id, 2) });
    expect(ok.status).toBe(201);
    const edit = await call("PATCH", `/orders/${ok.json.id}`, { key: apiKey, body: { items: [{ productId: dear.id, quantity: 999 }] } });
    expect(edit.status).toBe(400);
    expect(edit.json.error.code).toBe("orders:total_too_large");
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: dear.id } })).stock).toBe(998);
  });
});
