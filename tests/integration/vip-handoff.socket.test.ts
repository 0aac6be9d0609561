import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import type { TestDatabase } from "../support/databases.ts";
import { createSeededDatabase } from "../support/seeded.ts";
import { connected, emitAck, next, startRealtimeServer } from "../support/realtime-server.ts";

/**
 * A VIP's handoff goes to their account manager when that agent is online (even when another
 * agent has fewer chats), and to the normal queue, ahead of everyone else, when the manager is
 * offline; real agent clients over Socket.IO.
 */
describe("VIP handoff to the account manager over Socket.IO", () => {
  let test: TestDatabase;
  let server: Awaited<ReturnType<typeof startRealtimeServer>>;
  let creds: DemoCredentials;
  let merchantId: string;
  let agentA: { id: string; name: string };
  let manager: { id: string; name: string };

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("pglite", { alwaysOpen: true }));
    server = await startRealtimeServer(test.db);
    const shop = creds.merchants[0]!;
    const a = await test.db.prisma.agent.findUniqueOrThrow({ where: { email: creds.agents[0]!.email } });
    const m = await test.db.prisma.agent.findUniqueOrThrow({ where: { email: creds.agents[1]!.email } });
    merchantId = a.merchantId;
    agentA = { id: a.id, name: a.name };
    manager = { id: m.id, name: m.name };
    const saved = await fetch(`${server.baseUrl}/api/v1/settings`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${shop.apiKey}` },
      body: JSON.stringify({ vip: { spendOver: { amount: 50000, currency: "CNY" }, accountManagerId: manager.id } }),
    });
    expect(saved.status).toBe(200);
    // Two VIPs by paid spend (60000 over the 50000 threshold).
    for (const externalId of ["vip-one", "vip-two"]) {
      const customer = await test.db.prisma.customer.create({ data: { merchantId, externalId, name: `Customer ${externalId}` } });
      await test.db.prisma.order.create({
        data: { merchantId, number: `VIP-${externalId}`, customerId: customer.id, customerEmail: `${externalId}@example.com`, status: "paid", totalAmount: 60000, currency: "CNY", shippingAddress: {} },
      });
    }
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  const login = async (index: number) => (await server.post("/auth/login", { email: creds.agents[index]!.email, password: creds.agents[index]!.password })).json.token as string;
  const agentSocket = async (index: number) => {
    const socket = server.socket("/console", { token: await login(index) });
    await connected(socket);
    await emitAck(socket, "presence:set", { status: "online" });
    return socket;
  };
  const shopper = async (externalId?: string) => {
    const shop = creds.merchants[0]!;
    const identity = externalId ? { customerId: externalId, hmac: createHmac("sha256", shop.identitySecret).update(externalId).digest("hex") } : undefined;
    const session = (await server.post("/widget/sessions", { widgetKey: shop.widgetKey, locale: "en", identity })).json;
    const socket = server.socket("/widget", { sessionToken: session.sessionToken });
    await connected(socket);
    return { session, socket };
  };
  /** The shopper asks for a person; resolves with the system message that follows (who joined, or the queue place). */
  const handOff = async (who: Awaited<ReturnType<typeof shopper>>, id: string) => {
    const said = next(who.socket, "message:new", (m: any) => m.role === "system");
    await emitAck(who.socket, "message:send", { clientMessageId: id, text: "I want to talk to a human" });
    return (await said).text as string;
  };
  const loads = async () => new Map((await server.services.handoff.agents(merchantId)).map((a) => [a.id, a]));

  it("gives a VIP's handoff to their online account manager though another agent has fewer chats; a regular shopper goes to the least loaded", async () => {
    const a = await agentSocket(0);
    const m = await agentSocket(1);
    // The manager is the busier one: least-loaded assignment alone would pick the other agent.
    const before = await loads();
    for (let i = before.get(manager.id)!.load; i <= before.get(agentA.id)!.load; i++) {
      await test.db.prisma.conversation.create({ data: { merchantId, locale: "en", status: "assigned", agentId: manager.id } });
    }
    expect((await loads()).get(manager.id)!.load).toBeGreaterThan((await loads()).get(agentA.id)!.load);

    const vip = await shopper("vip-one");
    expect(await handOff(vip, "v1")).toContain(manager.name);
    const conversation = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: vip.session.conversationId } });
    expect(conversation).toMatchObject({ status: "assigned", agentId: manager.id, priority: 1 });
    const opened = await emitAck(m, "conversation:open", { conversationId: vip.session.conversationId });
    expect(opened.data.conversation.customer).toMatchObject({ vip: true });
    expect(opened.data.customer).toEqual({ tier: "vip", lifetimeSpend: { amount: 60000, currency: "CNY" }, accountManager: manager });

    const regular = await shopper();
    expect(await handOff(regular, "r1")).toContain(agentA.name);
    expect(await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: regular.session.conversationId } })).toMatchObject({ agentId: agentA.id, priority: 0 });

    await emitAck(m, "conversation:resolve", { conversationId: vip.session.conversationId });
    await emitAck(a, "conversation:resolve", { conversationId: regular.session.conversationId });
    a.disconnect();
    m.disconnect();
  });

  it("queues a VIP ahead of earlier shoppers when the manager is offline, and the next free agent takes the VIP first", async () => {
    const a = await agentSocket(0);
    // The manager's disconnect sets them offline.
    for (let i = 0; i < 50 && (await loads()).get(manager.id)!.status !== "offline"; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await loads()).get(manager.id)!.status).toBe("offline");
    // The online agent is full: handoffs wait in the queue.
    const full = (await loads()).get(agentA.id)!.load;
    await test.db.prisma.agent.update({ where: { id: agentA.id }, data: { maxChats: full } });

    const regular = await shopper();
    expect(await handOff(regular, "r2")).toContain("number 1 in the queue");
    const vip = await shopper("vip-two");
    expect(await handOff(vip, "v2")).toContain("number 1 in the queue");
    const queue = (await server.services.handoff.queue(merchantId)).filter((c) => c.status === "queued");
    expect(queue.map((c) => c.id)).toEqual([vip.session.conversationId, regular.session.conversationId]);
    expect(queue[0]).toMatchObject({ priority: 1, customer: { vip: true } });

    // Room for one more chat: the VIP is taken first, by the online agent (not kept for the offline manager).
    await test.db.prisma.agent.update({ where: { id: agentA.id }, data: { maxChats: full + 1 } });
    const joined = next(vip.socket, "message:new", (m: any) => m.role === "system" && m.text.includes(agentA.name));
    await emitAck(a, "presence:set", { status: "online" });
    await joined;
    expect(await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: vip.session.conversationId } })).toMatchObject({ status: "assigned", agentId: agentA.id });
    expect((await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: regular.session.conversationId } })).status).toBe("queued");
  });
});
