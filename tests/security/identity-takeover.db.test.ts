import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

/**
 * Red team: a shopper with a valid identity of their own claimed someone else's email
 * (not covered by the HMAC); a later order with that email attached to them, and they
 * could see, readdress and cancel it in chat.
 */
describe.each(DATABASE_KINDS)("identity fields that grant access are signed, on %s", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let shop: DemoCredentials["merchants"][number];
  let call: ReturnType<typeof createTestClient>["call"];
  let n = 0;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase(kind));
    shop = creds.merchants[0]!;
    call = createTestClient(test.db).call;
  });
  afterAll(async () => test?.drop());

  const sign = (payload: string) => createHmac("sha256", shop.identitySecret).update(payload).digest("hex");
  const session = async (identity: Record<string, unknown>) => {
    const res = await call("POST", "/widget/sessions", { body: { widgetKey: shop.widgetKey, locale: "en", identity } });
    return res;
  };
  const send = (token: string, text: string) => call("POST", "/widget/messages", { key: token, body: { clientMessageId: `m-${++n}`, text } });

  it("an email claimed beside a signature over the customerId alone grants nothing", async () => {
    const victim = `victim-${kind}@example.com`;
    const attacker = await session({ customerId: `attacker-${kind}`, email: victim, hmac: sign(`attacker-${kind}`) });
    expect(attacker.status).toBe(201);
    expect(attacker.json.identified).toBe(true);

    // The victim orders later through the merchant's API.
    const product = await test.db.prisma.product.findFirstOrThrow({ where: { sku: "TEA-001", merchant: { name: shop.name } } });
    const order = await call("POST", "/orders", {
      key: shop.apiKey,
      headers: { "idempotency-key": `victim-${kind}` },
      body: { customer: { email: victim, name: "Victim" }, items: [{ productId: product.id, quantity: 1 }], shippingAddress: { name: "Victim", phone: "13900002222", line1: "1 Road", city: "Hangzhou", country: "CN" } },
    });
    expect(order.status).toBe(201);
    const attackerCustomer = await test.db.prisma.customer.findFirstOrThrow({ where: { externalId: `attacker-${kind}` } });
    const stored = await test.db.prisma.order.findUniqueOrThrow({ where: { id: order.json.id } });
    expect(stored.customerId).not.toBe(attackerCustomer.id);
    expect(attackerCustomer.email).toBeNull();

    const mine = await send(attacker.json.sessionToken, "where is my order?");
    expect(JSON.stringify(mine.json.messages)).not.toContain(order.json.number);
    const cancel = await send(attacker.json.sessionToken, "cancel my order");
    expect(JSON.stringify(cancel.json.messages)).not.toContain(order.json.number);
    expect((await test.db.prisma.order.findUniqueOrThrow({ where: { id: order.json.id } })).status).toBe("pending_payment");
  });

  it("an email covered by the signature (customerId\\nemail) is taken as verified", async () => {
    const email = `signed-${kind}@example.com`;
    const id = `signed-${kind}`;
    const forgedEmail = await session({ customerId: id, email: "someone-else@example.com", hmac: sign(`${id}\n${email}`) });
    expect(forgedEmail.status).toBe(401);
    const ok = await session({ customerId: id, email, hmac: sign(`${id}\n${email}`) });
    expect(ok.status).toBe(201);
    expect((await test.db.prisma.customer.findFirstOrThrow({ where: { externalId: id } })).email).toBe(email);
  });

  it("an existing customer's unsigned email claim does not overwrite or attach", async () => {
    const res = await session({ customerId: "demo-customer-1", email: "other@example.com", hmac: sign("demo-customer-1") });
    expect(res.status).toBe(201);
    const c = await test.db.prisma.customer.findFirstOrThrow({ where: { externalId: "demo-customer-1" } });
    expect(c.email).not.toBe("other@example.com");
  });
});
