import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../api/db/database.ts";
import { MemoryTokenBudget } from "../../bot/llm/budget.ts";
import { LlmClient } from "../../bot/llm/client.ts";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { startScriptedModel } from "../fakes/openai-server.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

type Client = ReturnType<typeof createTestClient>;

async function newSession(client: Client, widgetKey: string) {
  const res = await client.call("POST", "/widget/sessions", { body: { widgetKey, locale: "en" } });
  expect(res.status).toBe(201);
  return res.json as { sessionToken: string; conversationId: string };
}

async function transcript(db: Database, conversationId: string) {
  return db.prisma.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" } });
}

/** Each shopper message is followed directly by the bot's reply to it, and seqs have no gaps. */
function expectWholeTurns(messages: { seq: number; role: string }[]) {
  expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
  for (const [i, m] of messages.entries()) if (m.role === "shopper") expect(messages[i + 1]?.role).toBe("bot");
}

// The pool has its default size (10) here, as in production: with the old advisory lock,
// which kept a pool connection for each turn, 20 turns at once never finished.
describe.each(DATABASE_KINDS)("bot turns under concurrency at the default pool size (%s)", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase(kind));
  });
  afterAll(async () => test?.drop());

  it("answers 50 conversations writing at once", async () => {
    const client = createTestClient(test.db);
    const sessions = await Promise.all(Array.from({ length: 50 }, () => newSession(client, creds.merchants[0]!.widgetKey)));
    const texts = ["what is your return policy?", "运费多少？", "hello", "do you have green tea?", "how do I get an invoice?"];
    const results = await Promise.all(
      sessions.map((s, i) => client.call("POST", "/widget/messages", { key: s.sessionToken, body: { clientMessageId: `c${i}`, text: texts[i % texts.length] } })),
    );
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.json.messages.length).toBeGreaterThanOrEqual(2);
    }
    for (const s of sessions.slice(0, 5)) expectWholeTurns(await transcript(test.db, s.conversationId));
  });

  it("keeps 10 messages sent at once in one conversation, each followed by its own reply", async () => {
    const client = createTestClient(test.db);
    const session = await newSession(client, creds.merchants[0]!.widgetKey);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.call("POST", "/widget/messages", { key: session.sessionToken, body: { clientMessageId: `m${i}`, text: i % 2 ? "thanks" : "hello" } })),
    );
    for (const r of results) expect(r.status).toBe(200);
    const messages = await transcript(test.db, session.conversationId);
    expectWholeTurns(messages);
    expect(messages.filter((m) => m.role === "shopper").map((m) => m.clientMessageId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
    // Every answer came back to the request that sent it.
    for (const [i, r] of results.entries()) expect(messages.find((m) => m.id === r.json.messages[0].id)?.clientMessageId).toBe(`m${i}`);
    const conversation = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: session.conversationId } });
    expect((conversation.state as { turn: number }).turn).toBe(10);
  });

  it("does not hold a connection across a slow model call: 20 conversations whose model takes 400 ms each", async () => {
    const model = await startScriptedModel([{ content: "Happy to help with that.", delayMs: 400 }]);
    try {
      const client = new LlmClient({ baseURL: model.baseUrl, apiKey: "test-key", model: "scripted", timeoutMs: 5000 });
      const http = createTestClient(test.db, { services: { llm: { client, budget: new MemoryTokenBudget(1_000_000) } } });
      const sessions = await Promise.all(Array.from({ length: 20 }, () => newSession(http, creds.merchants[0]!.widgetKey)));
      const started = performance.now();
      const results = await Promise.all(
        sessions.map((s, i) =>
          http.call("POST", "/widget/messages", { key: s.sessionToken, body: { clientMessageId: `slow${i}`, text: "could you tell me a bit about what makes your shop special?" } }),
        ),
      );
      for (const r of results) expect(r.status).toBe(200);
      expect(model.requests.length).toBeGreaterThanOrEqual(20);
      // All twenty waited on the model at the same time rather than one pool's worth at a time.
      expect(performance.now() - started).toBeLessThan(20 * 400);
    } finally {
      await model.close();
    }
  });
});

describe.runIf(DATABASE_KINDS.includes("postgres"))("one conversation on two nodes with pools of their own", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let second: Database;
  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("postgres"));
    second = openDatabase({ url: test.url });
  });
  afterAll(async () => {
    await second?.close();
    await test?.drop();
  });

  it("runs the turns one at a time across processes (the lease, not an in-memory lock)", async () => {
    const nodes = [createTestClient(test.db), createTestClient(second)];
    const session = await newSession(nodes[0]!, creds.merchants[0]!.widgetKey);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => nodes[i % 2]!.call("POST", "/widget/messages", { key: session.sessionToken, body: { clientMessageId: `x${i}`, text: i % 2 ? "thanks" : "hello" } })),
    );
    for (const r of results) expect(r.status).toBe(200);
    expectWholeTurns(await transcript(test.db, session.conversationId));
    const conversation = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: session.conversationId } });
    expect((conversation.state as { turn: number }).turn).toBe(12);
    expect(await test.db.prisma.lease.count()).toBe(0);
  });
});
