import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../api/db/database.ts";
import { signSandbox } from "../../api/adapters/payments/sandbox.ts";
import { createMerchant, createProduct, orderBody } from "./fixtures.ts";
import type { createTestClient } from "./http.ts";

type Call = ReturnType<typeof createTestClient>["call"];

export const SANDBOX_SECRET = "sandbox-secret-for-tests-0123456789";

/** A merchant selling in CNY with the demo shop's shipping rule (¥8, free from ¥99) and a known sandbox secret. */
export async function payingMerchant(prisma: PrismaClient, call: Call, options: { stock?: number; priceAmount?: number } = {}) {
  const { merchant, apiKey } = await createMerchant(prisma);
  const product = await createProduct(prisma, merchant.id, { stock: options.stock ?? 100, priceAmount: options.priceAmount ?? 2990 });
  await call("PUT", "/settings/shipping", { key: apiKey, body: { flatFee: { amount: 800, currency: "CNY" }, freeOver: { amount: 9900, currency: "CNY" } } });
  const saved = await call("PUT", "/settings/payments", { key: apiKey, body: { provider: "sandbox", windowMinutes: 30, credentials: { secret: SANDBOX_SECRET } } });
  if (saved.status !== 200) throw new Error(`payment settings: ${JSON.stringify(saved.json)}`);
  return { merchant, apiKey, product };
}

export async function placeOrder(call: Call, apiKey: string, productId: string, quantity = 1) {
  const res = await call("POST", "/orders", { key: apiKey, headers: { "idempotency-key": randomBytes(8).toString("hex") }, body: orderBody(productId, quantity) });
  if (res.status !== 201) throw new Error(`order: ${JSON.stringify(res.json)}`);
  return res.json;
}

/** A sandbox notification as the hosted page sends it, signed (or not) like the real one. */
export function sandboxNotification(payment: { token: string; amount: number; currency: string }, overrides: Record<string, unknown> = {}, secret = SANDBOX_SECRET) {
  const body = JSON.stringify({ event: "payment.succeeded", token: payment.token, transactionId: `tx_${randomBytes(6).toString("hex")}`, amount: payment.amount, currency: payment.currency, ...overrides });
  return { body, signature: signSandbox(body, secret) };
}

export async function notifySandbox(call: Call, n: { body: string; signature?: string }) {
  return call("POST", "/payments/sandbox/notify", { rawBody: n.body, headers: n.signature === undefined ? {} : { "x-sandbox-signature": n.signature } });
}
