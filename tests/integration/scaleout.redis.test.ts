import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createSeededDatabase } from "../support/seeded.ts";
import { connected, emitAck, next, startRealtimeServer } from "../support/realtime-server.ts";
import { cleanRedis, newRedis, redisAvailable, redisPrefix } from "../support/redis.ts";

describe.runIf(redisAvailable && DATABASE_KINDS.includes("postgres"))("scale-out: two API nodes on one PostgreSQL and one Redis", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  const prefix = redisPrefix();
  const clients = [newRedis(), newRedis()];

  beforeAll(async () => {
    // Open around the clock, so agents' presence alone decides (business hours have their own test).
    ({ test, creds } = await createSeededDatabase("postgres", { alwaysOpen: true }));
  });
  afterAll(async () => {
    // quit() lets the adapter's pending XREAD finish instead of failing it.
    await Promise.all(clients.map((c) => c.quit()));
    await cleanRedis(prefix);
    await test?.drop();
  });

  it("relays between a shopper on one node and an agent on the other, and loses nothing when a node dies", async () => {
    const nodeA = await startRealtimeServer(test.db, { redis: clients[0], redisPrefix: prefix });
    const nodeB = await startRealtimeServer(test.db, { redis: clients[1], redisPrefix: prefix });
    try {
      const token = (await nodeB.post("/auth/login", { email: creds.agents[0]!.email, password: creds.agents[0]!.password })).json.token;
      const agent = nodeB.socket("/console", { token });
      await connected(agent);
      await emitAck(agent, "presence:set", { status: "away" });

      const session = (await nodeA.post("/widget/sessions", { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" })).json;
      const shopper = nodeA.socket("/widget", { sessionToken: session.sessionToken });
      await connected(shopper);

      const queued = next(agent, "conversation:queued", (e: any) => e.conversation.id === session.conversationId);
      await emitAck(shopper, "message:send", { clientMessageId: "s1", text: "can I talk to a real person?" });
      await queued;
      await emitAck(agent, "conversation:claim", { conversationId: session.conversationId });

      const relayed = next(shopper, "message:new", (m: any) => m.role === "agent");
      await emitAck(agent, "message:send", { conversationId: session.conversationId, clientMessageId: "a1", text: "Hello from node B" });
      expect((await relayed).text).toBe("Hello from node B");
      const heard = next(agent, "message:new", (m: any) => m.text === "thanks, from node A");
      await emitAck(shopper, "message:send", { clientMessageId: "s2", text: "thanks, from node A" });
      await heard;

      const seen = (await fetch(`${nodeA.baseUrl}/api/v1/widget/messages?after=0`, { headers: { authorization: `Bearer ${session.sessionToken}` } }).then((r) => r.json())).messages;
      const lastSeen = seen.at(-1).seq;
      await nodeA.close();

      await emitAck(agent, "message:send", { conversationId: session.conversationId, clientMessageId: "a2", text: "while you were away" });
      const again = nodeB.socket("/widget", { sessionToken: session.sessionToken });
      await connected(again);
      const missed = (await fetch(`${nodeB.baseUrl}/api/v1/widget/messages?after=${lastSeen}`, { headers: { authorization: `Bearer ${session.sessionToken}` } }).then((r) => r.json())).messages;
      expect(missed.map((m: any) => m.text)).toEqual(["while you were away"]);
      const live = next(again, "message:new", (m: any) => m.text === "welcome back");
      await emitAck(agent, "message:send", { conversationId: session.conversationId, clientMessageId: "a3", text: "welcome back" });
      expect((await live).seq).toBe(lastSeen + 2);
      const all = await test.db.prisma.message.findMany({ where: { conversationId: session.conversationId }, orderBy: { seq: "asc" } });
      expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));
    } finally {
      await nodeB.close();
      await nodeA.close().catch(() => undefined);
    }
  });

  it("keeps agent presence in Redis, shared by both nodes", async () => {
    const nodeA = await startRealtimeServer(test.db, { redis: clients[0], redisPrefix: `${prefix}-p` });
    const nodeB = await startRealtimeServer(test.db, { redis: clients[1], redisPrefix: `${prefix}-p` });
    try {
      const token = (await nodeA.post("/auth/login", { email: creds.agents[1]!.email, password: creds.agents[1]!.password })).json.token;
      const agent = nodeA.socket("/console", { token });
      await connected(agent);
      await emitAck(agent, "presence:set", { status: "online" });
      const merchant = await test.db.prisma.merchant.findFirstOrThrow({ where: { name: creds.merchants[0]!.name } });
      const viewFromB = await nodeB.services.handoff.agents(merchant.id);
      expect(viewFromB.find((a) => a.email === creds.agents[1]!.email)?.status).toBe("online");
    } finally {
      await nodeA.close();
      await nodeB.close();
    }
  });
});
