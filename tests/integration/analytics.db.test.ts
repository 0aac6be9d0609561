import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import type { TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

/**
 * A fixture of five conversations driven through the real bot, with numbers worked out by
 * hand:
 *   A en  "what payment methods…"      answered            thumbs up "fast and clear", CSAT 5 "great help"
 *   B en  "I want to talk to a human"   handoff: requested  CSAT 2 "slow reply, slow answer"
 *   C zh  "退货政策是什么"                answered            thumbs down "没回答我的问题"
 *   D en  physical store in Paris ×2    two fallbacks → handoff: fallback (a knowledge gap of 2)
 *   E en  opened, never wrote
 * → conversations 4 (E never wrote), contained 2 (A, C), escalated 2 (B, D): containment 0.5,
 *   escalation 0.5; CSAT avg 3.5 over 2 (one 2, one 5); thumbs 1 up, 1 down;
 *   en: 3 conversations, 1 contained (0.3333); zh-CN: 1, contained 1 (1).
 */
describe("feedback and sales analytics", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let call: ReturnType<typeof createTestClient>["call"];
  let shopKey: string;
  let n = 0;

  const session = async (locale: string) => (await call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey, locale } })).json.sessionToken as string;
  const say = async (token: string, text: string) => (await call("POST", "/widget/messages", { key: token, body: { clientMessageId: `m${++n}`, text } })).json.messages;
  const rate = (token: string, body: unknown) => call("POST", "/widget/feedback", { key: token, body });

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("pglite"));
    call = createTestClient(test.db).call;
    shopKey = creds.merchants[0]!.apiKey;
    // The seed's demo orders and conversations are not part of this fixture's period.
    await test.db.prisma.conversation.deleteMany({});

    const a = await session("en");
    const answerA = (await say(a, "what payment methods do you accept?"))[1];
    await rate(a, { messageId: answerA.id, thumbs: "up", comment: "fast and clear" });
    await rate(a, { csat: 5, comment: "great help" });

    const b = await session("en");
    await say(b, "I want to talk to a human");
    await rate(b, { csat: 2, comment: "slow reply, slow answer", tags: ["slow_reply", "no_answer"] });

    const c = await session("zh-CN");
    const answerC = (await say(c, "退货政策是什么"))[1];
    await rate(c, { messageId: answerC.id, thumbs: "down", reason: "没回答我的问题" });

    const d = await session("en");
    await say(d, "is there a physical store in Paris?");
    await say(d, "do you have a physical store in paris");

    await session("en");
  });
  afterAll(async () => test?.drop());

  it("computes every feedback metric as worked out by hand", async () => {
    const res = await call("GET", "/analytics/feedback", { key: shopKey });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r.conversations).toBe(4);
    expect(r.containmentRate).toBe(0.5);
    expect(r.escalationRate).toBe(0.5);
    expect(r.escalationReasons).toEqual({ requested: 1, fallback: 1 });
    expect(r.complaintTags).toEqual([{ tag: "no_answer", count: 1 }, { tag: "slow_reply", count: 1 }]);
    expect(r.csat).toEqual({ average: 3.5, count: 2, distribution: { "1": 0, "2": 1, "3": 0, "4": 0, "5": 1 } });
    expect(r.thumbs).toMatchObject({ up: 1, down: 1, byIntent: { check_payment_methods: { up: 1, down: 0 }, check_refund_policy: { up: 0, down: 1 } } });
    expect(r.byLocale.en).toMatchObject({ conversations: 3, containmentRate: 0.3333, escalationRate: 0.6667, csat: { average: 3.5, count: 2 } });
    expect(r.byLocale["zh-CN"]).toMatchObject({ conversations: 1, containmentRate: 1, escalationRate: 0 });
    expect(r.topIntents).toEqual(
      expect.arrayContaining([
        { intent: "out_of_scope", label: { en: "Out of scope", "zh-CN": "超出范围" }, count: 1 }, // twice in one conversation: once
        expect.objectContaining({ intent: "check_payment_methods", count: 1 }),
        expect.objectContaining({ intent: "contact_human_agent", count: 1 }),
      ]),
    );
    expect(r.knowledgeGaps[0]).toMatchObject({ question: "is there a physical store in Paris?", count: 2, locale: "en" });
    expect(r.summary.locale).toBe("zh-CN");
    expect(r.summary.text).toContain("满意度 3.5/5（2 份评分）");
    expect(r.summary.text).not.toContain("is there a physical store in Paris?"); // a Chinese summary quotes Chinese questions only
  });

  it("exports CSV with formulas neutralised, and keeps other merchants out", async () => {
    const token = await session("en");
    await say(token, "hello");
    await rate(token, { csat: 4, comment: "=HYPERLINK(\"http://evil\")" });
    const res = await createTestClient(test.db).app.request("/api/v1/analytics/feedback?format=csv", { headers: { authorization: `Bearer ${shopKey}` } });
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = await res.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.split("\r\n")[0]).toBe("createdAt,conversationId,messageId,intent,locale,thumbs,csat,reason,comment");

    const other = await call("GET", "/analytics/feedback", { key: creds.merchants[1]!.apiKey });
    expect(other.json).toMatchObject({ conversations: 0, csat: { count: 0 } });
  });

  it("reports sales: orders, revenue, bot vs API, top products, trend", async () => {
    const res = await call("GET", "/analytics/sales", { key: shopKey });
    const orders = await test.db.prisma.order.findMany({ where: { merchant: { name: creds.merchants[0]!.name } } });
    const counted = orders.filter((o) => o.status !== "cancelled");
    expect(res.json.orders).toBe(counted.length);
    // Revenue counts paid orders only (not those awaiting payment, cancelled, refunded or with a refund requested).
    const paid = counted.filter((o) => ["paid", "processing", "shipped", "delivered", "completed"].includes(o.status));
    expect(paid.length).toBeLessThan(counted.length);
    expect(res.json.revenue).toEqual({ amount: paid.reduce((s, o) => s + o.totalAmount, 0), currency: "CNY" });
    expect(res.json.byChannel.bot.orders + res.json.byChannel.api.orders).toBe(counted.length);
    expect(res.json.trend.reduce((s: number, t: { orders: number }) => s + t.orders, 0)).toBe(counted.length);
    expect(res.json.topProducts[0].revenue.amount).toBeGreaterThanOrEqual(res.json.topProducts.at(-1).revenue.amount);
  });

  it("gives the same numbers from the daily roll-ups as counted live, across days and time zones", async () => {
    // Spread the fixture over the last five days, then report on them from roll-ups and live.
    const day = 86_400_000;
    const shop = await test.db.prisma.merchant.findFirstOrThrow({ where: { name: creds.merchants[0]!.name } });
    const conversations = await test.db.prisma.conversation.findMany({ where: { merchantId: shop.id }, orderBy: { createdAt: "asc" } });
    for (const [i, c] of conversations.entries()) {
      const at = new Date(Date.now() - (i + 1) * day);
      await test.db.prisma.conversation.update({ where: { id: c.id }, data: { createdAt: at } });
      await test.db.prisma.message.updateMany({ where: { conversationId: c.id }, data: { createdAt: at } });
      await test.db.prisma.feedback.updateMany({ where: { conversationId: c.id }, data: { createdAt: at } });
    }
    const { services } = await import("../support/services.ts").then((m) => m.servicesFor(test.db));
    const period = { from: new Date(Date.now() - 10 * day), to: new Date() };
    const live = await services.analytics.feedback(shop.id, period, "en", { rollups: false });
    // Reports before the backdating already rolled those days up (empty): the full run redoes them.
    const job = await services.rollups.run(new Date(), { all: true });
    expect(job.days).toBeGreaterThanOrEqual(5);
    const prepared = await services.analytics.feedback(shop.id, period, "en");
    expect(prepared.fromRollups).toBeGreaterThanOrEqual(5);
    const { fromRollups: _a, ...preparedNumbers } = prepared;
    const { fromRollups: _b, ...liveNumbers } = live;
    expect(preparedNumbers).toEqual(liveNumbers);
    const wrote = await test.db.prisma.conversation.count({ where: { merchantId: shop.id, messages: { some: { role: "shopper" } } } });
    expect(wrote).toBeLessThan(conversations.length);
    expect(live.conversations).toBe(wrote);
    expect(await test.db.prisma.dailyRollup.count({ where: { merchantId: shop.id } })).toBeGreaterThanOrEqual(5);
  });

  it("refuses bad periods and plain agents", async () => {
    expect((await call("GET", "/analytics/feedback?from=2026-13-01", { key: shopKey })).status).toBe(400);
    expect((await call("GET", "/analytics/sales?from=2026-11-20&to=2026-11-01", { key: shopKey })).status).toBe(400);
    const agentToken = (await call("POST", "/auth/login", { body: { email: "tom@lumenlane.example", password: "demo-tom-2026" } })).json.token;
    expect((await call("GET", "/analytics/feedback", { key: agentToken })).status).toBe(403);
    const supervisor = (await call("POST", "/auth/login", { body: { email: "lina@lumenlane.example", password: "demo-lina-2026" } })).json.token;
    expect((await call("GET", "/analytics/feedback", { key: supervisor })).status).toBe(200);
  });
});
