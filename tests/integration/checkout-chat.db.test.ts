import { settingsOf } from "../../api/domain/merchants/settings.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxProvider } from "../../api/adapters/payments/sandbox.ts";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

const journeys = {
  "zh-CN": {
    lines: ["我想买一盒茉莉龙珠花茶", "浙江省杭州市西湖区文三路90号", "陈美", "13800138000"],
    placed: /下单成功！订单号 LL\d{6}.*¥76\.00.*30 分钟内/,
    shipping: "含运费 ¥8.00",
    paid: "已付款",
    paidButUnpaid: "我已经付款了怎么还是待付款",
    checkedPaid: /付款已到账/,
    checkedPending: /还没有到账/,
  },
  en: {
    lines: ["I'd like to buy one jasmine dragon pearl tea", "90 Wensan Road, Xihu District, Hangzhou", "Mei Chen", "13800138000"],
    placed: /Your order LL\d{6} is placed\. Total CN¥76\.00\. Please pay within 30 minutes/,
    shipping: "Shipping CN¥8.00 included",
    paid: "Paid, thank you",
    paidButUnpaid: "I paid but it still says unpaid",
    checkedPaid: /has arrived/,
    checkedPending: /has not arrived yet/,
  },
} as const;

describe.each(DATABASE_KINDS)("checkout in the chat on %s", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let services: ReturnType<typeof createTestClient>["services"];
  let app: ReturnType<typeof createTestClient>["app"];
  let client: ReturnType<typeof createTestClient>;
  let n = 0;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase(kind));
    client = createTestClient(test.db);
    ({ services, app } = client);
    // These chats order to one address under several emails within minutes, which risk scoring
    // rightly holds for review (tests/integration/risk.db.test.ts); checkout is what is tested here.
    const merchant = await test.db.prisma.merchant.findUniqueOrThrow({ where: { widgetKey: creds.merchants[0]!.widgetKey } });
    await services.merchants.updateSettings(merchant.id, { risk: { ...settingsOf(merchant.settings).risk, enabled: false } });
  });
  afterAll(async () => test?.drop());

  const call = (method: string, url: string, token?: string, body?: unknown) => client.call(method, url, { key: token, body });
  const send = async (token: string, text: string, extra: Record<string, unknown> = {}) => (await call("POST", "/widget/messages", token, { clientMessageId: `m-${++n}`, text, ...extra })).json.messages.slice(1);
  const blocksOf = (messages: { blocks?: { type: string }[] }[], type: string) => messages.flatMap((m) => m.blocks ?? []).filter((b) => b.type === type) as any[];

  async function orderInChat(locale: "zh-CN" | "en", email: string) {
    const j = journeys[locale];
    const { sessionToken } = (await call("POST", "/widget/sessions", undefined, { widgetKey: creds.merchants[0]!.widgetKey, locale })).json;
    for (const line of j.lines) await send(sessionToken, line);
    const confirmation = await send(sessionToken, email);
    expect(confirmation.at(-1).text).toContain(j.shipping);
    const [confirm] = blocksOf(confirmation, "confirm");
    expect(confirm.total).toEqual({ amount: 7600, currency: "CNY" });
    expect(confirm.shipping).toEqual({ amount: 800, currency: "CNY" });
    const placed = await send(sessionToken, "OK", { action: { type: "confirm", token: confirm.token } });
    return { sessionToken, placed };
  }

  for (const locale of ["zh-CN", "en"] as const) {
    it(`ends a confirmed order with a pay block instead of a promised email, and says so in chat when the money lands (${locale})`, async () => {
      const j = journeys[locale];
      const { sessionToken, placed } = await orderInChat(locale, `chat-${locale}-${kind}@example.com`);
      expect(placed.at(-1).text).toMatch(j.placed);
      expect(placed.at(-1).text).not.toMatch(/email|邮件|邮箱/);
      const [pay] = blocksOf(placed, "pay");
      expect(pay).toMatchObject({ type: "pay", amount: { amount: 7600, currency: "CNY" }, status: "pending" });
      expect(pay.payUrl).toMatch(/\/pay\/pt_/);
      expect(pay.qr).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Date.parse(pay.expiresAt)).toBeGreaterThan(Date.now() + 29 * 60_000);
      const payment = await test.db.prisma.payment.findUniqueOrThrow({ where: { id: pay.paymentId } });

      const res = await app.request(`${new URL(pay.payUrl).pathname}/complete`, { method: "POST", body: new URLSearchParams({ outcome: "succeeded" }) });
      expect(res.status).toBe(303);
      const history = (await call("GET", "/widget/messages?after=0", sessionToken)).json.messages;
      const status = blocksOf(history, "payment_status");
      expect(status).toEqual([expect.objectContaining({ paymentId: payment.id, status: "succeeded", tone: "green" })]);
      expect(history.at(-1).text).toContain(j.paid);
    });

    it(`checks with the provider when the shopper says they paid but it still says unpaid, and answers truthfully (${locale})`, async () => {
      const j = journeys[locale];
      const { sessionToken, placed } = await orderInChat(locale, `unpaid-${locale}-${kind}@example.com`);
      const [pay] = blocksOf(placed, "pay");
      // Nothing paid yet: the bot says so and offers the pay block again.
      const notYet = await send(sessionToken, j.paidButUnpaid);
      expect(notYet.at(-1).text).toMatch(j.checkedPending);
      expect(blocksOf(notYet, "pay")[0].paymentId).toBe(pay.paymentId);
      // The money arrived at the provider but its notification was lost: the check finds it.
      const payment = await test.db.prisma.payment.findUniqueOrThrow({ where: { id: pay.paymentId } });
      const sandbox = services.payments.providers.sandbox as SandboxProvider;
      sandbox.record(services.payments.sandboxSecret(payment.merchantId), payment, "succeeded");
      const paid = await send(sessionToken, j.paidButUnpaid);
      expect(paid.map((m: { text: string }) => m.text).join(" ")).toMatch(j.checkedPaid);
      const order = await test.db.prisma.order.findUniqueOrThrow({ where: { id: payment.orderId }, include: { history: true } });
      expect(order.status).toBe("paid");
      expect(order.history.at(-1)).toMatchObject({ status: "paid", actor: "payment:sandbox:query" });
    });
  }

  it("sends a refund asked for in chat to the merchant, who approves it through the provider", async () => {
    const { sessionToken, placed } = await orderInChat("en", `refund-${kind}@example.com`);
    const [pay] = blocksOf(placed, "pay");
    await app.request(`${new URL(pay.payUrl).pathname}/complete`, { method: "POST", body: new URLSearchParams({ outcome: "succeeded" }) });
    const payment = await test.db.prisma.payment.findUniqueOrThrow({ where: { id: pay.paymentId } });
    const apiKey = creds.merchants[0]!.apiKey;
    await call("POST", `/orders/${payment.orderId}/status`, apiKey, { status: "refund_requested", note: "asked in chat" });
    expect((await call("GET", `/orders/${payment.orderId}/refunds`, apiKey)).json.data).toEqual([]);
    const approved = await call("POST", `/orders/${payment.orderId}/refunds`, apiKey, { reason: "approved" });
    expect(approved.status).toBe(201);
    expect((await call("GET", `/orders/${payment.orderId}`, apiKey)).json.status).toBe("refunded");
    const history = (await call("GET", "/widget/messages?after=0", sessionToken)).json.messages;
    expect(blocksOf(history, "payment_status").map((b) => b.status)).toEqual(["succeeded", "refunded"]);
  });
});
