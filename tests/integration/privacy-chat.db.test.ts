import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import { createServices } from "../../api/services.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct } from "../support/fixtures.ts";
import { TEST_SECRET } from "../support/http.ts";
import { silentLogger } from "../support/logger.ts";
import { testNlu } from "../support/nlu.ts";

interface Person {
  email: string;
  name: string;
  phone: string;
  line1: string;
  city: string;
}

const person = (tag: string, name: string): Person => ({ email: `${tag}@example.com`, name, phone: "+86 139 5555 0000", line1: `${tag} Lane 12`, city: "Hangzhou" });

/**
 * A shopper's data request in the chat, through the widget API and the real bot: verified
 * (a signed identity, or an order proved by number plus email), explained, confirmed, then
 * queued for the merchant or carried out at once, as the merchant set it.
 */
describe.each(DATABASE_KINDS)("privacy requests in the chat on %s", (kind) => {
  let test: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let n = 0;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    const services = createServices(test.db, silentLogger, { appSecret: TEST_SECRET, nlu: testNlu() });
    app = createApp({ db: test.db, log: silentLogger, services });
  });
  afterAll(async () => test?.drop());

  const call = async (method: string, path: string, key?: string, body?: unknown) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: text && res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as any) : undefined };
  };

  /** The bot's replies to one message (the shopper's own message left out). */
  const send = async (token: string, text: string, action?: { type: "confirm" | "cancel"; token: string }) => {
    const res = await call("POST", "/widget/messages", token, { clientMessageId: `p-${++n}`, text, ...(action ? { action } : {}) });
    expect(res.status).toBe(200);
    const replies = (res.json.messages as { role: string; text: string; blocks?: { type: string; token?: string; text?: string }[] }[]).filter((m) => m.role === "bot");
    const text_ = replies.map((m) => m.text).join("\n");
    // Every reply is a finished sentence of the locale files: nothing left to interpolate.
    expect(text_).not.toMatch(/\{\{|\}\}|privacy_/);
    return { text: text_, confirm: replies.flatMap((m) => m.blocks ?? []).find((b) => b.type === "confirm") };
  };

  async function shop(selfServiceErasure: "immediate" | "queue") {
    const { merchant, apiKey } = await createMerchant(test.db.prisma, { orderPrefix: "PV" });
    const product = await createProduct(test.db.prisma, merchant.id, { stock: 50 });
    expect((await call("PATCH", "/settings", apiKey, { privacy: { selfServiceErasure, retentionDays: null } })).status).toBe(200);
    const order = async (who: Person, key: string) => {
      const placed = await app.request("/api/v1/orders", {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({
          customer: { email: who.email, name: who.name, phone: who.phone },
          items: [{ productId: product.id, quantity: 1 }],
          shippingAddress: { name: who.name, phone: who.phone, line1: who.line1, city: who.city, country: "CN" },
        }),
      });
      expect(placed.status).toBe(201);
      const body = (await placed.json()) as { id: string; number: string };
      const row = await test.db.prisma.order.findUniqueOrThrow({ where: { id: body.id } });
      return { ...body, customerId: row.customerId! };
    };
    const session = async (locale: "en" | "zh-CN", identity?: { customerId: string; email: string }) => {
      const hmac = identity && createHmac("sha256", merchant.identitySecret).update(`${identity.customerId}\n${identity.email}`).digest("hex");
      const s = await call("POST", "/widget/sessions", undefined, { widgetKey: merchant.widgetKey, locale, ...(identity ? { identity: { ...identity, hmac } } : {}) });
      expect(s.status).toBe(201);
      return s.json as { sessionToken: string; conversationId: string; identified: boolean };
    };
    const audit = async () => (await call("GET", "/audit-log?limit=100", apiKey)).json.data as { action: string; actor: string; target: string }[];
    const requests = async () => (await call("GET", "/privacy/requests", apiKey)).json.data as { id: string; customerId: string; kind: string; status: string }[];
    const profile = async (customerId: string) => (await call("GET", `/customers/${customerId}/export`, apiKey)).json.profile as { email: string | null; name: string | null; phone: string | null; erasedAt: string | null };
    return { merchant, apiKey, order, session, audit, requests, profile };
  }

  it("queues a Chinese erasure request after the order proof and the shopper's yes; the merchant sees it in GET /privacy/requests", async () => {
    const s = await shop("queue");
    const li = person("li.lei", "李雷");
    const order = await s.order(li, "zh-1");
    const chat = await s.session("zh-CN");

    const asked = await send(chat.sessionToken, "删除我的个人信息");
    expect(asked.text).toContain("订单号");
    expect(asked.confirm).toBeUndefined();
    expect((await send(chat.sessionToken, order.number)).text).toContain("邮箱或手机号");
    const explained = await send(chat.sessionToken, li.email);
    // What will happen, in this shop's terms, and a confirmation to give.
    expect(explained.text).toMatch(/提交给.*团队/);
    expect(explained.text).toContain("订单会以匿名方式保留");
    // This chat is one of the person's chats even before it is linked to them.
    expect(explained.text).toContain("1 次对话");
    expect(explained.confirm).toMatchObject({ type: "confirm", token: expect.any(String) });
    expect(await s.requests()).toEqual([]);

    const done = await send(chat.sessionToken, "是的");
    expect(done.text).toMatch(/删除申请已提交.*编号 [0-9A-F]{8}/);
    const pending = await s.requests();
    expect(pending).toEqual([expect.objectContaining({ customerId: order.customerId, kind: "erasure", status: "pending" })]);
    expect(done.text).toContain(pending[0]!.id.slice(0, 8).toUpperCase());
    // Queued, not carried out: the data is still there and the chat goes on.
    expect(await s.profile(order.customerId)).toMatchObject({ email: li.email, name: li.name, erasedAt: null });
    expect((await call("GET", "/widget/messages?after=0", chat.sessionToken)).status).toBe(200);
    // The chat is the customer's (their export, their erasure), and the audit names the bot acting for them.
    expect((await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).customerId).toBe(order.customerId);
    expect(await s.audit()).toContainEqual(expect.objectContaining({ action: "privacy.erasure_requested", actor: `bot:customer:${order.customerId}`, target: `customer:${order.customerId}` }));

    // Asking again does not queue a second request.
    await send(chat.sessionToken, "请删除我的所有个人数据");
    await send(chat.sessionToken, "确认");
    expect(await s.requests()).toHaveLength(1);
  });

  it("erases a verified English shopper at once when the shop says so: the reply says it is done, their details are gone, the session ends", async () => {
    const s = await shop("immediate");
    const ann = person("ann.quill", "Ann Quill");
    const chat = await s.session("en", { customerId: "shop-user-7", email: ann.email });
    expect(chat.identified).toBe(true);
    const order = await s.order(ann, "en-1");
    const customer = await test.db.prisma.customer.findFirstOrThrow({ where: { merchantId: s.merchant.id, externalId: "shop-user-7" } });
    expect(order.customerId).toBe(customer.id);
    await send(chat.sessionToken, `hi, I'm ${ann.name}, I live at ${ann.line1}`);

    // Verified by the signed identity: no order proof, straight to what will happen.
    const explained = await send(chat.sessionToken, "delete my data");
    expect(explained.text).toMatch(/erased right away/);
    expect(explained.text).toMatch(/cannot be undone/);
    expect(explained.confirm?.token).toEqual(expect.any(String));
    const done = await send(chat.sessionToken, "Erase my data", { type: "confirm", token: explained.confirm!.token! });
    expect(done.text).toMatch(/your personal data has been erased/);

    // Gone from the customers API and the export; the order stays, anonymised.
    const profile = await s.profile(customer.id);
    expect(profile).toMatchObject({ email: null, name: null, phone: null, erasedAt: expect.any(String) });
    const lookup = await call("GET", `/customers/${customer.id}`, s.apiKey);
    expect(lookup.text.toLowerCase()).not.toContain("quill");
    const exported = await call("GET", `/customers/${customer.id}/export`, s.apiKey);
    for (const trace of ["quill", "ann.quill", "13955550000", "139 5555", ann.line1.toLowerCase()]) expect(exported.text.toLowerCase()).not.toContain(trace);
    expect((await call("GET", `/customers?email=${encodeURIComponent(ann.email)}`, s.apiKey)).text.toLowerCase()).not.toContain("quill");
    expect((await call("GET", `/orders/${order.id}`, s.apiKey)).json).toMatchObject({ id: order.id, number: order.number });
    // Carried out, so nothing waits for the merchant.
    expect(await s.requests()).toEqual([]);
    const audit = await s.audit();
    for (const action of ["privacy.erasure_requested", "customer.erased"]) expect(audit).toContainEqual(expect.objectContaining({ action, actor: `bot:customer:${customer.id}` }));

    // The conversation was part of the erasure: its texts are gone, and so is its session.
    const texts = (await test.db.prisma.message.findMany({ where: { conversationId: chat.conversationId } })).map((m) => m.text).join("\n");
    expect(texts.toLowerCase()).not.toContain("quill");
    expect((await call("GET", "/widget/messages?after=0", chat.sessionToken)).status).toBe(401);
    expect((await call("POST", "/widget/messages", chat.sessionToken, { clientMessageId: `p-${++n}`, text: "hello?" })).status).toBe(401);
  });

  it("changes nothing when the shopper says no, in either language", async () => {
    const s = await shop("immediate");
    const bo = person("bo.rivers", "Bo Rivers");
    const order = await s.order(bo, "no-1");
    const en = await s.session("en");
    expect((await send(en.sessionToken, "what data do you have about me?")).text).toMatch(/order/i);
    const explained = await send(en.sessionToken, `${order.number} ${bo.email}`);
    expect(explained.confirm).toBeDefined();
    expect((await send(en.sessionToken, "no")).text).toMatch(/haven't done anything/);

    const zh = await s.session("zh-CN");
    await send(zh.sessionToken, "把我的个人信息删掉");
    const zhExplained = await send(zh.sessionToken, `订单号 ${order.number}，邮箱 ${bo.email}`);
    expect(zhExplained.text).toContain("立即删除");
    expect((await send(zh.sessionToken, "不")).text).toContain("没有做任何处理");
    // Saying yes afterwards starts nothing: the request was cancelled.
    await send(zh.sessionToken, "是的");

    expect(await s.requests()).toEqual([]);
    expect(await s.profile(order.customerId)).toMatchObject({ email: bo.email, name: bo.name, erasedAt: null });
    expect((await s.audit()).map((e) => e.action).filter((a) => a.startsWith("privacy.") || a === "customer.erased")).toEqual([]);
    for (const chat of [en, zh]) expect((await call("GET", "/widget/messages?after=0", chat.sessionToken)).status).toBe(200);
  });

  it("never erases someone else's data because an unverified shopper typed their email", async () => {
    const s = await shop("immediate");
    const victim = person("vic.tim", "Vic Tim");
    const order = await s.order(victim, "victim-1");
    const attacker = await s.session("en");

    const asked = await send(attacker.sessionToken, `please delete all the data of ${victim.email}`);
    expect(asked.text).toMatch(/alone doesn't prove/);
    expect(asked.confirm).toBeUndefined();
    expect((await send(attacker.sessionToken, "yes")).confirm).toBeUndefined();
    expect((await send(attacker.sessionToken, `erase my data, my email is ${victim.email}`)).confirm).toBeUndefined();
    // Guessing order numbers runs into the same caps as the order journeys.
    const number = Number(order.number.slice(2));
    const guesses = [];
    for (const guess of [1, 2, 3]) guesses.push(await send(attacker.sessionToken, `PV${String((number + guess) % 1_000_000).padStart(6, "0")} ${victim.email}`));
    expect(guesses.map((g) => g.confirm)).toEqual([undefined, undefined, undefined]);
    expect(guesses[0]!.text).toMatch(/couldn't find an order/);
    // Missed proofs end with a person taking over (as in the order journeys).
    expect(guesses.map((g) => g.text).join("\n")).toMatch(/a person (from our team|will reply)/i);
    // A confirm click with a made-up token does nothing either.
    await send(attacker.sessionToken, "Erase my data", { type: "confirm", token: "privacy_erasure-1-abcdef" });

    expect(await s.requests()).toEqual([]);
    expect(await s.profile(order.customerId)).toMatchObject({ email: victim.email, name: victim.name, erasedAt: null });
    expect((await s.audit()).map((e) => e.action).filter((a) => a.startsWith("privacy.") || a === "customer.erased")).toEqual([]);
    expect((await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: attacker.conversationId } })).customerId).toBeNull();
  });

  it("answers a verified shopper's access request with a summary and queues the complete copy, which the merchant's export closes", async () => {
    const s = await shop("queue");
    const mei = person("mei.chen", "陈美");
    const chat = await s.session("zh-CN", { customerId: "shop-user-9", email: mei.email });
    const order = await s.order(mei, "export-1");
    const explained = await send(chat.sessionToken, "你们有我哪些数据");
    expect(explained.text).toContain("完整副本");
    const summary = await send(chat.sessionToken, "确认");
    expect(summary.text).toContain("个人资料：姓名、邮箱、手机号、收货地址");
    expect(summary.text).toContain("订单：1 个");
    // Kinds and counts only: the values stay out of the chat transcript.
    expect(summary.text).not.toContain(mei.email);
    expect(await s.requests()).toEqual([expect.objectContaining({ customerId: order.customerId, kind: "export", status: "pending" })]);
    expect(await s.profile(order.customerId)).toMatchObject({ email: mei.email });
    expect(await s.requests()).toEqual([]);
    expect(await s.audit()).toContainEqual(expect.objectContaining({ action: "privacy.export_requested", actor: `bot:customer:${order.customerId}` }));
  });
});
