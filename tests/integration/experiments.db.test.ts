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
  }, 180_000);
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
    const greeting = history.json.messages[0];
    const chips = (greeting.blocks ?? []).filter((b: { type: string }) => b.type === "quick_replies").flatMap((b: { options: { text: string }[] }) => b.options.map((o) => o.text)) as string[];
    return { token: session.json.sessionToken as string, conversationId: session.json.conversationId as string, text: greeting.text as string, chips };
  };

  it("refuses bad experiments with 4xx and changes nothing", async () => {
    const key = shop().apiKey;
    const bad = [
      { key: "x", variants: [{ name: "only", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1 }, { name: "a", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 0 }, { name: "b", weight: 0 }] },
      { key: "x", variants: [{ name: "a", weight: 1.5 }, { name: "b", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1, greeting: {} }, { name: "b", weight: 1 }] },
      { key: "x", goal: "clicks", variants: [{ name: "a", weight: 1 }, { name: "b", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1, quickReplies: [] }, { name: "b", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1, quickReplies: [{}] }, { name: "b", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1, quickReplies: [{ en: "x".repeat(41) }] }, { name: "b", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1, quickReplies: [{ en: "   " }] }, { name: "b", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1, quickReplies: [{ fr: "Bonjour" }] }, { name: "b", weight: 1 }] },
      { key: "x", variants: [{ name: "a", weight: 1, quickReplies: Array.from({ length: 7 }, (_, i) => ({ en: `chip ${i}` })) }, { name: "b", weight: 1 }] },
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

  it("shows each variant's quick replies under the greeting, keeps each shopper's, and counts a click on one once", async () => {
    const key = shop().apiKey;
    const CHIPS = [{ en: "Gift sets", "zh-CN": "礼盒" }, { en: "Today's deals" }];
    const DEFAULT_EN = ["Track my order", "Browse products", "Return policy", "Talk to a person"];
    const created = await http(1, "POST", "/experiments", key, { key: "greeting-chips", goal: "quick_reply", variants: [{ name: "control", weight: 1 }, { name: "chips", weight: 1, quickReplies: CHIPS }] });
    expect(created.status).toBe(201);
    expect(created.json.variants[1].quickReplies).toEqual(CHIPS);
    const id = created.json.id as string;

    const visitors = Array.from({ length: 20 }, (_, i) => `chipper-${kind}-${i}`);
    const first = await Promise.all(visitors.map((v, i) => greetingOf(i % 2, v)));
    const chips = first.filter((g) => g.chips[0] === "Gift sets");
    const control = first.filter((g) => g.chips[0] !== "Gift sets");
    expect(chips.length).toBeGreaterThan(1);
    expect(control.length).toBeGreaterThan(1);
    for (const g of chips) expect(g.chips).toEqual(["Gift sets", "Today's deals"]);
    for (const g of control) expect(g.chips).toEqual(DEFAULT_EN);
    // The greeting itself is the bot's in both variants.
    expect(first.every((g) => g.text.includes("Lumen Lane"))).toBe(true);

    // A reload on the other node, in either language: the same variant (a chip without Chinese shows its English).
    const again = await Promise.all(visitors.map((v, i) => greetingOf((i + 1) % 2, v, i % 2 ? "zh-CN" : "en")));
    again.forEach((g, i) => {
      const wasChips = first[i]!.chips[0] === "Gift sets";
      expect(g.chips.length).toBe(wasChips ? 2 : 4);
      if (wasChips) expect(g.chips).toEqual(i % 2 ? ["礼盒", "Today's deals"] : ["Gift sets", "Today's deals"]);
    });

    let n = 0;
    const click = (node: number, g: { token: string }, text: string, id = `chip-${kind}-${++n}`) => http(node, "POST", "/widget/messages", g.token, { clientMessageId: id, text, action: { type: "quick_reply" } });
    // Two chips shoppers click, one of them twice and the same click on both nodes at once: one conversion each.
    const [c0, c1, c2] = chips;
    const same = `chip-${kind}-same`;
    const sent = await Promise.all([click(0, c0!, "Gift sets", same), click(1, c0!, "Gift sets", same), click(1, c0!, "Today's deals"), click(0, c1!, "Today's deals")]);
    for (const r of sent) expect(r.status).toBe(200);
    expect(sent[0]!.json.messages.at(-1).role).toBe("bot");
    // Neither a typed message with a chip's words, a "click" on words the greeting never offered, nor a CSAT counts.
    expect((await http(0, "POST", "/widget/messages", c2!.token, { clientMessageId: `typed-${kind}`, text: "Gift sets" })).status).toBe(200);
    expect((await click(1, c2!, "Something else")).status).toBe(200);
    expect((await http(1, "POST", "/widget/feedback", c2!.token, { csat: 5 })).status).toBe(200);
    // A control shopper clicks one of the bot's own chips: the control's conversion.
    expect((await click(1, control[0]!, "Return policy")).status).toBe(200);
    // The click is an ordinary message to the bot, and a bad action is refused.
    expect((await http(0, "POST", "/widget/messages", control[1]!.token, { clientMessageId: `bad-${kind}`, text: "Return policy", action: { type: "quick_reply", extra: 1 } })).status).toBe(400);

    const results = await http(0, "GET", `/experiments/${id}/results`, key);
    expect(results.status).toBe(200);
    expect(results.json.goal).toBe("quick_reply");
    const byName = Object.fromEntries(results.json.variants.map((v: any) => [v.name, v]));
    const chipSessions = chips.length + again.filter((g) => g.chips.length === 2).length;
    expect(byName.chips).toMatchObject({ sessions: chipSessions, conversions: 2 });
    expect(byName.control).toMatchObject({ sessions: 40 - chipSessions, conversions: 1 });
    for (const v of results.json.variants) expect(v.rate).toBeCloseTo(v.conversions / v.sessions, 3);

    expect((await http(0, "PATCH", `/experiments/${id}`, key, { status: "stopped" })).status).toBe(200);
  }, 120_000);
});
