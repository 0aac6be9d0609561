import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct, orderBody } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";

describe.each(DATABASE_KINDS)("VIP tier on %s", (kind) => {
  let test: TestDatabase;
  let client: ReturnType<typeof createTestClient>;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  it("makes a customer VIP from paid spend, shows it with their account manager, and applies the standing offer to their orders", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const other = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { priceAmount: 6000 });
    const manager = await test.db.prisma.agent.create({ data: { merchantId: merchant.id, email: `am-${merchant.id}@example.com`, name: "Lin", passwordHash: "x" } });
    const saved = await client.call("PATCH", "/settings", { key: apiKey, body: { vip: { spendOver: { amount: 10000, currency: "CNY" }, offerPercent: 5, accountManagerId: manager.id } } });
    expect(saved.status).toBe(200);
    const order = (key: string, email: string) => client.call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": key }, body: orderBody(product.id, 1, email) });

    const first = await order("v1", "vip@example.com");
    expect(first.json.discount.amount).toBe(0);
    const before = (await client.call("GET", "/customers?email=VIP@example.com", { key: apiKey })).json.data[0];
    expect(before).toMatchObject({ tier: "regular", lifetimeSpend: { amount: 0 }, accountManager: null });
    // Unpaid orders do not count; paid ones do (marked paid here as a provider notification would).
    await order("v2", "vip@example.com");
    await test.db.prisma.order.updateMany({ where: { merchantId: merchant.id }, data: { status: "paid" } });
    const after = (await client.call("GET", `/customers/${before.id}`, { key: apiKey })).json;
    expect(after).toMatchObject({ tier: "vip", lifetimeSpend: { amount: first.json.total.amount * 2 }, accountManager: { id: manager.id, name: "Lin" } });

    const third = await order("v3", "vip@example.com");
    expect(third.json.discount.amount).toBe(300);
    const regular = await order("r1", "someone@example.com");
    expect(regular.json.discount.amount).toBe(0);

    expect((await client.call("GET", `/customers/${before.id}`, { key: other.apiKey })).status).toBe(404);
    expect((await client.call("GET", "/customers", { key: apiKey })).status).toBe(400);
  });

  it("gives one VIP their own account manager, and back to the segment's with null; other shops' agents and customers are refused", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const other = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { priceAmount: 20000 });
    const agent = (merchantId: string, name: string) => test.db.prisma.agent.create({ data: { merchantId, email: `${name}-${merchantId}@example.com`, name, passwordHash: "x" } });
    const [segment, own, foreign] = [await agent(merchant.id, "Seg"), await agent(merchant.id, "Own"), await agent(other.merchant.id, "Far")];
    await client.call("PATCH", "/settings", { key: apiKey, body: { vip: { spendOver: { amount: 10000, currency: "CNY" }, accountManagerId: segment.id } } });
    await client.call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": "am-1" }, body: orderBody(product.id, 1, "big@example.com") });
    await test.db.prisma.order.updateMany({ where: { merchantId: merchant.id }, data: { status: "paid" } });
    const customer = (await client.call("GET", "/customers?email=big@example.com", { key: apiKey })).json.data[0];
    expect(customer.accountManager).toEqual({ id: segment.id, name: "Seg" });

    const assign = (agentId: string | null, key = apiKey, id = customer.id) => client.call("PUT", `/customers/${id}/account-manager`, { key, body: { agentId } });
    const assigned = await assign(own.id);
    expect(assigned.status).toBe(200);
    expect(assigned.json).toMatchObject({ tier: "vip", accountManager: { id: own.id, name: "Own" } });
    expect((await client.call("GET", `/customers/${customer.id}`, { key: apiKey })).json.accountManager.id).toBe(own.id);

    expect((await assign(foreign.id)).json.error.code).toBe("customers:unknown_agent");
    expect((await assign(own.id, other.apiKey)).status).toBe(404);
    expect((await assign("not-a-uuid")).status).toBe(400);
    expect((await client.call("GET", `/customers/${customer.id}`, { key: apiKey })).json.accountManager.id).toBe(own.id);

    expect((await assign(null)).json.accountManager).toEqual({ id: segment.id, name: "Seg" });
    const audit = (await client.call("GET", "/audit-log", { key: apiKey })).json.data as { action: string; target: string }[];
    expect(audit.filter((e) => e.action.startsWith("customers.account-manager")).map((e) => e.target)).toEqual([`customer:${customer.id}`, `customer:${customer.id}`]);
  });
});
