import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

describe.runIf(DATABASE_KINDS.includes("postgres"))("one conversation served by two API nodes at once", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("postgres"));
  });
  afterAll(async () => test?.drop());

  it("runs the bot turns one at a time across nodes: no lost dialogue state, every message answered", async () => {
    const nodes = [createTestClient(test.db), createTestClient(test.db)];
    const session = (await nodes[0]!.call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" } })).json;
    const texts = Array.from({ length: 10 }, (_, i) => (i % 2 ? "thanks" : "hello"));
    const results = await Promise.all(
      texts.map((text, i) => nodes[i % 2]!.call("POST", "/widget/messages", { key: session.sessionToken, body: { clientMessageId: `n${i}`, text } })),
    );
    for (const r of results) expect(r.json.messages.length).toBeGreaterThanOrEqual(2);
    const conversation = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: session.conversationId } });
    expect((conversation.state as { turn: number }).turn).toBe(10);
    const messages = await test.db.prisma.message.findMany({ where: { conversationId: session.conversationId }, orderBy: { seq: "asc" } });
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    // Each shopper message is followed directly by its own reply: turns did not interleave.
    for (const [i, m] of messages.entries()) if (m.role === "shopper") expect(messages[i + 1]?.role).toBe("bot");
  });
});
