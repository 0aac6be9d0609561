import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import { createServices } from "../../api/services.ts";
import { seedDemo, type DemoCredentials } from "../../prisma/seed/seed.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createProduct, orderBody } from "../support/fixtures.ts";
import { TEST_SECRET } from "../support/http.ts";
import { silentLogger } from "../support/logger.ts";
import { testNlu } from "../support/nlu.ts";

/**
 * A VIP by paid spend, signed in through the identity HMAC, is greeted by name with their
 * benefits, hears their standing offer when they ask about coupons or promotions (and not
 * otherwise), and goes first in the queue; a regular shopper hears none of it.
 */
describe.each(DATABASE_KINDS)("the bot and a VIP shopper on %s", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let app: ReturnType<typeof createApp>;
  let merchantId: string;
  let n = 0;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    creds = (await seedDemo(test.db.prisma, mkdtempSync(path.join(tmpdir(), "seed-")), silentLogger))!;
    const services = createServices(test.db, silentLogger, { appSecret: TEST_SECRET, nlu: testNlu() });
    app = createApp({ db: test.db, log: silentLogger, services });
    const shop = creds.merchants[0]!;
    merchantId = (await test.db.prisma.merchant.findFirstOrThrow({ where: { name: shop.name } })).id;
    expect((await call("PATCH", "/settings", shop.apiKey, { vip: { spendOver: { amount: 50000, currency: "CNY" }, offerPercent: 8 } })).status).toBe(200);
    const product = await createProduct(test.db.prisma, merchantId, { priceAmount: 30000 });
    // Two paid orders each for the VIPs (60000 > 50000); one for the regular shopper (30000), and an unpaid one that does not count.
    const orders: [string, number, string][] = [["vip-en@example.com", 2, "paid"], ["vip-zh@example.com", 2, "delivered"], ["regular@example.com", 1, "paid"], ["regular@example.com", 1, "pending_payment"]];
    for (const [i, [email, count, status]] of orders.entries()) {
      for (let k = 0; k < count; k++) {
        const placed = await call("POST", "/orders", shop.apiKey, orderBody(product.id, 1, email), { "idempotency-key": `vip-chat-${i}-${k}` });
        expect(placed.status).toBe(201);
        await test.db.prisma.order.update({ where: { id: placed.json.id }, data: { status: status as "paid" } });
      }
    }
    const named = [["vip-en@example.com", "shop-vip-en", "Mei Chen"], ["vip-zh@example.com", "shop-vip-zh", "陈美"], ["regular@example.com", "shop-regular", "Sam Lee"]];
    for (const [email, externalId, name] of named) await test.db.prisma.customer.update({ where: { merchantId_email: { merchantId, email: email! } }, data: { externalId, name } });
  }, 300_000);
  afterAll(async () => test?.drop());

  async function call(method: string, url: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await app.request(`/api/v1${url}`, { method, headers: { "content-type": "application/json", ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  }
  const signedIn = async (externalId: string, locale: "en" | "zh-CN") => {
    const shop = creds.merchants[0]!;
    const hmac = createHmac("sha256", shop.identitySecret).update(externalId).digest("hex");
    const session = await call("POST", "/widget/sessions", undefined, { widgetKey: shop.widgetKey, locale, identity: { customerId: externalId, hmac } });
    expect(session.status).toBe(201);
    expect(session.json.identified).toBe(true);
    const greeting = (await call("GET", "/widget/messages?after=0", session.json.sessionToken)).json.messages[0].text as string;
    return { token: session.json.sessionToken as string, conversationId: session.json.conversationId as string, greeting };
  };
  const ask = async (token: string, text: string) => ((await call("POST", "/widget/messages", token, { clientMessageId: `v-${++n}`, text })).json.messages.slice(1) as { text: string }[]).map((m) => m.text).join("\n");

  it("greets an English-speaking VIP by name with their offer, reminds them of it when they ask about coupons, and puts them first in the queue", async () => {
    const vip = await signedIn("shop-vip-en", "en");
    expect(vip.greeting).toContain("Welcome back, Mei Chen!");
    expect(vip.greeting).toContain("VIP you enjoy 8% off every order");

    const coupons = await ask(vip.token, "Do you have any coupons?");
    expect(coupons).toContain("8% off every order: it comes off by itself when you order, no code needed");
    const unrelated = await ask(vip.token, "How long does shipping take?");
    expect(unrelated).not.toContain("VIP");

    await ask(vip.token, "I want to talk to a human");
    const queued = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: vip.conversationId } });
    expect(queued).toMatchObject({ status: "queued", priority: 1 });
  });

  it("does the same in Chinese, for coupons and for the shop's promotions", async () => {
    const vip = await signedIn("shop-vip-zh", "zh-CN");
    expect(vip.greeting).toContain("陈美，欢迎回来！");
    expect(vip.greeting).toContain("VIP 会员，您享有每单 8% 优惠");
    expect(await ask(vip.token, "有优惠券吗")).toContain("您每单还享有 8% 优惠，下单时自动抵扣");
    expect(await ask(vip.token, "最近有什么优惠活动吗")).toContain("您每单还享有 8% 优惠");
    expect(await ask(vip.token, "你们支持哪些支付方式")).not.toContain("VIP");
  });

  it("greets a regular signed-in shopper by name without VIP words, and their coupon answer has no VIP offer", async () => {
    for (const locale of ["en", "zh-CN"] as const) {
      await test.db.prisma.conversation.updateMany({ where: { merchantId, customer: { externalId: "shop-regular" } }, data: { status: "resolved" } });
      const regular = await signedIn("shop-regular", locale);
      expect(regular.greeting).toContain("Sam Lee");
      expect(regular.greeting).not.toContain("VIP");
      expect(await ask(regular.token, locale === "en" ? "Do you have any coupons?" : "有优惠券吗")).not.toContain("VIP");
      await ask(regular.token, locale === "en" ? "I want to talk to a human" : "我要人工客服");
      expect((await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: regular.conversationId } })).priority).toBe(0);
    }
  });

  it("drops the benefits once refunds take the spend under the threshold", async () => {
    const customer = await test.db.prisma.customer.findFirstOrThrow({ where: { merchantId, externalId: "shop-vip-en" } });
    const order = await test.db.prisma.order.findFirstOrThrow({ where: { merchantId, customerId: customer.id }, include: { payments: true } });
    const payment = order.payments[0] ?? (await test.db.prisma.payment.create({ data: { merchantId, orderId: order.id, provider: "mock", status: "succeeded", amount: order.totalAmount, currency: "CNY", token: `vip-refund-${kind}`, payUrl: "https://pay.example/x", expiresAt: new Date() } }));
    await test.db.prisma.refund.create({ data: { merchantId, orderId: order.id, paymentId: payment.id, amount: order.totalAmount, currency: "CNY", reason: "test", status: "succeeded", actor: "test" } });
    await test.db.prisma.conversation.updateMany({ where: { merchantId, customerId: customer.id }, data: { status: "resolved" } });
    const after = await signedIn("shop-vip-en", "en");
    expect(after.greeting).toContain("Mei Chen");
    expect(after.greeting).not.toContain("VIP");
    expect(await ask(after.token, "Do you have any coupons?")).not.toContain("VIP");
  });
});
