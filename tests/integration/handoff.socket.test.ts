import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import type { TestDatabase } from "../support/databases.ts";
import { createSeededDatabase } from "../support/seeded.ts";
import { connected, emitAck, next, startRealtimeServer } from "../support/realtime-server.ts";

describe("human handoff over Socket.IO", () => {
  let test: TestDatabase;
  let server: Awaited<ReturnType<typeof startRealtimeServer>>;
  let creds: DemoCredentials;

  beforeAll(async () => {
    // Open around the clock, so agents' presence alone decides (business hours have their own test).
    ({ test, creds } = await createSeededDatabase("pglite", { alwaysOpen: true }));
    server = await startRealtimeServer(test.db);
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  const toShopperSeq = async (token: string) =>
    ((await fetch(`${server.baseUrl}/api/v1/widget/messages?after=0`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as any).messages.at(-1).seq as number;
  const login = async (index: number) => (await server.post("/auth/login", { email: creds.agents[index]!.email, password: creds.agents[index]!.password })).json.token as string;
  const shopper = async (merchant = 0, locale = "en") => {
    const session = (await server.post("/widget/sessions", { widgetKey: creds.merchants[merchant]!.widgetKey, locale })).json;
    const socket = server.socket("/widget", { sessionToken: session.sessionToken });
    await connected(socket);
    return { session, socket };
  };

  it("refuses a bad agent password and bad socket credentials", async () => {
    expect((await server.post("/auth/login", { email: creds.agents[0]!.email, password: "nope" })).status).toBe(401);
    expect((await server.post("/auth/login", { email: "not-an-email" })).status).toBe(400);
    const bad = server.socket("/console", { token: "forged" });
    await expect(connected(bad)).rejects.toThrow(/auth:invalid_token/);
    const badShopper = server.socket("/widget", { sessionToken: "forged" });
    await expect(connected(badShopper)).rejects.toThrow(/auth:invalid_session/);
  });

  it("queues, claims, relays both ways, keeps notes internal, resolves — and another shop's agent sees nothing", async () => {
    const agent = server.socket("/console", { token: await login(0) });
    const stranger = server.socket("/console", { token: await login(2) });
    await Promise.all([connected(agent), connected(stranger)]);
    const strangerEvents: string[] = [];
    stranger.onAny((event) => strangerEvents.push(event));
    await emitAck(agent, "presence:set", { status: "away" });

    const { session, socket: widget } = await shopper();
    const queued = next(agent, "conversation:queued", (e: any) => e.conversation.id === session.conversationId);
    const sent = await emitAck(widget, "message:send", { clientMessageId: "h1", text: "I want to talk to a human" });
    expect(sent.data).toMatchObject({ role: "shopper", text: "I want to talk to a human" });
    expect((await queued).conversation).toMatchObject({ status: "queued", priority: 0 });

    const joined = next(widget, "conversation:status", (e: any) => e.status === "assigned");
    const claim = await emitAck(agent, "conversation:claim", { conversationId: session.conversationId });
    expect(claim.data).toMatchObject({ status: "assigned", agentName: expect.any(String) });
    expect((await joined).agentName).toBe(claim.data.agentName);
    const second = await emitAck(stranger, "conversation:claim", { conversationId: session.conversationId });
    expect(second.error.code).toBe("conversations:not_found");

    const toShopper = next(widget, "message:new", (m: any) => m.role === "agent");
    await emitAck(agent, "message:send", { conversationId: session.conversationId, clientMessageId: "a1", text: "Hi, I'm here to help." });
    expect((await toShopper).text).toBe("Hi, I'm here to help.");

    const receipt = next(agent, "message:read", (e: any) => e.conversationId === session.conversationId && e.by === "shopper");
    widget.emit("message:read", { seq: (await toShopperSeq(session.sessionToken)) });
    expect((await receipt).seq).toBeGreaterThan(0);
    const typing = next(agent, "typing", (e: any) => e.conversationId === session.conversationId);
    widget.emit("typing", { isTyping: true });
    expect(await typing).toMatchObject({ role: "shopper", isTyping: true });
    const foreignReceipt: any[] = [];
    widget.on("message:read", (e) => foreignReceipt.push(e));
    stranger.emit("message:read", { conversationId: session.conversationId, seq: 999 });

    const toAgent = next(agent, "message:new", (m: any) => m.role === "shopper" && m.text === "My parcel is late");
    await emitAck(widget, "message:send", { clientMessageId: "h2", text: "My parcel is late" });
    await toAgent;

    const widgetSaw: any[] = [];
    widget.on("message:new", (m) => widgetSaw.push(m));
    const note = await emitAck(agent, "note:add", { conversationId: session.conversationId, text: "VIP? check order history" });
    expect(note.data).toMatchObject({ internal: true });
    const opened = await emitAck(agent, "conversation:open", { conversationId: session.conversationId });
    expect(opened.data.messages.map((m: any) => m.role)).toEqual(expect.arrayContaining(["bot", "shopper", "system", "agent"]));
    expect(opened.data.messages.some((m: any) => m.internal)).toBe(true);

    const resolved = next(widget, "conversation:status", (e: any) => e.status === "resolved");
    await emitAck(agent, "conversation:resolve", { conversationId: session.conversationId });
    await resolved;
    await new Promise((r) => setTimeout(r, 200));
    expect(widgetSaw.some((m) => m.internal || m.text.includes("VIP?"))).toBe(false);
    expect(widgetSaw.at(-1).blocks).toEqual([expect.objectContaining({ type: "csat_request" })]);
    const rest = await fetch(`${server.baseUrl}/api/v1/widget/messages?after=0`, { headers: { authorization: `Bearer ${session.sessionToken}` } });
    expect(JSON.stringify(await rest.json())).not.toContain("VIP?");
    expect(strangerEvents.filter((e) => e !== "queue:updated" && e !== "agents:updated")).toEqual([]);
    expect(foreignReceipt).toEqual([]);
  });

  it("assigns a new handoff to the least-loaded online agent and tells the shopper who joined", async () => {
    const a = server.socket("/console", { token: await login(0) });
    const b = server.socket("/console", { token: await login(1) });
    await Promise.all([connected(a), connected(b)]);
    await emitAck(a, "presence:set", { status: "online" });
    await emitAck(b, "presence:set", { status: "online" });
    const loads = await server.services.handoff.agents((await test.db.prisma.agent.findUniqueOrThrow({ where: { email: creds.agents[0]!.email } })).merchantId);
    const least = [...loads].filter((x) => x.status === "online").sort((x, y) => x.load - y.load)[0]!;

    const { session, socket: widget } = await shopper(0, "zh-CN");
    const joined = next(widget, "message:new", (m: any) => m.role === "system" && m.text.includes("已加入对话"));
    await emitAck(widget, "message:send", { clientMessageId: "z1", text: "我要人工客服" });
    expect((await joined).text).toContain(least.name);
    const conversation = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: session.conversationId } });
    expect(conversation).toMatchObject({ status: "assigned", agentId: least.id });
  });

  it("makes a ticket with a due time outside business hours, even with agents online", async () => {
    const shop = await test.db.prisma.merchant.findFirstOrThrow({ where: { name: creds.merchants[0]!.name } });
    const closedAllWeek = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, null]));
    await test.db.prisma.merchant.update({ where: { id: shop.id }, data: { businessHours: closedAllWeek } });
    try {
      const agent = server.socket("/console", { token: await login(0) });
      await connected(agent);
      await emitAck(agent, "presence:set", { status: "online" });
      const { session, socket } = await shopper(0, "en");
      const ticket = next(socket, "message:new", (m: any) => m.role === "system" && /ticket/.test(m.text));
      await emitAck(socket, "message:send", { clientMessageId: "t1", text: "I want to file a complaint" });
      expect((await ticket).text).toMatch(/reply here by/);
      const conversation = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: session.conversationId } });
      expect(conversation.status).toBe("queued");
      expect(conversation.dueAt!.getTime() - conversation.queuedAt!.getTime()).toBe(24 * 3_600_000);
    } finally {
      await test.db.prisma.merchant.update({ where: { id: shop.id }, data: { businessHours: {} } });
    }
  });

  it("drops a message sent twice with one id, and acks both with the same stored message", async () => {
    const { session, socket } = await shopper();
    const [first, again] = await Promise.all([
      emitAck(socket, "message:send", { clientMessageId: "dup", text: "hello" }),
      emitAck(socket, "message:send", { clientMessageId: "dup", text: "hello" }),
    ]);
    expect(first.data.id).toBe(again.data.id);
    expect(await test.db.prisma.message.count({ where: { conversationId: session.conversationId, role: "shopper" } })).toBe(1);
  });

  it("refuses bad socket payloads with an error ack and stores nothing", async () => {
    const { session, socket } = await shopper();
    for (const payload of [{}, { clientMessageId: "x" }, { clientMessageId: "x", text: "  " }, "text", { clientMessageId: "x", text: "hi", extra: 1 }]) {
      const ack = await emitAck(socket, "message:send", payload);
      expect(ack.error.code).toBe("validation:invalid");
    }
    expect(await test.db.prisma.message.count({ where: { conversationId: session.conversationId } })).toBe(1);
    const agent = server.socket("/console", { token: await login(0) });
    await connected(agent);
    expect((await emitAck(agent, "message:send", { conversationId: "nope", text: "x" })).error.code).toBe("validation:invalid");
  });

  it("lets a shopper who dropped catch up on everything they missed, without gaps or duplicates", async () => {
    const agent = server.socket("/console", { token: await login(0) });
    await connected(agent);
    const { session, socket } = await shopper();
    await emitAck(socket, "message:send", { clientMessageId: "r1", text: "talk to a human please" });
    await emitAck(agent, "conversation:claim", { conversationId: session.conversationId }).catch(() => undefined);
    const before = (await fetch(`${server.baseUrl}/api/v1/widget/messages?after=0`, { headers: { authorization: `Bearer ${session.sessionToken}` } }).then((r) => r.json())).messages;
    const lastSeen = before.at(-1).seq;
    socket.disconnect();
    for (let i = 0; i < 3; i++) await emitAck(agent, "message:send", { conversationId: session.conversationId, clientMessageId: `m${i}`, text: `update ${i}` });
    const back = server.socket("/widget", { sessionToken: session.sessionToken });
    await connected(back);
    const missed = (await fetch(`${server.baseUrl}/api/v1/widget/messages?after=${lastSeen}`, { headers: { authorization: `Bearer ${session.sessionToken}` } }).then((r) => r.json())).messages;
    expect(missed.map((m: any) => m.text)).toEqual(["update 0", "update 1", "update 2"]);
    expect(missed.map((m: any) => m.seq)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);
    const live = next(back, "message:new", (m: any) => m.text === "still there?");
    await emitAck(agent, "message:send", { conversationId: session.conversationId, clientMessageId: "m9", text: "still there?" });
    expect((await live).seq).toBe(lastSeen + 4);
  });

  it("hands the conversation back to the bot, which answers again", async () => {
    const agent = server.socket("/console", { token: await login(0) });
    await connected(agent);
    const { session, socket } = await shopper();
    await emitAck(socket, "message:send", { clientMessageId: "hb1", text: "human please" });
    await emitAck(agent, "conversation:claim", { conversationId: session.conversationId }).catch(() => undefined);
    const back = next(socket, "conversation:status", (e: any) => e.status === "bot");
    await emitAck(agent, "conversation:handback", { conversationId: session.conversationId });
    await back;
    const botReply = next(socket, "message:new", (m: any) => m.role === "bot");
    await emitAck(socket, "message:send", { clientMessageId: "hb2", text: "what payment methods do you accept?" });
    expect((await botReply).blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: "citation" })]));
  });
});
