import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

describe.each(DATABASE_KINDS)("unstorable text is refused, not a 500 (%s)", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let client: ReturnType<typeof createTestClient>;
  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase(kind));
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  it("answers 400 for NUL and lone surrogates in bodies and queries, and changes nothing", async () => {
    const key = creds.merchants[0]!.apiKey;
    const before = await test.db.prisma.product.count();
    for (const name of ["tea\u0000", "\ud800tea", "tea\udfff"]) {
      const res = await client.call("POST", "/products", { key, body: { sku: "BAD-1", name: { en: name }, price: { amount: 100, currency: "CNY" }, stock: 1 } });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("validation:invalid_text");
    }
    expect(await test.db.prisma.product.count()).toBe(before);
    expect((await client.call("GET", "/products?q=%00", { key })).status).toBe(400);

    const session = (await client.call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" } })).json;
    const sent = await client.call("POST", "/widget/messages", { key: session.sessionToken, rawBody: '{"clientMessageId":"n1","text":"hi \\u0000 there"}' });
    expect(sent.status).toBe(400);
    expect(await test.db.prisma.message.count({ where: { conversationId: session.conversationId } })).toBe(1);
  });
});
