import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import type { TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

/** Red team: shopper and agent shared one clientMessageId space: one could swallow the other's message. */
describe("shopper and agent message ids are separate spaces", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let client: ReturnType<typeof createTestClient>;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("pglite"));
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  it("an agent reply with the id a shopper already used is stored, not swallowed", async () => {
    const shop = creds.merchants[0]!;
    const session = (await client.call("POST", "/widget/sessions", { body: { widgetKey: shop.widgetKey, locale: "en" } })).json;
    expect((await client.call("POST", "/widget/messages", { key: session.sessionToken, body: { clientMessageId: "dup-1", text: "hello" } })).status).toBe(200);
    const agent = await test.db.prisma.agent.findFirstOrThrow({ where: { merchant: { name: shop.name } } });
    await test.db.prisma.conversation.update({ where: { id: session.conversationId }, data: { status: "assigned", agentId: agent.id } });
    const as = { agentId: agent.id, merchantId: agent.merchantId, role: agent.role, name: agent.name };
    const reply = await client.services.handoff.sendMessage(as, { conversationId: session.conversationId, clientMessageId: "dup-1", text: "an agent here" });
    expect(reply).toMatchObject({ role: "agent", text: "an agent here" });
    const again = await client.services.handoff.sendMessage(as, { conversationId: session.conversationId, clientMessageId: "dup-1", text: "an agent here" });
    expect(again.id).toBe(reply.id);
    // And a shopper cannot aim at the agents' space.
    const forged = await client.call("POST", "/widget/messages", { key: session.sessionToken, body: { clientMessageId: `agent:${agent.id}:x`, text: "hi" } });
    expect(forged.status).toBe(400);
  });
});
