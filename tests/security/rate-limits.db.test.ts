import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { parseTrustProxy } from "../../api/http/client-address.ts";
import { createRateLimiters } from "../../api/http/rate-limit.ts";
import type { TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

/**
 * Red team: X-Forwarded-For was trusted as sent (login and session limits bypassed by
 * rotating it; no account lockout); the message limit was keyed on the raw Authorization
 * text; one session tried 150 order numbers in 19 s through the bot.
 */
describe("rate limits cannot be sidestepped", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("pglite"));
  });
  afterAll(async () => test?.drop());

  const spoofed = (i: number) => ({ "x-forwarded-for": `203.0.113.${i}` });

  it("ignores X-Forwarded-For unless TRUST_PROXY says a proxy sets it", async () => {
    const { call } = createTestClient(test.db, { limiters: createRateLimiters({ loginPerMinute: 3, sessionsPerMinute: 3 }) });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey }, headers: spoofed(i) })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);

    const behindProxy = createTestClient(test.db, { limiters: createRateLimiters({ sessionsPerMinute: 1 }), trustProxy: parseTrustProxy("1")! });
    for (let i = 0; i < 3; i++) expect((await behindProxy.call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey }, headers: spoofed(i) })).status).toBe(201);
    expect(parseTrustProxy("10.0.0.0/8,::1")).not.toBeNull();
    expect(parseTrustProxy("10.0.0.0/99")).toBeNull();
  });

  it("keys the message limit on the verified session, whatever the Authorization header looks like", async () => {
    const { call } = createTestClient(test.db, { limiters: createRateLimiters({ messagesPerMinute: 2 }) });
    const session = (await call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" } })).json.sessionToken as string;
    const statuses = [];
    for (const [i, auth] of [`Bearer ${session}`, `bearer ${session}`, `Bearer  ${session}`, `Bearer\t${session}`].entries()) {
      statuses.push((await call("POST", "/widget/messages", { headers: { authorization: auth }, body: { clientMessageId: `rl-${i}`, text: "hi" } })).status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it("locks an agent account after repeated wrong passwords, from any address", async () => {
    const { call } = createTestClient(test.db, { limiters: createRateLimiters({ loginPerMinute: 100, loginFailuresPerAccount: 5 }), trustProxy: parseTrustProxy("1")! });
    const agent = creds.agents[0]!;
    for (let i = 0; i < 5; i++) expect((await call("POST", "/auth/login", { body: { email: agent.email, password: "wrong-password" }, headers: spoofed(i) })).status).toBe(401);
    const locked = await call("POST", "/auth/login", { body: { email: agent.email.toUpperCase(), password: agent.password }, headers: spoofed(99) });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe("auth:locked");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account is not locked with it.
    const other = creds.agents[1]!;
    expect((await call("POST", "/auth/login", { body: { email: other.email, password: other.password } })).status).toBe(200);
  });

  it("caps order proofs (number + email) per session: after a few misses even the right pair is refused for a while", async () => {
    const { call } = createTestClient(test.db, { services: { orderProofs: { perConversation: 4, perCustomer: 100, perMerchant: 1000 } } });
    const token = (await call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" } })).json.sessionToken as string;
    const prefix = creds.sampleOrder.number.replace(/\d+$/, "");
    let n = 0;
    const send = async (text: string) => (await call("POST", "/widget/messages", { key: token, body: { clientMessageId: `proof-${++n}`, text } })).json.messages as { blocks?: { type: string }[] }[];
    for (let i = 0; i < 6; i++) await send(`where is my order ${prefix}${String(900000 + i)} ${creds.sampleOrder.email}`);
    const right = await send(`where is my order ${creds.sampleOrder.number} ${creds.sampleOrder.email}`);
    expect(JSON.stringify(right)).not.toContain('"type":"order"');
    const attempts = await test.db.prisma.order.count();
    expect(attempts).toBeGreaterThan(0);

    // A fresh session of another shopper still proves the order at once.
    const fresh = (await call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" } })).json.sessionToken as string;
    const ok = (await call("POST", "/widget/messages", { key: fresh, body: { clientMessageId: "fresh-1", text: `where is my order ${creds.sampleOrder.number} ${creds.sampleOrder.email}` } })).json.messages;
    expect(JSON.stringify(ok)).toContain('"type":"order"');
  });
});
