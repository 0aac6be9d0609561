import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct, orderBody } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";

const hour = 3_600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe.each(DATABASE_KINDS)("coupons and red packets on %s", (kind) => {
  let test: TestDatabase;
  let client: ReturnType<typeof createTestClient>;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  const order = (apiKey: string, key: string, body: object) => client.call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": key }, body });

  it("discounts exactly 10 of 30 concurrent orders for a coupon of 10; the other 20 are 409 coupons:exhausted", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { stock: 100, priceAmount: 5000 });
    const coupon = await client.call("POST", "/coupons", { key: apiKey, body: { code: "ten-off", type: "fixed", value: 1000, totalQuantity: 10 } });
    expect(coupon.status).toBe(201);
    expect(coupon.json.code).toBe("TEN-OFF");

    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => order(apiKey, `c-${i}`, { ...orderBody(product.id, 1, `buyer${i}@example.com`), couponCode: "ten-off" })));

    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(10);
    expect(refused).toHaveLength(20);
    for (const r of refused) expect(r.json.error.code).toBe("coupons:exhausted");
    for (const r of created) {
      expect(r.json.discount.amount).toBe(1000);
      expect(r.json.total.amount).toBe(5000 - 1000);
      expect(r.json.couponCode).toBe("TEN-OFF");
    }
    expect((await client.call("GET", `/coupons/${coupon.json.id}`, { key: apiKey })).json.used).toBe(10);
    expect(await test.db.prisma.couponRedemption.count({ where: { couponId: coupon.json.id } })).toBe(10);
    // The refused orders changed nothing: no order, no stock taken.
    expect(await test.db.prisma.order.count({ where: { merchantId: merchant.id } })).toBe(10);
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(90);
  });

  it("keeps one customer to the per-customer limit under concurrency, and gives a use back when an unpaid order is cancelled", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { priceAmount: 10000 });
    await client.call("POST", "/coupons", { key: apiKey, body: { code: "TWICE", type: "percent", value: 15, perCustomerLimit: 2 } });
    await order(apiKey, "warm", orderBody(product.id, 1, "same@example.com")); // the customer exists before the race
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => order(apiKey, `p-${i}`, { ...orderBody(product.id, 1, "same@example.com"), couponCode: "twice" })));
    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(2);
    for (const r of responses.filter((x) => x.status !== 201)) expect(r.json.error.code).toBe("coupons:limit_reached");
    expect(created[0]!.json.discount.amount).toBe(1500);

    const cancelled = await client.call("POST", `/orders/${created[0]!.json.id}/cancel`, { key: apiKey, body: {} });
    expect(cancelled.status).toBe(200);
    const again = await order(apiKey, "p-after-cancel", { ...orderBody(product.id, 1, "same@example.com"), couponCode: "TWICE" });
    expect(again.status).toBe(201);
    expect(again.json.discount.amount).toBe(1500);
    const third = await order(apiKey, "p-third", { ...orderBody(product.id, 1, "same@example.com"), couponCode: "TWICE" });
    expect(third.status).toBe(409);
    expect(third.json.error.code).toBe("coupons:limit_reached");
  });

  it("refuses unknown, foreign, expired, too-small and out-of-scope codes with the contract's errors and changes nothing", async () => {
    const a = await createMerchant(test.db.prisma);
    const b = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, a.merchant.id, { stock: 10, priceAmount: 3000 });
    const other = await createProduct(test.db.prisma, a.merchant.id, { stock: 10, priceAmount: 3000 });
    await client.call("POST", "/coupons", { key: b.apiKey, body: { code: "THEIRS", type: "fixed", value: 100 } });
    await client.call("POST", "/coupons", { key: a.apiKey, body: { code: "OLD", type: "fixed", value: 100, startsAt: iso(-48 * hour), endsAt: iso(-hour) } });
    await client.call("POST", "/coupons", { key: a.apiKey, body: { code: "BIG", type: "fixed", value: 500, minSpend: 10000 } });
    await client.call("POST", "/coupons", { key: a.apiKey, body: { code: "ONLYOTHER", type: "percent", value: 10, productIds: [other.id] } });

    const tries = { NOPE: [404, "coupons:not_found"], THEIRS: [404, "coupons:not_found"], OLD: [422, "expired"], BIG: [422, "min_spend"], ONLYOTHER: [422, "scope"] } as const;
    for (const [code, [status, what]] of Object.entries(tries)) {
      const r = await order(a.apiKey, `bad-${code}`, { ...orderBody(product.id), couponCode: code });
      expect(r.status, code).toBe(status);
      if (status === 422) {
        expect(r.json.error.code).toBe("coupons:not_applicable");
        expect(r.json.error.details.reason).toBe(what);
      } else expect(r.json.error.code).toBe(what);
    }
    expect(await test.db.prisma.order.count({ where: { merchantId: a.merchant.id } })).toBe(0);
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(10);
    // The scoped coupon takes its percent off the products it covers only.
    const scoped = await order(a.apiKey, "scoped", { ...orderBody(product.id), items: [{ productId: product.id, quantity: 1 }, { productId: other.id, quantity: 1 }], couponCode: "onlyother" });
    expect(scoped.status).toBe(201);
    expect(scoped.json.discount.amount).toBe(300);

    const theirs = (await client.call("GET", "/coupons", { key: b.apiKey })).json.data[0];
    expect((await client.call("GET", `/coupons/${theirs.id}`, { key: a.apiKey })).status).toBe(404);
    expect((await client.call("PATCH", `/coupons/${theirs.id}`, { key: a.apiKey, body: { active: false } })).status).toBe(404);
  });

  it("rejects absurd coupons with 400", async () => {
    const { apiKey } = await createMerchant(test.db.prisma);
    const bad = [
      { code: "P101", type: "percent", value: 101 },
      { code: "P0", type: "percent", value: 0 },
      { code: "F0", type: "fixed", value: 0 },
      { code: "FNEG", type: "fixed", value: -5 },
      { code: "FBIG", type: "fixed", value: 5000, minSpend: 1000 },
      { code: "X", type: "fixed", value: 10 },
      { code: "DATES", type: "fixed", value: 10, startsAt: iso(hour), endsAt: iso(-hour) },
      { code: "FRAC", type: "fixed", value: 10.5 },
    ];
    for (const body of bad) {
      const r = await client.call("POST", "/coupons", { key: apiKey, body });
      expect(r.status, body.code).toBe(400);
    }
    const ok = await client.call("POST", "/coupons", { key: apiKey, body: { code: "OK10", type: "percent", value: 10 } });
    expect((await client.call("PATCH", `/coupons/${ok.json.id}`, { key: apiKey, body: { value: 150 } })).status).toBe(400);
    expect((await client.call("POST", "/coupons", { key: apiKey, body: { code: "ok10", type: "percent", value: 5 } })).status).toBe(409);
  });

  it("gives exactly 50 packets to 200 shoppers claiming at once, one each; a second claim returns the first packet", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const campaign = await client.call("POST", "/campaigns", { key: apiKey, body: { type: "red_packet", startsAt: iso(-60_000), endsAt: iso(hour), packets: 50, value: { min: 100, max: 800 }, minSpend: 2000 } });
    expect(campaign.status).toBe(201);
    const sessions = [];
    for (let i = 0; i < 200; i++) sessions.push((await client.services.conversations.createSession({ widgetKey: merchant.widgetKey })).sessionToken);

    const claims = await Promise.all(sessions.map((token) => client.call("POST", `/widget/campaigns/${campaign.json.id}/claim`, { key: token })));
    const won = claims.filter((r) => r.status === 200);
    const lost = claims.filter((r) => r.status !== 200);
    expect(won).toHaveLength(50);
    for (const r of lost) {
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe("campaigns:sold_out");
    }
    for (const r of won) {
      expect(r.json.amount.amount).toBeGreaterThanOrEqual(100);
      expect(r.json.amount.amount).toBeLessThanOrEqual(800);
      expect(r.json.repeated).toBe(false);
    }
    expect(new Set(won.map((r) => r.json.coupon.code)).size).toBe(50);
    expect(await test.db.prisma.campaignClaim.count({ where: { campaignId: campaign.json.id } })).toBe(50);
    expect((await client.call("GET", `/campaigns/${campaign.json.id}`, { key: apiKey })).json).toMatchObject({ claimed: 50, status: "ended" });

    // A winner claiming again, many times at once, keeps their one packet.
    const winner = sessions[claims.indexOf(won[0]!)]!;
    const again = await Promise.all(Array.from({ length: 5 }, () => client.call("POST", `/widget/campaigns/${campaign.json.id}/claim`, { key: winner })));
    for (const r of again) expect(r.json).toMatchObject({ repeated: true, coupon: { code: won[0]!.json.coupon.code } });
    expect(await test.db.prisma.campaignClaim.count({ where: { campaignId: campaign.json.id } })).toBe(50);
  });

  it("lets one shopper firing claims in parallel win one packet only", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const campaign = await client.call("POST", "/campaigns", { key: apiKey, body: { type: "red_packet", startsAt: iso(-60_000), endsAt: iso(hour), packets: 10, value: 300 } });
    const { sessionToken } = await client.services.conversations.createSession({ widgetKey: merchant.widgetKey });
    const claims = await Promise.all(Array.from({ length: 10 }, () => client.call("POST", `/widget/campaigns/${campaign.json.id}/claim`, { key: sessionToken })));
    for (const r of claims) expect(r.status).toBe(200);
    expect(new Set(claims.map((r) => r.json.coupon.code)).size).toBe(1);
    expect((await test.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.json.id } })).claimed).toBe(1);
  });

  it("makes a red packet a coupon its owner can use, once, and refuses claims outside the campaign's time", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { priceAmount: 3000 });
    const later = await client.call("POST", "/campaigns", { key: apiKey, body: { type: "red_packet", startsAt: iso(hour), endsAt: iso(2 * hour), packets: 5, value: 300 } });
    const { sessionToken } = await client.services.conversations.createSession({ widgetKey: merchant.widgetKey });
    const early = await client.call("POST", `/widget/campaigns/${later.json.id}/claim`, { key: sessionToken });
    expect(early.status).toBe(422);
    expect(early.json.error.code).toBe("campaigns:not_running");
    const other = await createMerchant(test.db.prisma);
    const foreign = await client.call("POST", `/widget/campaigns/${later.json.id}/claim`, { key: (await client.services.conversations.createSession({ widgetKey: other.merchant.widgetKey })).sessionToken });
    expect(foreign.status).toBe(404);

    const now = await client.call("POST", "/campaigns", { key: apiKey, body: { type: "red_packet", startsAt: iso(-60_000), endsAt: iso(hour), packets: 5, value: 300 } });
    const packet = await client.call("POST", `/widget/campaigns/${now.json.id}/claim`, { key: sessionToken });
    const first = await order(apiKey, "rp-1", { ...orderBody(product.id), couponCode: packet.json.coupon.code });
    expect(first.status).toBe(201);
    expect(first.json.discount.amount).toBe(300);
    const second = await order(apiKey, "rp-2", { ...orderBody(product.id, 1, "else@example.com"), couponCode: packet.json.coupon.code });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("coupons:exhausted");
    expect((await client.call("GET", "/campaigns?status=running", { key: apiKey })).json.data.map((c: { id: string }) => c.id)).toEqual([now.json.id]);
  });

  it("attributes orders to referral partners and reports orders, revenue and conversion (JSON and CSV)", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { priceAmount: 2000 });
    expect((await client.call("POST", "/referrals", { key: apiKey, body: { code: "kol-amy", partner: "Amy (KOL)" } })).status).toBe(201);
    await client.call("POST", "/referrals", { key: apiKey, body: { code: "BRAND", partner: "Tea brand" } });
    expect((await client.call("POST", "/referrals", { key: apiKey, body: { code: "KOL-AMY", partner: "dup" } })).status).toBe(409);
    await client.services.conversations.createSession({ widgetKey: merchant.widgetKey, ref: "kol-amy" });
    await client.services.conversations.createSession({ widgetKey: merchant.widgetKey, ref: "KOL-AMY" });
    await client.services.conversations.createSession({ widgetKey: merchant.widgetKey, ref: "unknown" });
    for (let i = 0; i < 3; i++) expect((await order(apiKey, `ref-${i}`, { ...orderBody(product.id, 1, `r${i}@example.com`), referralCode: "kol-amy" })).status).toBe(201);
    await order(apiKey, "noref", orderBody(product.id));
    const bad = await order(apiKey, "badref", { ...orderBody(product.id), referralCode: "NOBODY" });
    expect(bad.status).toBe(422);

    const report = await client.call("GET", "/referrals/report", { key: apiKey });
    const amy = report.json.data.find((l: { code: string }) => l.code === "KOL-AMY");
    expect(amy).toMatchObject({ partner: "Amy (KOL)", sessions: 2, orders: 3, paidOrders: 0, conversion: 1.5 });
    expect(report.json.data.find((l: { code: string }) => l.code === "BRAND")).toMatchObject({ orders: 0, conversion: null });
    const sales = await client.call("GET", "/analytics/sales", { key: apiKey });
    expect(sales.json.byReferral.find((l: { code: string }) => l.code === "KOL-AMY").orders).toBe(3);
    const csv = await client.app.request("/api/v1/referrals/report?format=csv", { headers: { authorization: `Bearer ${apiKey}` } });
    const text = await csv.text();
    expect(text.split("\n")[0]).toContain("partner");
    expect(text).toContain("KOL-AMY");
  });
});
