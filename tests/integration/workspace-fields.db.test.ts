import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../api/db/generated/client.ts";
import { OrdersService } from "../../api/domain/orders/orders.service.ts";
import { silentLogger } from "../support/logger.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";
import { notifySandbox, payingMerchant, placeOrder, sandboxNotification } from "../support/payments.ts";

const DAY = 86_400_000;
let numbers = 0;

/** Sales history written straight into the tables (the API would stamp it today, and forecasts read whole past days). */
async function pastSales(prisma: PrismaClient, product: { id: string; sku: string; merchantId: string; priceAmount: number }, perDay: number, days: number) {
  for (let d = 1; d <= days; d++) {
    await prisma.order.create({
      data: {
        merchantId: product.merchantId,
        number: `WSF${++numbers}`,
        customerEmail: `past${d}@example.com`,
        status: "completed",
        subtotalAmount: product.priceAmount * perDay,
        totalAmount: product.priceAmount * perDay,
        currency: "CNY",
        shippingAddress: { name: "A", phone: "1", line1: "1 Road", city: "Hangzhou", country: "CN" },
        createdAt: new Date(Date.now() - d * DAY),
        items: { create: [{ productId: product.id, sku: product.sku, name: { en: product.sku }, quantity: perDay, unitPrice: product.priceAmount }] },
      },
    });
  }
}

describe.each(DATABASE_KINDS)("the workspace's fields on orders and products on %s", (kind) => {
  let test: TestDatabase;
  let client: ReturnType<typeof createTestClient>;
  const call: ReturnType<typeof createTestClient>["call"] = (...args) => client.call(...args);

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  const tokenOf = async (paymentId: string) => (await test.db.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).token;

  it("lists each order with its last payment attempt: none, failed (then retried), succeeded; only the shop's own", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call);
    const untried = await placeOrder(call, apiKey, product.id);
    const failing = await placeOrder(call, apiKey, product.id);
    const paid = await placeOrder(call, apiKey, product.id);

    // A declined payment, reported by the provider's signed notification.
    const attempt = (await call("POST", `/orders/${failing.id}/payments`, { key: apiKey })).json;
    const declined = await notifySandbox(call, sandboxNotification({ token: await tokenOf(attempt.id), amount: 3790, currency: "CNY" }, { event: "payment.failed", reason: "card_declined" }));
    expect(declined.status).toBe(200);
    const paying = (await call("POST", `/orders/${paid.id}/payments`, { key: apiKey })).json;
    expect((await notifySandbox(call, sandboxNotification({ token: await tokenOf(paying.id), amount: 3790, currency: "CNY" }))).status).toBe(200);

    const list = await call("GET", "/orders?limit=10", { key: apiKey });
    expect(list.status).toBe(200);
    const byId = new Map(list.json.data.map((o: any) => [o.id, o]));
    expect((byId.get(untried.id) as any).lastPayment).toBeNull();
    expect((byId.get(failing.id) as any)).toMatchObject({ status: "pending_payment", lastPayment: { status: "failed", provider: "sandbox", failedAt: expect.any(String), failureReason: expect.stringContaining("card_declined") } });
    expect((byId.get(paid.id) as any)).toMatchObject({ status: "paid", lastPayment: { status: "succeeded", provider: "sandbox", failedAt: null, failureReason: null } });
    const detail = await call("GET", `/orders/${failing.id}`, { key: apiKey });
    expect(detail.json.lastPayment).toEqual((byId.get(failing.id) as any).lastPayment);
    // Paging keeps the field on every page.
    const first = await call("GET", "/orders?limit=1", { key: apiKey });
    const second = await call("GET", `/orders?limit=1&cursor=${first.json.nextCursor}`, { key: apiKey });
    expect(second.json.data[0]).toHaveProperty("lastPayment");

    // A new attempt after the failure is the last one: no longer red.
    const retry = await call("POST", `/orders/${failing.id}/payments`, { key: apiKey });
    expect(retry.status).toBe(201);
    expect((await call("GET", `/orders/${failing.id}`, { key: apiKey })).json.lastPayment).toMatchObject({ status: "pending", failedAt: null });

    // Another shop sees none of it.
    const other = await createMerchant(test.db.prisma);
    expect((await call("GET", "/orders", { key: other.apiKey })).json.data).toEqual([]);
    expect((await call("GET", `/orders/${failing.id}`, { key: other.apiKey })).status).toBe(404);
  });

  it.runIf(kind === "postgres")("reads a page's last payments in one query, whatever the page's size", async () => {
    const { merchant, apiKey } = await payingMerchant(test.db.prisma, call);
    const product = await createProduct(test.db.prisma, merchant.id);
    for (let i = 0; i < 6; i++) {
      const order = await placeOrder(call, apiKey, product.id);
      await call("POST", `/orders/${order.id}/payments`, { key: apiKey });
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: test.url! }), log: [{ emit: "event", level: "query" }] });
    const queries: string[] = [];
    prisma.$on("query", (e) => queries.push(e.query));
    try {
      const orders = new OrdersService(prisma, silentLogger);
      const scope = { merchantId: merchant.id, currency: "CNY", orderPrefix: "TS" };
      const count = async (limit: number) => {
        queries.length = 0;
        const page = await orders.list(scope, { limit });
        expect(page.data.every((o) => o.lastPayment?.status === "pending")).toBe(true);
        return { orders: page.data.length, queries: queries.length, payments: queries.filter((q) => q.includes('FROM "public"."Payment"')).length };
      };
      expect(await count(2)).toEqual({ orders: 2, queries: 4, payments: 1 });
      expect(await count(6)).toEqual({ orders: 6, queries: 4, payments: 1 });
    } finally {
      await prisma.$disconnect();
    }
  });

  it("documents lastPayment and the product forecast in the OpenAPI contract", async () => {
    const spec = (await call("GET", "/openapi.json")).json;
    const schemas = spec.components.schemas;
    expect(schemas.Order.properties.lastPayment).toBeDefined();
    expect(schemas.OrderLastPayment.properties).toHaveProperty("failedAt");
    expect(schemas.Product.properties.forecast).toBeDefined();
    expect(schemas.ProductStockForecast.properties).toHaveProperty("restockBy");
    const params = spec.paths["/products"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["runningOut", "leadDays"]));
  });

  it("gives every active product on a page its forecast and filters those that will run out, per shop", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const selling = await createProduct(test.db.prisma, merchant.id, { sku: "FAST-1", stock: 30 });
    const slow = await createProduct(test.db.prisma, merchant.id, { sku: "SLOW-1", stock: 60 });
    const delisted = await createProduct(test.db.prisma, merchant.id, { sku: "GONE-1", stock: 0, status: "delisted" });
    await pastSales(test.db.prisma, selling, 5, 28);
    await pastSales(test.db.prisma, slow, 1, 28);
    // The other shop sells the same SKU fast; its sales are not this shop's demand.
    const other = await createMerchant(test.db.prisma);
    const theirs = await createProduct(test.db.prisma, other.merchant.id, { sku: "SLOW-1", stock: 10 });
    await pastSales(test.db.prisma, theirs, 9, 28);

    const list = await call("GET", "/products", { key: apiKey });
    expect(list.status).toBe(200);
    const bySku = Object.fromEntries(list.json.data.map((p: any) => [p.sku, p]));
    // About 5 a day against 30 in stock: gone in ~6 days, inside the 14-day lead time, so order today.
    expect(bySku["FAST-1"].forecast).toMatchObject({ warning: true, restockBy: new Date().toISOString().slice(0, 10) });
    expect(bySku["FAST-1"].forecast.daysOfStockLeft).toBeGreaterThan(4);
    expect(bySku["FAST-1"].forecast.daysOfStockLeft).toBeLessThan(8);
    expect(bySku["FAST-1"].forecast.weeklyDemand).toBeGreaterThan(30);
    expect(bySku["SLOW-1"].forecast).toMatchObject({ warning: false });
    expect(bySku["SLOW-1"].forecast.daysOfStockLeft).toBeGreaterThan(40);
    expect(bySku["GONE-1"].forecast).toBeNull();
    // The same rule as GET /analytics/forecasts.
    const analytics = (await call("GET", "/analytics/forecasts", { key: apiKey })).json.data;
    expect(analytics.filter((f: any) => f.restockWarning).map((f: any) => f.sku)).toEqual(["FAST-1"]);

    const running = await call("GET", "/products?runningOut=true", { key: apiKey });
    expect(running.json.data.map((p: any) => p.sku)).toEqual(["FAST-1"]);
    // A longer lead time flags the slow seller too.
    const longer = await call("GET", "/products?runningOut=true&leadDays=90&status=active", { key: apiKey });
    expect(longer.json.data.map((p: any) => p.sku)).toEqual(["FAST-1", "SLOW-1"]);
    expect((await call("GET", "/products?leadDays=0", { key: apiKey })).status).toBe(400);
    expect((await call("GET", "/products?runningOut=maybe", { key: apiKey })).status).toBe(400);

    const theirList = await call("GET", "/products?runningOut=true", { key: other.apiKey });
    expect(theirList.json.data.map((p: any) => p.id)).toEqual([theirs.id]);
    expect(theirList.json.data[0].forecast.warning).toBe(true);
    expect(delisted.id).toBeTruthy();
  });
});
