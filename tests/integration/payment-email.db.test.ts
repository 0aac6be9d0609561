import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { notifySandbox, payingMerchant, placeOrder, sandboxNotification } from "../support/payments.ts";
import { startSmtpServer } from "../support/smtp-server.ts";

describe("order and payment emails", () => {
  let test: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await test?.drop();
  });

  const clientWith = (smtpUrl?: string) => createTestClient(test.db, { services: { smtpUrl } }).call;

  it("sends the pay link and the receipt through SMTP only when SMTP_URL is set", async () => {
    const without = clientWith(undefined);
    const quiet = await payingMerchant(test.db.prisma, without);
    const order0 = await placeOrder(without, quiet.apiKey, quiet.product.id);
    await without("POST", `/orders/${order0.id}/payments`, { key: quiet.apiKey });
    expect(smtp.messages).toHaveLength(0);

    const call = clientWith(smtp.url);
    const { apiKey, product } = await payingMerchant(test.db.prisma, call);
    const order = await placeOrder(call, apiKey, product.id);
    const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
    await expect.poll(() => smtp.messages.length).toBe(1);
    expect(smtp.messages[0]!.to.join()).toContain("shopper@example.com");
    expect(bodyOf(smtp.messages[0]!.data)).toContain(order.number);
    expect(bodyOf(smtp.messages[0]!.data)).toContain(payment.payUrl);
    expect(bodyOf(smtp.messages[0]!.data)).toContain("请在");
    const token = (await test.db.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).token;
    await notifySandbox(call, sandboxNotification({ token, amount: payment.amount.amount, currency: "CNY" }));
    await expect.poll(() => smtp.messages.length).toBe(2);
    expect(bodyOf(smtp.messages[1]!.data)).toMatch(/We received CN¥37\.90 for order/);
    expect(bodyOf(smtp.messages[1]!.data)).toContain("已收到订单");
  });
});

/** The text body of a received message, whichever transfer encoding nodemailer chose. */
function bodyOf(raw: string): string {
  const split = raw.indexOf("\n\n");
  const head = raw.slice(0, split);
  const body = raw.slice(split + 2);
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const joined = body.replace(/=\n/g, "");
    return Buffer.from(joined.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
  }
  return body;
}
