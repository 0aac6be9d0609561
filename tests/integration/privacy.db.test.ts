import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import { REDACTED_PATHS } from "../../api/logger.ts";
import { createServices } from "../../api/services.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct } from "../support/fixtures.ts";
import { TEST_SECRET } from "../support/http.ts";
import { testNlu } from "../support/nlu.ts";

/** The person: every detail below must be gone from every answer after the erasure. */
const PERSON = {
  email: "zed.quixote@example.com",
  name: "Zed Quixote",
  phone: "+86 137 2468 1357",
  line1: "77 Windmill Lane",
  city: "Quixoteville",
};
/** What must never be found again (case-insensitive): the name, email, phone digits, street and city. */
const TRACES = ["quixote", "zed.q", "13724681357", "137 2468", "windmill", "quixoteville"];
const leaks = (text: string) => TRACES.filter((t) => text.toLowerCase().includes(t));

describe.each(DATABASE_KINDS)("privacy rights and the audit log on %s", (kind) => {
  let test: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let services: ReturnType<typeof createServices>;
  const logLines: string[] = [];

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    // The real logger configuration (redaction included) at debug level, written to memory.
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    const log = pino({ level: "debug", redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, sink);
    // Webhooks go to a local test server; the requests come through one proxy (X-Forwarded-For).
    services = createServices(test.db, log, { appSecret: TEST_SECRET, nlu: testNlu(), webhooksAllowPrivate: true });
    app = createApp({ db: test.db, log, services, trustProxy: { kind: "hops", hops: 1 } });
  });
  afterAll(async () => test?.drop());

  const call = async (method: string, path: string, init: { key?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { "x-forwarded-for": "203.0.113.7", ...init.headers };
    if (init.key) headers.authorization = `Bearer ${init.key}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const res = await app.request(`/api/v1${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await res.text();
    return { status: res.status, text, json: text && res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as any) : undefined };
  };

  it("exports everything about a customer who ordered and chatted in both languages, erases it everywhere, and audits each step", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { stock: 10 });
    // Deliveries of order events keep copies of the order: they must be scrubbed too.
    expect((await call("POST", "/webhooks", { key: apiKey, body: { url: "http://127.0.0.1:9/hook", events: ["order.created", "order.status_changed"] } })).status).toBe(201);

    const placed = await call("POST", "/orders", {
      key: apiKey,
      headers: { "idempotency-key": "privacy-order-1" },
      body: {
        customer: { email: PERSON.email, name: PERSON.name, phone: PERSON.phone },
        items: [{ productId: product.id, quantity: 2 }],
        shippingAddress: { name: PERSON.name, phone: PERSON.phone, line1: PERSON.line1, city: PERSON.city, country: "CN" },
        note: `Leave it with ${PERSON.name}'s neighbour`,
      },
    });
    expect(placed.status).toBe(201);
    const order = placed.json;
    const customerId = (await test.db.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).customerId!;
    expect(customerId).toEqual(expect.any(String));
    expect((await call("PATCH", `/orders/${order.id}`, { key: apiKey, body: { note: `Ring twice, ${PERSON.name}` } })).status).toBe(200);

    // Two chats: English and Chinese; each proves the order (number + email), so both belong to the customer.
    const chats: { token: string; id: string }[] = [];
    let n = 0;
    const send = (token: string, text: string) => call("POST", "/widget/messages", { key: token, body: { clientMessageId: `c-${++n}`, text } });
    for (const [locale, ask, aside] of [
      ["en", `where is my order ${order.number}`, `I am ${PERSON.name}, I live at ${PERSON.line1}`],
      ["zh-CN", `查一下订单 ${order.number}`, `我叫${PERSON.name}，电话 ${PERSON.phone}`],
    ] as const) {
      const s = await call("POST", "/widget/sessions", { body: { widgetKey: merchant.widgetKey, locale } });
      expect(s.status).toBe(201);
      chats.push({ token: s.json.sessionToken, id: s.json.conversationId });
      expect((await send(s.json.sessionToken, ask)).status).toBe(200);
      const proved = await send(s.json.sessionToken, PERSON.email);
      expect(JSON.stringify(proved.json.messages)).toContain(order.number);
      expect((await send(s.json.sessionToken, aside)).status).toBe(200);
    }
    expect((await call("POST", "/widget/feedback", { key: chats[1]!.token, body: { csat: 2, comment: `${PERSON.name} says the courier lost it` } })).status).toBe(200);
    const linked = await test.db.prisma.conversation.findMany({ where: { id: { in: chats.map((c) => c.id) } }, select: { customerId: true } });
    expect(linked.map((c) => c.customerId)).toEqual([customerId, customerId]);

    // Access: the export holds every item.
    const exported = await call("GET", `/customers/${customerId}/export`, { key: apiKey });
    expect(exported.status).toBe(200);
    const doc = exported.json;
    expect(doc.profile).toMatchObject({ id: customerId, email: PERSON.email, name: PERSON.name, phone: PERSON.phone });
    expect(doc.addresses).toEqual([expect.objectContaining({ line1: PERSON.line1, city: PERSON.city })]);
    expect(doc.orders).toHaveLength(1);
    expect(doc.orders[0]).toMatchObject({ id: order.id, items: [expect.objectContaining({ productId: product.id, quantity: 2 })], note: `Ring twice, ${PERSON.name}` });
    expect(doc.orders[0].history.length).toBeGreaterThan(0);
    expect(doc.conversations.map((c: { id: string }) => c.id).sort()).toEqual(chats.map((c) => c.id).sort());
    const texts = doc.conversations.flatMap((c: { messages: { text: string }[] }) => c.messages.map((m) => m.text));
    expect(texts).toEqual(expect.arrayContaining([PERSON.email, `I am ${PERSON.name}, I live at ${PERSON.line1}`, `我叫${PERSON.name}，电话 ${PERSON.phone}`, `查一下订单 ${order.number}`]));
    const stored = await test.db.prisma.message.count({ where: { conversationId: { in: chats.map((c) => c.id) } } });
    expect(texts).toHaveLength(stored);
    expect(doc.feedback).toEqual([expect.objectContaining({ csat: 2, comment: `${PERSON.name} says the courier lost it` })]);
    expect(doc.consents.length).toBeGreaterThan(0);
    expect((await call("GET", `/customers/${customerId}/export`, { key: (await createMerchant(test.db.prisma)).apiKey })).status).toBe(404);

    // Rectification, then erasure.
    const rectified = await call("PATCH", `/customers/${customerId}`, { key: apiKey, body: { name: `${PERSON.name} Jr` } });
    expect(rectified.json).toMatchObject({ name: `${PERSON.name} Jr`, email: PERSON.email });
    expect((await call("GET", `/orders/${order.id}`, { key: apiKey })).json.customer.name).toBe(`${PERSON.name} Jr`);
    expect((await call("PATCH", `/customers/${customerId}`, { key: apiKey, body: { email: "not an email" } })).status).toBe(400);

    const erased = await call("DELETE", `/customers/${customerId}`, { key: apiKey });
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({ id: customerId, orders: 1, conversations: 2 });

    // Nothing returns them any more: API, export, orders, analytics (JSON and CSV), deliveries, sessions.
    const answers = [
      await call("GET", `/customers/${customerId}/export`, { key: apiKey }),
      await call("GET", `/orders/${order.id}`, { key: apiKey }),
      await call("GET", `/orders`, { key: apiKey }),
      await call("GET", `/analytics/feedback`, { key: apiKey }),
      await call("GET", `/analytics/feedback?format=csv`, { key: apiKey }),
      await call("GET", `/analytics/sales`, { key: apiKey }),
      await call("GET", `/webhooks/deliveries`, { key: apiKey }),
      await call("GET", `/audit-log?limit=100`, { key: apiKey }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(leaks(answer.text)).toEqual([]);
    }
    const after = answers[1]!.json;
    expect(after).toMatchObject({ id: order.id, total: order.total, items: order.items });
    expect((await call("GET", `/orders?email=${encodeURIComponent(PERSON.email)}`, { key: apiKey })).json.data).toEqual([]);
    for (const chat of chats) {
      expect((await call("GET", "/widget/messages?after=0", { key: chat.token })).status).toBe(401);
      expect((await send(chat.token, "hello again")).status).toBe(401);
    }

    // Nor does anything stored for the merchant, or any log line written meanwhile.
    for (const table of ["Customer", "Order", "OrderStatusChange", "Conversation", "Message", "Feedback", "WebhookDelivery", "IdempotencyRecord", "DailyRollup", "AuditLog", "Payment", "Refund", "RiskSignal", "PrivacyRequest"]) {
      const { rows } = await test.db.query<{ row: string }>(`select t::text as row from "${table}" t`);
      expect({ table, leaks: leaks(rows.map((r) => r.row).join("\n")) }).toEqual({ table, leaks: [] });
    }
    expect(logLines.length).toBeGreaterThan(10);
    expect(leaks(logLines.join("\n"))).toEqual([]);

    // The audit log lists each step, with the client address and ids only.
    const audit = (await call("GET", "/audit-log?limit=100", { key: apiKey })).json.data as { action: string; target: string; actor: string; clientAddress: string }[];
    const actions = audit.map((e) => e.action);
    for (const action of ["webhooks.create", "orders.create", "order.updated", "customer.exported", "customer.rectified", "customer.erased"]) expect(actions).toContain(action);
    expect(audit.find((e) => e.action === "customer.erased")).toMatchObject({ target: `customer:${customerId}`, actor: expect.stringMatching(/^api-key:/), clientAddress: expect.any(String) });
    expect(audit.find((e) => e.action === "orders.create")?.target).toBe(`order:${order.id}`);
    const filtered = (await call("GET", "/audit-log?action=customer.", { key: apiKey })).json.data.map((e: { action: string }) => e.action);
    expect(new Set(filtered)).toEqual(new Set(["customer.exported", "customer.rectified", "customer.erased"]));
    expect((await call("GET", "/audit-log?from=2999-01-01", { key: apiKey })).json.data).toEqual([]);
    expect((await call("GET", "/audit-log?from=yesterday", { key: apiKey })).status).toBe(400);
  });

  it("keeps the audit log append-only in the database", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    expect((await call("PATCH", "/settings", { key: apiKey, body: { privacy: { selfServiceErasure: "immediate", retentionDays: 30 } } })).status).toBe(200);
    const entry = await test.db.prisma.auditLog.findFirstOrThrow({ where: { merchantId: merchant.id, action: "settings.update" } });
    expect(entry.entityId).toBe(merchant.id);
    await expect(test.db.query(`update "AuditLog" set actor = 'someone else' where id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(test.db.query(`delete from "AuditLog" where id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(test.db.prisma.auditLog.deleteMany({ where: { merchantId: merchant.id } })).rejects.toThrow();
    expect(await test.db.prisma.auditLog.count({ where: { merchantId: merchant.id } })).toBe(1);
  });

  it("anonymises closed conversations older than the retention period", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    await call("PATCH", "/settings", { key: apiKey, body: { privacy: { selfServiceErasure: "queue", retentionDays: 30 } } });
    const s = await call("POST", "/widget/sessions", { body: { widgetKey: merchant.widgetKey, locale: "en" } });
    await call("POST", "/widget/messages", { key: s.json.sessionToken, body: { clientMessageId: "r-1", text: `call me on ${PERSON.phone}` } });
    const fresh = await call("POST", "/widget/sessions", { body: { widgetKey: merchant.widgetKey, locale: "en" } });
    await test.db.query(`update "Conversation" set status = 'resolved', "updatedAt" = now() - interval '40 days' where id = $1`, [s.json.conversationId]);
    await test.db.query(`update "Conversation" set status = 'resolved' where id = $1`, [fresh.json.conversationId]);
    // The retention job runs in the API process by default (in-process jobs): the same services.
    expect(await services.privacy.applyRetention(merchant.id, 30)).toBe(1);
    const texts = (await test.db.prisma.message.findMany({ where: { conversationId: s.json.conversationId } })).map((m) => m.text).join("\n");
    expect(leaks(texts)).toEqual([]);
    expect(await test.db.prisma.message.count({ where: { conversationId: fresh.json.conversationId, text: "[erased]" } })).toBe(0);
    expect((await call("GET", "/widget/messages?after=0", { key: s.json.sessionToken })).status).toBe(401);
    const audit = (await call("GET", "/audit-log?actor=system:retention", { key: apiKey })).json.data;
    expect(audit).toEqual([expect.objectContaining({ action: "conversation.anonymized", target: `conversation:${s.json.conversationId}` })]);
  });
});
