import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryTokenBudget } from "../../bot/llm/budget.ts";
import { LlmClient } from "../../bot/llm/client.ts";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { startScriptedModel, type ScriptedReply } from "../fakes/openai-server.ts";
import type { TestDatabase } from "../support/databases.ts";
import { connected, emitAck, next, startRealtimeServer } from "../support/realtime-server.ts";
import { createSeededDatabase } from "../support/seeded.ts";

type Reply = Exclude<ScriptedReply, Function>;

/**
 * The platform with a model configured, over real sockets and the embedded database: the
 * scripted OpenAI-compatible server stands in for the model, reached over HTTP by the
 * real client. Each test sets how the "model" behaves.
 */
describe("LLM mode end to end", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let server: Awaited<ReturnType<typeof startRealtimeServer>>;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let behave: (body: any) => Reply = () => ({ content: "unused" });

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("pglite", { alwaysOpen: true }));
    model = await startScriptedModel([(body) => behave(body)]);
    const client = new LlmClient({ baseURL: model.baseUrl, apiKey: "test", model: "scripted", timeoutMs: 2000, failureThreshold: 100 });
    server = await startRealtimeServer(test.db, { llm: { client, budget: new MemoryTokenBudget(1_000_000) } });
  });
  afterAll(async () => {
    await server?.close();
    await model?.close();
    await test?.drop();
  });

  const shop = () => creds.merchants[0]!;
  const shopper = async (locale: string, identity?: string) => {
    const hmac = identity ? createHmac("sha256", shop().identitySecret).update(identity).digest("hex") : undefined;
    const session = (await server.post("/widget/sessions", { widgetKey: shop().widgetKey, locale, ...(identity ? { identity: { customerId: identity, hmac } } : {}) })).json;
    const socket = server.socket("/widget", { sessionToken: session.sessionToken });
    await connected(socket);
    const drafts: string[] = [];
    socket.on("message:delta", (e: { text: string }) => drafts.push(e.text));
    return { session, socket, drafts };
  };
  const history = async (token: string) =>
    ((await fetch(`${server.baseUrl}/api/v1/widget/messages?after=0`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as any).messages as any[];
  /** The tool result the model was last sent. */
  const lastTool = (body: any) => JSON.parse(body.messages.filter((m: any) => m.role === "tool").at(-1).content);

  it("streams a cited help-center answer to the widget and stores only the final message", async () => {
    behave = (body) => (body.messages.some((m: any) => m.role === "tool") ? { content: "Sealed tea can be returned within 7 days of delivery [1]. Opened tea cannot." } : { toolCalls: [{ name: "search_help_center", arguments: '{"query":"return sealed tea"}' }] });
    const { session, socket, drafts } = await shopper("en");
    const reply = next(socket, "message:new", (m) => m.role === "bot");
    const ack = await emitAck(socket, "message:send", { clientMessageId: "q1", text: "my aunt got tea as a present, still sealed, can it go back?" });
    expect(ack.data).toMatchObject({ role: "shopper" });
    const bot = await reply;
    expect(bot.text).toBe("Sealed tea can be returned within 7 days of delivery. Opened tea cannot.");
    expect(bot.blocks).toEqual([expect.objectContaining({ type: "citation", title: "Returns policy" })]);
    expect(drafts.length).toBeGreaterThan(2);
    expect(bot.text.startsWith(drafts.at(-1)!)).toBe(true);
    const stored = await history(session.sessionToken);
    expect(stored.filter((m) => m.role === "bot").map((m) => m.text)).toEqual([expect.stringContaining("Lumen Lane"), bot.text]);
  });

  it("gives the model the conversation so far, and answers in Chinese", async () => {
    behave = () => ({ content: "您好！我们有多款好茶，比如龙井和茉莉花茶，想看看哪一款？" });
    const { socket } = await shopper("zh-CN");
    await emitAck(socket, "message:send", { clientMessageId: "z1", text: "你好呀，在吗" });
    const second = next(socket, "message:new", (m) => m.role === "bot" && m.seq > 3);
    await emitAck(socket, "message:send", { clientMessageId: "z2", text: "随便聊聊，你们家什么最好喝" });
    expect((await second).text).toMatch(/龙井/);
    const sent = model.requests.at(-1)!.body.messages;
    expect(sent.filter((m: any) => m.role === "user").map((m: any) => m.content)).toEqual([expect.stringContaining("你好呀，在吗"), expect.stringContaining("随便聊聊")]);
    expect(sent.filter((m: any) => m.role === "assistant")).not.toHaveLength(0);
  });

  it("reads the verified shopper's own orders from the database and refuses anyone else's", async () => {
    const orders = (await fetch(`${server.baseUrl}/api/v1/orders?limit=50`, { headers: { authorization: `Bearer ${shop().apiKey}` } }).then((r) => r.json())) as any;
    const stranger = orders.data.find((o: any) => o.customer.email !== creds.sampleOrder.email);
    let step = 0;
    let mine: any;
    behave = (body) => {
      step++;
      if (step === 1) return { toolCalls: [{ name: "my_orders", arguments: "{}" }] };
      if (step === 2) {
        mine = lastTool(body);
        return { toolCalls: [{ name: "my_orders", arguments: JSON.stringify({ order_number: stranger?.number ?? "LL000000" }) }] };
      }
      return { content: "You have a few orders with us; the newest is on its way." };
    };
    const { socket } = await shopper("en", "demo-customer-1");
    const reply = next(socket, "message:new", (m) => m.role === "bot" && m.seq > 1);
    await emitAck(socket, "message:send", { clientMessageId: "o1", text: "hey, what did I buy from you lately?" });
    await reply;
    const numbers = mine.data.orders.map((o: any) => o.number);
    const own = orders.data.filter((o: any) => o.customer.email === creds.sampleOrder.email).map((o: any) => o.number);
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect(own).toContain(n);
    expect(lastTool(model.requests.at(-1)!.body)).toMatchObject({ refused: true, error: "not_found" });
  });

  it("answers with the local engine when the model fails, with no error text", async () => {
    behave = () => ({ status: 500 });
    const { socket, drafts } = await shopper("en");
    const reply = next(socket, "message:new", (m) => m.role === "bot" && m.seq > 1);
    await emitAck(socket, "message:send", { clientMessageId: "f1", text: "what payment methods do you accept?" });
    const bot = await reply;
    expect(bot.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: "citation", title: "Payment methods" })]));
    expect(bot.text).not.toMatch(/error|500/i);
    expect(drafts).toEqual([]);
  });

  it("writes the feedback summary with the model, and keeps the local one when the model's numbers are made up", async () => {
    const day = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10);
    const period = `from=${day(-86_400_000)}&to=${day(86_400_000)}`;
    const get = async (locale: string) =>
      ((await fetch(`${server.baseUrl}/api/v1/analytics/feedback?${period}&locale=${locale}`, { headers: { authorization: `Bearer ${shop().apiKey}` } }).then((r) => r.json())) as any).summary;
    behave = (body) => {
      const data = JSON.parse(body.messages.at(-1).content);
      return { content: `Shoppers were mostly happy. The bot handled ${data.numbers.containmentRate} of chats alone. Next: write a help article for the most common unanswered question.` };
    };
    const report = await fetch(`${server.baseUrl}/api/v1/analytics/feedback?${period}`, { headers: { authorization: `Bearer ${shop().apiKey}` } }).then((r) => r.json() as Promise<any>);
    // The turns of this file: four answered by the model (one, two, one), one by the engine after a 500.
    expect(report.answeredBy).toEqual({ local: 0, model: 4, fallback: 1 });
    const written = await get("en");
    expect(written).toMatchObject({ source: "model", locale: "en" });
    expect(written.text).toMatch(/^Shoppers were mostly happy\. The bot handled \d+% of chats alone\./);
    behave = () => ({ content: "满意度很高，机器人独立解决了 97% 的会话。" });
    const local = await get("zh-CN");
    expect(local.source).toBe("local");
    expect(local.text).toMatch(/机器人独立解决/);
  });
});
