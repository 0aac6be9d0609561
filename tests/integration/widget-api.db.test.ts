import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo, type DemoCredentials } from "../../prisma/seed/seed.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { silentLogger } from "../support/logger.ts";

describe.each(DATABASE_KINDS)("shopper conversations over REST on %s", (kind) => {
  let test: TestDatabase;
  let call: ReturnType<typeof createTestClient>["call"];
  let creds: DemoCredentials;
  let shop: DemoCredentials["merchants"][number];
  let n = 0;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    creds = (await seedDemo(test.db.prisma, mkdtempSync(path.join(tmpdir(), "seed-")), silentLogger))!;
    shop = creds.merchants[0]!;
    call = createTestClient(test.db).call;
  });
  afterAll(async () => test?.drop());

  const session = async (body: Record<string, unknown> = {}) => {
    const res = await call("POST", "/widget/sessions", { body: { widgetKey: shop.widgetKey, ...body } });
    expect(res.status).toBe(201);
    return res.json as { sessionToken: string; conversationId: string; locale: string; identified: boolean };
  };
  const send = (token: string, text: string, extra: Record<string, unknown> = {}) =>
    call("POST", "/widget/messages", { key: token, body: { clientMessageId: `m-${++n}`, text, ...extra } });
  const sign = (customerId: string, secret = shop.identitySecret) => createHmac("sha256", secret).update(customerId).digest("hex");

  it("opens a conversation with a greeting in the requested language", async () => {
    const s = await session({ locale: "en" });
    expect(s.locale).toBe("en");
    const history = await call("GET", "/widget/messages?after=0", { key: s.sessionToken });
    expect(history.json.messages).toEqual([expect.objectContaining({ seq: 1, role: "bot", text: expect.stringContaining("Lumen Lane") })]);
    expect((await session()).locale).toBe("zh-CN");
  });

  it("refuses an unknown widget key and a forged identity", async () => {
    expect((await call("POST", "/widget/sessions", { body: { widgetKey: "wk_nope" } })).status).toBe(401);
    const forged = await call("POST", "/widget/sessions", {
      body: { widgetKey: shop.widgetKey, identity: { customerId: "demo-customer-1", hmac: sign("demo-customer-1", "wrong-secret") } },
    });
    expect(forged.status).toBe(401);
    expect(forged.json.error.code).toBe("widget:bad_identity");
    const otherShop = await call("POST", "/widget/sessions", {
      body: { widgetKey: creds.merchants[1]!.widgetKey, identity: { customerId: "demo-customer-1", hmac: sign("demo-customer-1") } },
    });
    expect(otherShop.status).toBe(401);
  });

  it("stores the message, answers it once, and replays both for a retried clientMessageId", async () => {
    const s = await session({ locale: "en" });
    const body = { clientMessageId: "retry-me", text: "what payment methods do you accept?" };
    const first = await call("POST", "/widget/messages", { key: s.sessionToken, body });
    expect(first.status).toBe(200);
    expect(first.json.messages[0]).toMatchObject({ role: "shopper", seq: 2, text: body.text, intent: "check_payment_methods" });
    expect(first.json.messages[1]).toMatchObject({ role: "bot", seq: 3, blocks: [expect.objectContaining({ type: "citation" })] });
    const again = await call("POST", "/widget/messages", { key: s.sessionToken, body });
    expect(again.json.messages).toEqual(first.json.messages);
    expect(await test.db.prisma.message.count({ where: { conversationId: s.conversationId } })).toBe(3);
  });

  it("answers on retry a message whose turn died after it was stored (a node crashed mid-turn)", async () => {
    const s = await session({ locale: "en" });
    const conversation = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: s.conversationId } });
    // What a crash between a turn's two statements leaves: the shopper's message, no reply.
    await test.db.prisma.$transaction([
      test.db.prisma.conversation.update({ where: { id: conversation.id }, data: { lastSeq: { increment: 1 } } }),
      test.db.prisma.message.create({
        data: { conversationId: conversation.id, merchantId: conversation.merchantId, seq: conversation.lastSeq + 1, role: "shopper", text: "what payment methods do you accept?", locale: "en", clientMessageId: "crashed" },
      }),
    ]);
    const retry = await call("POST", "/widget/messages", { key: s.sessionToken, body: { clientMessageId: "crashed", text: "what payment methods do you accept?" } });
    expect(retry.status).toBe(200);
    expect(retry.json.messages.map((m: { role: string; seq: number }) => [m.role, m.seq])).toEqual([["shopper", 2], ["bot", 3]]);
    expect(retry.json.messages[1].blocks).toEqual([expect.objectContaining({ type: "citation" })]);
    // Answered once: a second retry replays, and the stored message knows its intent now.
    const again = await call("POST", "/widget/messages", { key: s.sessionToken, body: { clientMessageId: "crashed", text: "what payment methods do you accept?" } });
    expect(again.json.messages.map((m: { id: string }) => m.id)).toEqual(retry.json.messages.map((m: { id: string }) => m.id));
    expect(await test.db.prisma.message.count({ where: { conversationId: s.conversationId } })).toBe(3);
    expect((await test.db.prisma.message.findFirstOrThrow({ where: { conversationId: s.conversationId, clientMessageId: "crashed" } })).intent).toBe("check_payment_methods");
  });

  it("numbers messages without gaps under concurrent sends", async () => {
    const s = await session({ locale: "en" });
    await Promise.all(["hi", "thanks", "bye", "hello", "thank you"].map((t) => send(s.sessionToken, t)));
    const all = (await call("GET", "/widget/messages?after=0", { key: s.sessionToken })).json.messages as { seq: number }[];
    expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));
    const tail = (await call("GET", `/widget/messages?after=${all.length - 2}`, { key: s.sessionToken })).json.messages;
    expect(tail.map((m: { seq: number }) => m.seq)).toEqual([all.length - 1, all.length]);
  });

  it("places an order through the bot once, at the catalog price, with stock taken", async () => {
    const s = await session({ locale: "en" });
    const tea = await test.db.prisma.product.findFirstOrThrow({ where: { sku: "TEA-001", merchant: { name: shop.name } } });
    for (const text of ["I want to buy the longjing tea", "2", "12 Wensan Road, Hangzhou", "Wang Fang", "13900001111", "wang@example.com"]) {
      expect((await send(s.sessionToken, text)).status).toBe(200);
    }
    const last = (await call("GET", "/widget/messages?after=0", { key: s.sessionToken })).json.messages.at(-1);
    const confirm = last.blocks.find((b: { type: string }) => b.type === "confirm");
    expect(confirm.total).toEqual({ amount: tea.priceAmount * 2, currency: "CNY" });
    const clicks = await Promise.all([
      send(s.sessionToken, "Confirm", { action: { type: "confirm", token: confirm.token } }),
      send(s.sessionToken, "Confirm", { action: { type: "confirm", token: confirm.token } }),
    ]);
    for (const click of clicks) expect(click.json.messages.at(-1).blocks[0].type).toBe("order");
    const orders = await test.db.prisma.order.findMany({ where: { customerEmail: "wang@example.com" }, include: { items: true } });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ channel: "bot", totalAmount: tea.priceAmount * 2, status: "pending_payment" });
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: tea.id } })).stock).toBe(tea.stock - 2);
  });

  it("shows an identified shopper their orders, and a claimed email without a signature nothing", async () => {
    const known = await session({ locale: "en", identity: { customerId: "demo-customer-1", hmac: sign("demo-customer-1") } });
    expect(known.identified).toBe(true);
    const mine = await send(known.sessionToken, "where is my order?");
    expect(mine.json.messages.at(-1).blocks.filter((b: { type: string }) => b.type === "order").length).toBeGreaterThan(0);

    const claimed = await call("POST", "/widget/sessions", { body: { widgetKey: shop.widgetKey, locale: "en", identity: { customerId: "demo-customer-1", email: creds.sampleOrder.email } } });
    expect(claimed.status).toBe(400);
    const anonymous = await session({ locale: "en" });
    const theirs = await send(anonymous.sessionToken, `track order ${creds.sampleOrder.number}`);
    expect(JSON.stringify(theirs.json.messages)).not.toContain('"type":"order"');
    const proved = await send(anonymous.sessionToken, creds.sampleOrder.email);
    expect(proved.json.messages.at(-1).blocks[0]).toMatchObject({ type: "order", order: { number: creds.sampleOrder.number } });
  });

  it("moves the conversation to the queue on request and stops the bot answering", async () => {
    const s = await session();
    await send(s.sessionToken, "我要人工客服");
    const conversation = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: s.conversationId } });
    expect(conversation.status).toBe("queued");
    const after = await send(s.sessionToken, "还在吗");
    expect(after.json.messages).toHaveLength(1);
  });

  it("takes thumbs and CSAT, replaces earlier ratings, and refuses bad ones without storing", async () => {
    const s = await session({ locale: "en" });
    const answer = (await send(s.sessionToken, "how long does delivery take?")).json.messages[1];
    const up = await call("POST", "/widget/feedback", { key: s.sessionToken, body: { messageId: answer.id, thumbs: "up" } });
    expect(up.status).toBe(200);
    const down = await call("POST", "/widget/feedback", { key: s.sessionToken, body: { messageId: answer.id, thumbs: "down", reason: "not my question" } });
    expect(down.json.id).toBe(up.json.id);
    expect((await call("POST", "/widget/feedback", { key: s.sessionToken, body: { csat: 4 } })).status).toBe(200);
    expect((await call("POST", "/widget/feedback", { key: s.sessionToken, body: { csat: 5, comment: "great" } })).json.csat).toBe(5);
    const rows = await test.db.prisma.feedback.findMany({ where: { conversationId: s.conversationId } });
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.messageId)).toMatchObject({ thumbs: "down", intent: "delivery_period", articleId: expect.any(String) });

    const other = await session({ locale: "en" });
    const foreign = await call("POST", "/widget/feedback", { key: other.sessionToken, body: { messageId: answer.id, thumbs: "up" } });
    expect(foreign.status).toBe(404);
    for (const body of [{ csat: 9 }, { csat: 2.5 }, { thumbs: "up" }, {}, { thumbs: "sideways", messageId: answer.id }]) {
      expect((await call("POST", "/widget/feedback", { key: other.sessionToken, body })).status).toBe(400);
    }
    expect(await test.db.prisma.feedback.count({ where: { conversationId: other.conversationId } })).toBe(0);
  });

  it("refuses bad messages and tokens with clear errors", async () => {
    const s = await session();
    expect((await call("POST", "/widget/messages", { key: s.sessionToken, body: { clientMessageId: "x", text: "   " } })).status).toBe(400);
    expect((await call("POST", "/widget/messages", { key: s.sessionToken, body: { text: "hi" } })).status).toBe(400);
    expect((await call("POST", "/widget/messages", { key: s.sessionToken, rawBody: "{nope" })).status).toBe(400);
    expect((await call("GET", "/widget/messages?after=-1", { key: s.sessionToken })).status).toBe(400);
    expect((await call("GET", "/widget/messages", { key: "not-a-token" })).status).toBe(401);
    expect((await call("GET", "/widget/messages", { key: creds.merchants[0]!.apiKey })).status).toBe(401);
    expect(await test.db.prisma.message.count({ where: { conversationId: s.conversationId } })).toBe(1);
  });

  it("answers from an article as soon as the merchant writes it over the API", async () => {
    const s = await session({ locale: "en" });
    const before = await send(s.sessionToken, "do you offer gift wrapping?");
    expect(JSON.stringify(before.json.messages)).not.toContain("Gift wrapping");
    const article = await call("POST", "/knowledge/articles", {
      key: shop.apiKey,
      body: { slug: "gift-wrapping", locale: "en", title: "Gift wrapping", body: "## Gift wrapping\nWe gift wrap any order for ¥5: choose gift wrapping at checkout.", tags: ["gift", "wrap"] },
    });
    expect(article.status).toBe(201);
    const after = await send(s.sessionToken, "do you offer gift wrapping?");
    expect(after.json.messages[1].blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: "citation", title: "Gift wrapping", url: "/help/lumen-lane/en/gift-wrapping" })]));
    const page = await createTestClient(test.db).app.request("/help/lumen-lane/en/gift-wrapping");
    expect(await page.text()).toContain("We gift wrap any order");
    const other = await call("GET", `/knowledge/articles/${article.json.id}`, { key: creds.merchants[1]!.apiKey });
    expect(other.status).toBe(404);
  });

  it("keeps a half-filled form across a restart of the server", async () => {
    const s = await session({ locale: "en" });
    await send(s.sessionToken, "I want to buy the longjing tea");
    await send(s.sessionToken, "2");
    const restarted = createTestClient(test.db).call;
    const next = await restarted("POST", "/widget/messages", { key: s.sessionToken, body: { clientMessageId: "after-restart", text: "12 Wensan Road, Hangzhou" } });
    expect(next.json.messages[1].text).toMatch(/Who will receive the parcel/);
  });

  it("parses a message with POST /nlu/parse", async () => {
    const res = await call("POST", "/nlu/parse", { body: { text: "我要取消订单LL482913，买了两件" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ locale: "zh-CN", intent: { name: "cancel_order" } });
    expect(res.json.intent_ranking.length).toBeGreaterThan(1);
    expect(res.json.entities).toEqual(
      expect.arrayContaining([
        { entity: "order_number", value: "LL482913", start: 6, end: 14 },
        expect.objectContaining({ entity: "quantity", value: 2 }),
      ]),
    );
    expect((await call("POST", "/nlu/parse", { body: { text: 42 } })).status).toBe(400);
  });

  it("renders help articles as escaped text, whatever the merchant wrote", async () => {
    const res = await call("POST", "/knowledge/articles", {
      key: shop.apiKey,
      body: { slug: "xss", locale: "en", title: "<img src=x onerror=alert(1)>", body: "## Hi <script>alert(1)</script>\n- **bold** <b>raw</b>" },
    });
    expect(res.status).toBe(201);
    const html = await (await createTestClient(test.db).app.request("/help/lumen-lane/en/xss")).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("<strong>bold</strong> &lt;b&gt;raw&lt;/b&gt;");
  });
});
