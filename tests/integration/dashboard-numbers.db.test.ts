import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

/**
 * The dashboard's numbers mean what they say:
 *   conversations  = conversations with at least one shopper message (a greeting alone is not one)
 *   top intents    = counted once per conversation, with readable names in both languages
 *   knowledge gaps = unanswered questions, without answers to the bot's order forms, per
 *                    language, marked answered once a published article covers them
 *   revenue        = paid orders (paid … completed), less succeeded refunds; nothing for
 *                    orders awaiting payment, cancelled, refunded or with a refund requested
 */
describe.each(DATABASE_KINDS)("dashboard numbers on %s", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let call: ReturnType<typeof createTestClient>["call"];
  let shopKey: string;
  let shopId: string;
  let n = 0;
  let paris = "";
  const session = async (locale: string) => (await call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey, locale } })).json as { sessionToken: string; conversationId: string };
  const say = async (token: string, text: string) => (await call("POST", "/widget/messages", { key: token, body: { clientMessageId: `m${++n}`, text } })).json.messages;
  const feedback = async (locale?: string) => (await call("GET", `/analytics/feedback${locale ? `?locale=${locale}` : ""}`, { key: shopKey })).json;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase(kind));
    call = createTestClient(test.db).call;
    shopKey = creds.merchants[0]!.apiKey;
    shopId = (await test.db.prisma.merchant.findFirstOrThrow({ where: { name: creds.merchants[0]!.name } })).id;
    await test.db.prisma.conversation.deleteMany({});

    const a = await session("en");
    await say(a.sessionToken, "what payment methods do you accept?");
    await say(a.sessionToken, "what payment methods can I use for a gift?"); // same intent, same conversation: counted once
    await session("en"); // opened, greeted, never wrote: not a conversation
    await session("zh-CN"); // the same in Chinese
    const c = await session("zh-CN");
    await say(c.sessionToken, "退货政策是什么");
    const d = await session("en");
    paris = d.conversationId;
    await say(d.sessionToken, "is there a physical store in Paris?");
    await say(d.sessionToken, "do you have a physical store in paris");

    // An order form: the bot asked for details (its message belongs to place_order) and the
    // shopper's answers were not understood as questions. They are form inputs, not gaps.
    const f = await session("en");
    const conv = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: f.conversationId } });
    let seq = conv.lastSeq;
    const add = (role: "bot" | "shopper", text: string, intent: string, unanswered = false) =>
      test.db.prisma.message.create({ data: { conversationId: f.conversationId, merchantId: shopId, seq: ++seq, role, text, locale: "en", intent, unanswered } });
    await add("shopper", "I want to buy the green tea", "place_order");
    await add("bot", "Who should we send it to? Please give the name and address.", "place_order");
    await add("shopper", "Mei Chen, Lotus Garden, Pudong New Area, please hurry", "place_order", true);
    await add("bot", "And an email for the order confirmation?", "place_order");
    await add("shopper", "mei.chen@example.com", "place_order", true);
    await test.db.prisma.conversation.update({ where: { id: f.conversationId }, data: { lastSeq: seq } });
  }, 300_000); // seeding and training on a busy 2-core machine
  afterAll(async () => test?.drop());

  it("counts conversations in which the shopper wrote, and each intent once per conversation with readable names", async () => {
    const r = await feedback();
    expect(r.conversations).toBe(4); // a, c, d, f: not the two greeting-only sessions
    expect(r.byLocale.en.conversations).toBe(3);
    expect(r.byLocale["zh-CN"].conversations).toBe(1);
    const intents = Object.fromEntries(r.topIntents.map((i: { intent: string; count: number }) => [i.intent, i]));
    expect(intents.check_payment_methods).toEqual({ intent: "check_payment_methods", label: { en: "Payment methods", "zh-CN": "支付方式" }, count: 1 });
    expect(intents.place_order.count).toBe(1); // three messages of one order form
    expect(intents.out_of_scope?.count ?? 1).toBe(1); // asked twice in one conversation
    expect(intents.greet).toBeUndefined(); // the bot's greeting is not the shopper's intent
    for (const i of r.topIntents) expect(i.label["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
  });

  it("keeps form inputs out of the knowledge gaps and quotes only the summary's language", async () => {
    const r = await feedback("zh-CN");
    const questions = r.knowledgeGaps.map((g: { question: string }) => g.question);
    expect(questions).toContain("is there a physical store in Paris?");
    expect(questions.join(" ")).not.toMatch(/Mei Chen|@example\.com/);
    const paris = r.knowledgeGaps.find((g: { question: string }) => g.question === "is there a physical store in Paris?");
    expect(paris).toMatchObject({ count: 2, locale: "en", answered: false, answeredBy: null });
    expect(r.summary.locale).toBe("zh-CN");
    expect(r.summary.text).not.toMatch(/[A-Za-z]{4,}/); // not one English question quoted (CSAT is the only Latin word allowed)
    const en = await feedback("en");
    expect(en.summary.text).toContain("is there a physical store in Paris?");
  });

  it("marks a gap answered once a published article covers it", async () => {
    const created = await call("POST", "/knowledge/articles", {
      key: shopKey,
      body: { slug: "physical-store-paris", locale: "en", title: "Is there a physical store in Paris?", body: "## Physical store in Paris\nThere is no physical store in Paris: we sell online only and ship to France." },
    });
    expect(created.status).toBe(201);
    const r = await feedback("en");
    const paris = r.knowledgeGaps.find((g: { question: string }) => g.question === "is there a physical store in Paris?");
    expect(paris).toMatchObject({ answered: true, answeredBy: { articleId: created.json.id } });
    expect(r.summary.text).not.toContain("physical store"); // an answered gap is no longer the biggest one
    // Open gaps come first.
    const firstAnswered = r.knowledgeGaps.findIndex((g: { answered: boolean }) => g.answered);
    expect(r.knowledgeGaps.slice(firstAnswered).every((g: { answered: boolean }) => g.answered)).toBe(true);
  });

  it("counts revenue from paid orders with refunds subtracted", async () => {
    const orders = await test.db.prisma.order.findMany({ where: { merchantId: shopId } });
    const byStatus = (s: string) => orders.filter((o) => o.status === s);
    expect(byStatus("pending_payment").length).toBeGreaterThan(0);
    expect(byStatus("refund_requested").length).toBeGreaterThan(0);
    const completed = byStatus("completed")[0]!;
    // A partial refund of ¥5.00 on a completed order, paid through the sandbox.
    const payment = await test.db.prisma.payment.create({
      data: { merchantId: shopId, orderId: completed.id, provider: "sandbox", status: "partially_refunded", amount: completed.totalAmount, currency: completed.currency, refundedAmount: 500, token: randomUUID(), payUrl: "https://pay.example/x", expiresAt: new Date(), paidAt: new Date() },
    });
    await test.db.prisma.refund.create({ data: { merchantId: shopId, orderId: completed.id, paymentId: payment.id, amount: 500, currency: completed.currency, reason: "damaged box", status: "succeeded", actor: "test" } });
    await test.db.prisma.refund.create({ data: { merchantId: shopId, orderId: completed.id, paymentId: payment.id, amount: 300, currency: completed.currency, reason: "declined", status: "failed", actor: "test" } });

    const r = (await call("GET", "/analytics/sales", { key: shopKey })).json;
    const paid = orders.filter((o) => ["paid", "processing", "shipped", "delivered", "completed"].includes(o.status));
    const expected = paid.reduce((s, o) => s + o.totalAmount, 0) - 500;
    expect(r.revenue).toEqual({ amount: expected, currency: "CNY" });
    expect(r.paidOrders).toBe(paid.length);
    expect(r.refunded.amount).toBe(500 + byStatus("refunded").reduce((s, o) => s + o.totalAmount, 0));
    expect(r.refundRequested).toBe(byStatus("refund_requested").length);
    expect(r.trend.reduce((s: number, t: { revenue: { amount: number } }) => s + t.revenue.amount, 0)).toBe(expected);
    expect((r.byChannel.bot?.revenue ?? 0) + (r.byChannel.api?.revenue ?? 0)).toBe(expected);
  });

  it("previews the shopper's own last words and the topic in the console's queue", async () => {
    const { services } = await import("../support/services.ts").then((m) => m.servicesFor(test.db));
    const summary = await services.handoff.summary(shopId, paris);
    expect(summary.status).toBe("queued"); // two questions the bot could not answer
    expect(summary.lastMessage?.role).not.toBe("shopper"); // the bot's notice came last…
    expect(summary.preview?.text).toBe("do you have a physical store in paris"); // …the preview is the shopper's
    expect(summary.topic).toEqual({ intent: "out_of_scope", label: { en: "Out of scope", "zh-CN": "超出范围" } });
    expect(summary.locale).toBe("en");
    expect((await services.handoff.queue(shopId)).find((c) => c.id === paris)?.preview?.text).toBe("do you have a physical store in paris");
  });
});
