import { serve } from "@hono/node-server";
import type { Server as HttpServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import { createServices } from "../../api/services.ts";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { TEST_SECRET } from "../support/http.ts";
import { silentLogger } from "../support/logger.ts";
import { testNlu } from "../support/nlu.ts";
import { createSeededDatabase } from "../support/seeded.ts";

const WARM = { en: "Hello tea lover! New shoppers get a free sample today.", "zh-CN": "你好，茶友！新顾客今天可领取免费试饮装。" };

describe.each(DATABASE_KINDS)("greeting experiments over HTTP, two nodes, on %s", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  const servers: HttpServer[] = [];
  const nodes: string[] = [];

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase(kind));
    // Two API nodes over one database: a shopper's variant must not depend on the node.
    const nlu = testNlu();
    for (let i = 0; i < 2; i++) {
      const services = createServices(test.db, silentLogger, { appSecret: TEST_SECRET, nlu });
      const server = serve({ fetch: createApp({ db: test.db, log: silentLogger, services }).fetch, port: 0, hostname: "127.0.0.1" }) as HttpServer;
      await new Promise((resolve) => server.once("listening", resolve));
      servers.push(server);
      nodes.push(`http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`);
    }
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) server.close();
    await test?.drop();
  });

  const http = async (node: number, method: string, path: string, key?: string, body?: unknown) => {
    const res = await fetch(`${nodes[node]}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as any };
  };
  const shop = () => creds.merchants[0]!;
  const greetingOf = async (node: number, visitorId: string, locale = "en") => {
    const session = await http(node, "POST", "/widget/sessions", undefined, { widgetKey: shop().widgetKey, locale, visitorId });
    expect(session.status).toBe(201);
    const history = await http(node, "GET", "/widget/messages?after=0", session.json.sessionToken);
    expect(history.json.messages[0]).toMatchObject({ seq: 1, role: "bot" });
    return { token: session.json.sessionToken as string, conversationId: session.json.conversationId as string, text: history.json.messages[0].text as string };
  };

  it("refuses bad experiments with 4xx and changes nothing", async () => {
    const key = shop().apiKey;
    const bad = [
      { key: "x", variants: [{ name: "only", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1 }, { name: "a", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 0 }, { name: "b", weight: 0 }] },
      { key: "x", variants: [{ name: "a", weight: 1.5 }, { name: "b", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1, greeting: {} }, { name: "b", weight: 1 }] },
    ];
    for (const body of bad) expect((await http(0, "POST", "/experiments", key, body)).status).toBe(400);
    expect((await http(0, "POST", "/experiments", undefined, bad[0])).status).toBe(401);
    expect((await http(0, "GET", "/experiments", key)).json.data).toEqual([]);
  });

  it("shows both greetings to new shoppers, keeps each shopper's, and reports per-variant results", async () => {
    const key = shop().apiKey;
    const created = await http(0, "POST", "/experiments", key, { key: "greeting-warm", goal: "csat", variants: [{ name: "control", weight: 1 }, { name: "warm", weight: 1, greeting: WARM }] });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await http(1, "POST", "/experiments", key, { key: "greeting-warm", variants: [{ name: "a", weight: 1 }, { name: "b", weight: 1 }] })).status).toBe(409);

    const visitors = Array.from({ length: 24 }, (_, i) => `visitor-${kind}-${i}`);
    const first = await Promise.all(visitors.map((v, i) => greetingOf(i % 2, v)));
    const warm = first.filter((g) => g.text === WARM.en);
    const control = first.filter((g) => g.text !== WARM.en);
    expect(warm.length).toBeGreaterThan(0);
    expect(control.length).toBeGreaterThan(0);
    expect(control.every((g) => g.text.includes("Lumen Lane"))).toBe(true);

    // A reload on the other node, in either language: the same variant.
    const again = await Promise.all(visitors.map((v, i) => greetingOf((i + 1) % 2, v, i % 3 === 0 ? "zh-CN" : "en")));
    again.forEach((g, i) => {
      const wasWarm = first[i]!.text === WARM.en;
      expect([WARM.en, WARM["zh-CN"]].includes(g.text)).toBe(wasWarm);
    });

    // Satisfied shoppers convert (once each, however often and concurrently they rate); a poor rating does not.
    const happy = [...warm.slice(0, 3), ...control.slice(0, 1)];
    await Promise.all(happy.flatMap((g) => [0, 1, 1].map((node) => http(node, "POST", "/widget/feedback", g.token, { csat: 5 }))));
    await http(0, "POST", "/widget/feedback", control[1]?.token ?? control[0]!.token, { csat: 2 });

    const results = await http(1, "GET", `/experiments/${id}/results`, key);
    expect(results.status).toBe(200);
    const byName = Object.fromEntries(results.json.variants.map((v: any) => [v.name, v]));
    const warmSessions = warm.length + again.filter((g) => g.text === WARM.en || g.text === WARM["zh-CN"]).length;
    expect(byName.warm).toMatchObject({ sessions: warmSessions, conversions: 3 });
    expect(byName.control).toMatchObject({ sessions: 48 - warmSessions, conversions: 1 });
    for (const v of results.json.variants) {
      expect(v.rate).toBeCloseTo(v.conversions / v.sessions, 3);
      expect(v.interval[0]).toBeLessThanOrEqual(v.rate);
      expect(v.interval[1]).toBeGreaterThanOrEqual(v.rate);
    }
    expect(results.json).toMatchObject({ experimentId: id, winner: null, clear: false });

    // Tenant walls: the other merchant sees no such experiment.
    expect((await http(0, "GET", `/experiments/${id}/results`, creds.merchants[1]!.apiKey)).status).toBe(404);

    // Stopped: new shoppers get the usual greeting.
    expect((await http(0, "PATCH", `/experiments/${id}`, key, { status: "stopped" })).json.status).toBe("stopped");
    const after = await Promise.all(visitors.slice(0, 6).map((v) => greetingOf(0, v)));
    expect(after.every((g) => g.text.includes("Lumen Lane"))).toBe(true);
  }, 90_000);

  it("counts an order the bot places in the conversation as its conversion, once, with the often-bought-together cards", async () => {
    const key = shop().apiKey;
    const created = await http(0, "POST", "/experiments", key, { key: "greeting-order", variants: [{ name: "plain", weight: 1 }, { name: "promo", weight: 1, promotion: { text: { en: "Free shipping today." } } }] });
    const id = created.json.id as string;
    const g = await greetingOf(1, `buyer-${kind}`);
    let n = 0;
    const send = (text: string, extra: Record<string, unknown> = {}) => http(n % 2, "POST", "/widget/messages", g.token, { clientMessageId: `buy-${++n}`, text, ...extra });
    for (const text of ["I want to buy the longjing tea", "1", "12 Wensan Road, Hangzhou", "Wang Fang", "13900001111", "buyer@example.com"]) expect((await send(text)).status).toBe(200);
    const history = await http(0, "GET", "/widget/messages?after=0", g.token);
    const confirm = history.json.messages.at(-1).blocks.find((b: { type: string }) => b.type === "confirm");
    const clicks = await Promise.all([0, 1].map(() => send("Confirm", { action: { type: "confirm", token: confirm.token } })));
    const placed = clicks[0]!.json.messages.at(-1);
    expect(placed.blocks[0].type).toBe("order");
    expect(placed.blocks.at(-1)).toMatchObject({ type: "products", title: "Often bought together:" });

    const results = await http(0, "GET", `/experiments/${id}/results`, key);
    const mine = results.json.variants.find((v: any) => v.sessions === 1);
    expect(mine).toMatchObject({ sessions: 1, conversions: 1, rate: 1 });
    expect(results.json.variants.reduce((sum: number, v: any) => sum + v.conversions, 0)).toBe(1);
    expect(g.text.endsWith("Free shipping today.")).toBe(mine.name === "promo");
  }, 90_000);
});
