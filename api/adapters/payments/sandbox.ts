import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { badSignature } from "../../domain/payments/errors.ts";
import { AppError } from "../../errors.ts";
import type { PaymentProvider, QueryResult, RawNotification } from "../../domain/payments/provider.ts";

/** The sandbox's notification body, as its hosted page sends it. */
export const sandboxNotificationSchema = z.object({
  event: z.enum(["payment.succeeded", "payment.failed"]),
  token: z.string().min(1).max(100),
  transactionId: z.string().min(1).max(100),
  amount: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
  reason: z.string().max(200).optional(),
  sentAt: z.string().optional(),
});
export type SandboxNotification = z.infer<typeof sandboxNotificationSchema>;

const looseNotificationSchema = z
  .object({
    token: z.string().max(100).optional(),
    paymentId: z.string().max(100).optional(),
    event: z.string().max(40).optional(),
    status: z.enum(["succeeded", "paid", "failed"]).optional(),
    transactionId: z.string().max(100).optional(),
    amount: z.union([z.number().int().min(0), z.object({ amount: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) })]),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    reason: z.string().max(200).optional(),
  })
  .refine((n) => n.token || n.paymentId, "token or paymentId")
  .refine((n) => n.status || n.event, "status or event");

export const SANDBOX_SIGNATURE_HEADER = "x-sandbox-signature";

/** hex HMAC-SHA256 of the raw body with the merchant's sandbox secret. */
export const signSandbox = (body: string, secret: string) => createHmac("sha256", secret).update(body).digest("hex");

/**
 * The embedded provider: its "checkout" is this server's hosted page (/pay/:token), which
 * posts a signed notification to /api/v1/payments/sandbox/notify exactly as a remote
 * provider would. It keeps a ledger of what its page recorded, so a query (reconciliation,
 * "I paid but…") answers like a real provider's, even when a notification was lost.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = "sandbox" as const;
  private readonly ledger = new Map<string, { outcome: "succeeded" | "failed"; amount: number; currency: string; transactionId: string }>();

  async createCheckout(_credentials: Record<string, string>, request: { token: string; payPageUrl: string }) {
    return { payUrl: request.payPageUrl, providerRef: `sbx_${request.token}` };
  }

  /** What the hosted page does when the shopper presses Pay or Fail: records it and builds the signed notification. */
  record(secret: string, payment: { token: string; amount: number; currency: string }, outcome: "succeeded" | "failed") {
    const transactionId = `sbx_tx_${randomUUID()}`;
    this.ledger.set(payment.token, { outcome, amount: payment.amount, currency: payment.currency, transactionId });
    const notification: SandboxNotification = {
      event: outcome === "succeeded" ? "payment.succeeded" : "payment.failed",
      token: payment.token,
      transactionId,
      amount: payment.amount,
      currency: payment.currency,
      ...(outcome === "failed" ? { reason: "declined_by_shopper" } : {}),
      sentAt: new Date().toISOString(),
    };
    const body = JSON.stringify(notification);
    return { body, signature: signSandbox(body, secret) };
  }

  locate(raw: RawNotification): string | null {
    if (!raw.headers[SANDBOX_SIGNATURE_HEADER]) throw badSignature("X-Sandbox-Signature is missing.");
    try {
      const body = JSON.parse(raw.body) as { token?: unknown; paymentId?: unknown };
      const claimed = body.token ?? body.paymentId;
      return typeof claimed === "string" ? claimed : null;
    } catch {
      return null;
    }
  }

  async verify(credentials: Record<string, string>, raw: RawNotification) {
    const given = raw.headers[SANDBOX_SIGNATURE_HEADER] ?? "";
    const expected = signSandbox(raw.body, credentials.secret ?? "");
    const a = Buffer.from(given, "utf8");
    const b = Buffer.from(expected, "utf8");
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw badSignature();
    const parsed = sandboxNotificationSchema.safeParse(JSON.parse(raw.body));
    if (parsed.success) {
      const n = parsed.data;
      return {
        token: n.token,
        outcome: n.event === "payment.succeeded" ? ("succeeded" as const) : ("failed" as const),
        amount: n.amount,
        currency: n.currency,
        providerRef: n.transactionId,
        reason: n.reason,
      };
    }
    // A hand-written notification (scripts, other tools): `paymentId`, `status`, `amount` as Money.
    const loose = looseNotificationSchema.safeParse(JSON.parse(raw.body));
    if (!loose.success) throw new AppError(400, "payments:bad_notification", "The signed body is not a sandbox notification.", loose.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    const n = loose.data;
    const money = typeof n.amount === "number" ? { amount: n.amount, currency: n.currency ?? "" } : n.amount;
    return {
      token: n.token ?? n.paymentId ?? "",
      outcome: ["succeeded", "paid", "payment.succeeded"].includes(n.status ?? n.event ?? "") ? ("succeeded" as const) : ("failed" as const),
      amount: money.amount,
      currency: money.currency,
      providerRef: n.transactionId,
      reason: n.reason,
    };
  }

  async query(_credentials: Record<string, string>, payment: { token: string }): Promise<QueryResult> {
    const entry = this.ledger.get(payment.token);
    return entry ? { outcome: entry.outcome, amount: entry.amount, currency: entry.currency, providerRef: entry.transactionId } : { outcome: "pending" };
  }

  async refund(_credentials: Record<string, string>, _payment: unknown, refund: { id: string }) {
    return { providerRef: `sbx_rf_${refund.id}` };
  }

  acknowledge() {
    return { status: 200 as const, contentType: "application/json", body: JSON.stringify({ received: true }) };
  }
}
