import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessQueue } from "../../api/jobs/in-process-queue.ts";
import { publishWebhooks, startWorkers } from "../../api/jobs/wiring.ts";
import { verifySignature } from "../../api/domain/webhooks/webhooks.service.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct, orderBody } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";
import { silentLogger } from "../support/logger.ts";

/** A merchant's endpoint: fails the first `failures` calls, then answers 200; records every call. */
async function receiver(failures: number) {
  const calls: { headers: IncomingMessage["headers"]; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      calls.push({ headers: req.headers, body });
      res.statusCode = calls.length <= failures ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { calls, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, close: () => new Promise((r) => server.close(r)) };
}

describe("webhooks and service levels", () => {
  let test: TestDatabase;
  let services: ReturnType<typeof createTestClient>["services"];
  let call: (method: string, path: string, key: string, body?: unknown, headers?: Record<string, string>) => ReturnType<ReturnType<typeof createTestClient>["call"]>;

  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    const queue = new InProcessQueue(silentLogger, 0.01);
    // Delivers to a local endpoint: private addresses allowed, as WEBHOOKS_ALLOW_PRIVATE=true does.
    const client = createTestClient(test.db, { services: { queue, webhooksAllowPrivate: true } });
    services = client.services;
    publishWebhooks(services, silentLogger);
    await startWorkers(queue, services);
    call = (method, path, key, body, headers) => client.call(method, path, { key, body, headers });
  });
  afterAll(async () => {
    await services?.queue.close();
    await test?.drop();
  });

  it("signs and delivers order events, retrying a failing endpoint, with a delivery log", async () => {
    const hook = await receiver(1);
    try {
      const { merchant, apiKey } = await createMerchant(test.db.prisma);
      const endpoint = await call("POST", "/webhooks", apiKey, { url: hook.url, events: ["order.created", "order.status_changed"] });
      expect(endpoint.status).toBe(201);
      expect(endpoint.json.secret).toMatch(/^whsec_/);
      const product = await createProduct(test.db.prisma, merchant.id);
      const order = await call("POST", "/orders", apiKey, orderBody(product.id), { "idempotency-key": "wh-1" });
      expect(order.status).toBe(201);

      await expect.poll(() => hook.calls.length, { timeout: 10_000 }).toBe(2);
      const delivered = hook.calls[1]!;
      expect(delivered.headers["x-shopchat-event"]).toBe("order.created");
      expect(verifySignature(endpoint.json.secret, String(delivered.headers["x-shopchat-signature"]), delivered.body)).toBe(true);
      expect(verifySignature("whsec_wrong", String(delivered.headers["x-shopchat-signature"]), delivered.body)).toBe(false);
      expect(JSON.parse(delivered.body)).toMatchObject({ event: "order.created", data: { order: { id: order.json.id, number: order.json.number } } });

      const log = await call("GET", "/webhooks/deliveries", apiKey);
      await expect.poll(async () => (await call("GET", "/webhooks/deliveries", apiKey)).json.data[0]?.status, { timeout: 5000 }).toBe("succeeded");
      expect(log.json.data[0]).toMatchObject({ event: "order.created" });
      const final = (await call("GET", "/webhooks/deliveries", apiKey)).json.data[0];
      expect(final).toMatchObject({ attempts: 2, lastStatusCode: 200 });
    } finally {
      await hook.close();
    }
  });

  it("refuses bad endpoints and keeps them per merchant", async () => {
    const a = await createMerchant(test.db.prisma);
    const b = await createMerchant(test.db.prisma);
    expect((await call("POST", "/webhooks", a.apiKey, { url: "ftp://example.com/x", events: ["order.created"] })).status).toBe(400);
    expect((await call("POST", "/webhooks", a.apiKey, { url: "https://example.com/x", events: ["nope"] })).status).toBe(400);
    const created = await call("POST", "/webhooks", a.apiKey, { url: "https://example.com/x", events: ["order.created"] });
    expect((await call("DELETE", `/webhooks/${created.json.id}`, b.apiKey)).status).toBe(404);
    expect((await call("GET", "/webhooks", b.apiKey)).json.data).toEqual([]);
    expect((await call("DELETE", `/webhooks/${created.json.id}`, a.apiKey)).status).toBe(204);
  });

  it("reminds agents of a long wait once, and escalates an overdue conversation once", async () => {
    const { merchant } = await createMerchant(test.db.prisma);
    const now = new Date();
    const conversation = await test.db.prisma.conversation.create({
      data: { merchantId: merchant.id, locale: "en", status: "queued", queuedAt: new Date(now.getTime() - 10 * 60_000), dueAt: new Date(now.getTime() - 60_000) },
    });
    const seen: string[] = [];
    const stop = services.events.subscribe((e) => e.conversationId === conversation.id && seen.push(e.type === "status" ? `status:${e.status}` : e.type));
    const first = await services.sla.sweep(now);
    expect(first.renotified).toBeGreaterThanOrEqual(1);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    expect(seen).toEqual(expect.arrayContaining(["status:queued", "escalated"]));
    const after = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.priority).toBe(5);
    expect(await test.db.prisma.message.findFirst({ where: { conversationId: conversation.id, internal: true } })).toMatchObject({ text: expect.stringMatching(/escalated/) });
    seen.length = 0;
    await services.sla.sweep(new Date(now.getTime() + 60_000));
    expect(seen).toEqual([]);
    stop();
  });
});

describe("merchant settings", () => {
  let test: TestDatabase;
  let client: ReturnType<typeof createTestClient>;
  const call = (method: string, path: string, key: string, body?: unknown) => client.call(method, path, { key, body });
  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  it("themes the widget, with readable text on the brand colour, and refuses bad values", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    expect((await call("PUT", "/settings/widget", apiKey, { color: "#fde047", position: "left", title: { en: "Help" } })).status).toBe(200);
    const config = await call("GET", `/widget/config?widgetKey=${merchant.widgetKey}`, "");
    expect(config.json.theme).toMatchObject({ color: "#fde047", textColor: "#000000", position: "left", title: { en: "Help" } });
    expect((await call("PUT", "/settings/widget", apiKey, { color: "red" })).status).toBe(400);
    expect((await call("PUT", "/settings/widget", apiKey, { avatar: "javascript:alert(1)" })).status).toBe(400);
    expect((await call("PUT", "/settings/canned-responses", apiKey, { cannedResponses: [{ title: "Hi", text: "Hello {{name}}" }] })).status).toBe(200);
    expect((await call("GET", "/settings/canned-responses", apiKey)).json.cannedResponses).toHaveLength(1);
    expect((await call("GET", "/widget/config?widgetKey=nope", "")).status).toBe(404);
  });

  it("reads every setting with defaults, saves some sections in one step, refuses bad ones and never shows secrets", async () => {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const before = await call("GET", "/settings", apiKey);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ shipping: null, handoff: { complaintSlaHours: 24, autoAssign: true }, payments: { provider: "sandbox", windowMinutes: 30 } });
    const patched = await call("PATCH", "/settings", apiKey, {
      handoff: { complaintSlaHours: 4, ticketSlaHours: 12, renotifyMinutes: 2, autoAssign: false },
      shipping: { flatFee: { amount: 800, currency: merchant.currency }, freeOver: { amount: 9900, currency: merchant.currency } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.handoff).toEqual({ complaintSlaHours: 4, ticketSlaHours: 12, renotifyMinutes: 2, autoAssign: false });
    // Two saves of different sections at once both stay.
    await Promise.all([
      call("PUT", "/settings/widget", apiKey, { color: "#123456" }),
      call("PATCH", "/settings", apiKey, { cannedResponses: [{ title: "Hi", text: "Hello" }] }),
    ]);
    const after = (await call("GET", "/settings", apiKey)).json;
    expect(after).toMatchObject({ widget: { color: "#123456" }, cannedResponses: [{ title: "Hi" }], handoff: { complaintSlaHours: 4 }, shipping: { flatFee: { amount: 800 } } });
    for (const bad of [{ handoff: { complaintSlaHours: 0 } }, { payments: { provider: "sandbox" } }, { constructor: {} }, { shipping: { flatFee: { amount: 1, currency: "XYZ" }, freeOver: { amount: 1, currency: "XYZ" } } }]) {
      expect((await call("PATCH", "/settings", apiKey, bad)).status).toBe(400);
    }
    expect((await call("GET", "/settings", apiKey)).json).toEqual(after);
    expect(JSON.stringify(after)).not.toMatch(/secret|credentials/);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After past the limits, and counts per client and per session", async () => {
    const db = await createTestDatabase("pglite");
    try {
      const { createRateLimiters } = await import("../../api/http/rate-limit.ts");
      const { call } = createTestClient(db.db, { limiters: createRateLimiters({ loginPerMinute: 3, sessionsPerMinute: 2, messagesPerMinute: 2 }) });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call("POST", "/auth/login", { body: { email: "x@example.com", password: "nope" } })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await call("POST", "/auth/login", { body: { email: "x@example.com", password: "nope" } });
      expect(limited.json.error.code).toBe("rate_limit:exceeded");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);

      const { merchant } = await createMerchant(db.db.prisma);
      const open = async () => call("POST", "/widget/sessions", { body: { widgetKey: merchant.widgetKey } });
      const first = await open();
      expect((await open()).status).toBe(201);
      expect((await open()).status).toBe(429);
      const say = (text: string) => call("POST", "/widget/messages", { key: first.json.sessionToken, body: { clientMessageId: text, text } });
      expect([(await say("a")).status, (await say("b")).status, (await say("c")).status]).toEqual([200, 200, 429]);
    } finally {
      await db.drop();
    }
  });
});
