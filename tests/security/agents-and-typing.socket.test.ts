import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import type { TestDatabase } from "../support/databases.ts";
import { connected } from "../support/realtime-server.ts";
import { startRealtimeServer } from "../support/realtime-server.ts";
import { createSeededDatabase } from "../support/seeded.ts";

/**
 * Red team (smaller findings): agent tokens kept a role that was taken away; a token of a
 * deleted merchant answered 500 and still connected to Socket.IO; 2,000 `typing` events from
 * one widget reached every agent.
 */
describe("agent tokens follow the agent row, and typing is throttled", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let server: Awaited<ReturnType<typeof startRealtimeServer>>;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("pglite", { alwaysOpen: true }));
    server = await startRealtimeServer(test.db);
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  const analytics = async (token: string) => (await fetch(`${server.baseUrl}/api/v1/analytics/feedback`, { headers: { authorization: `Bearer ${token}` } })).status;
  const tokenOf = async (email: string) => {
    const agent = creds.agents.find((a) => a.email === email)!;
    return (await server.post("/auth/login", { email: agent.email, password: agent.password })).json.token as string;
  };

  it("a role taken away is gone at once, not at the token's expiry", async () => {
    const supervisorRow = await test.db.prisma.agent.findFirstOrThrow({ where: { role: { in: ["supervisor", "admin"] }, email: { in: creds.agents.map((a) => a.email) } } });
    const token = await tokenOf(supervisorRow.email);
    expect(await analytics(token)).toBe(200);
    await test.db.prisma.agent.update({ where: { id: supervisorRow.id }, data: { role: "agent" } });
    expect(await analytics(token)).toBe(403);
  });

  it("throttles a flood of typing events from one shopper before it reaches the agents", async () => {
    const shop = creds.merchants[0]!;
    const agentRow = await test.db.prisma.agent.findFirstOrThrow({ where: { merchant: { name: shop.name } } });
    const agent = server.socket("/console", { token: await tokenOf(agentRow.email) });
    await connected(agent);
    let seen = 0;
    agent.on("typing", () => seen++);
    const session = (await server.post("/widget/sessions", { widgetKey: shop.widgetKey, locale: "en" })).json.sessionToken as string;
    const shopper = server.socket("/widget", { sessionToken: session });
    await connected(shopper);
    for (let i = 0; i < 2000; i++) shopper.emit("typing", { isTyping: i % 2 === 0 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(20);
  });

  it("a token of a deleted merchant answers 401 and cannot connect to the console", async () => {
    const shop = creds.merchants[1]!;
    const agentRow = await test.db.prisma.agent.findFirstOrThrow({ where: { merchant: { name: shop.name } } });
    const token = await tokenOf(agentRow.email);
    await test.db.prisma.merchant.delete({ where: { id: agentRow.merchantId } });
    expect(await analytics(token)).toBe(401);
    const socket = server.socket("/console", { token });
    const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
    expect(error.message).toMatch(/auth/);
  });
});
