import type Stripe from "stripe";
import { badSignature } from "../../domain/payments/errors.ts";
import type { CheckoutRequest, PaymentProvider, QueryResult, RawNotification } from "../../domain/payments/provider.ts";

/** Stripe refuses a Checkout Session that expires sooner than 30 minutes from now. */
const MIN_SESSION_MS = 30 * 60_000 + 60_000;

/**
 * Bank cards through Stripe with the official `stripe` package: a Checkout Session per
 * payment (amounts are minor units in both), the `Stripe-Signature` webhook checked by
 * `stripe.webhooks.constructEvent` on the raw body (with its 5-minute tolerance against
 * replays), session retrieval as the query, refunds on the session's PaymentIntent.
 */
export function createStripeProvider(): PaymentProvider {
  // Loaded on first use (a large package most shops never need).
  let stripeClass: Promise<typeof Stripe> | null = null;
  const load = () => (stripeClass ??= import("stripe").then((m) => m.default));
  const clientFor = async (c: Record<string, string>) => {
    const base = c.apiBase ? new URL(c.apiBase) : null;
    const StripeClient = await load();
    return new StripeClient(c.secretKey!, {
      maxNetworkRetries: 1,
      timeout: 10_000,
      telemetry: false,
      ...(base ? { host: base.hostname, port: base.port || (base.protocol === "https:" ? 443 : 80), protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
    });
  };

  return {
    name: "stripe",

    async createCheckout(credentials, request: CheckoutRequest) {
      const session = await (await clientFor(credentials)).checkout.sessions.create({
        mode: "payment",
        client_reference_id: request.token,
        metadata: { token: request.token },
        payment_intent_data: { metadata: { token: request.token } },
        line_items: [{ quantity: 1, price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amount, product_data: { name: request.description.slice(0, 200) } } }],
        locale: request.locale.startsWith("zh") ? "zh" : "en",
        success_url: request.returnUrl,
        cancel_url: request.returnUrl,
        ...(request.expiresAt.getTime() - Date.now() >= MIN_SESSION_MS ? { expires_at: Math.floor(request.expiresAt.getTime() / 1000) } : {}),
      });
      if (!session.url) throw new Error("Stripe returned a session without a URL");
      return { payUrl: session.url, providerRef: session.id };
    },

    locate(raw: RawNotification) {
      if (!raw.headers["stripe-signature"]) throw badSignature("Stripe-Signature is missing.");
      try {
        const object = (JSON.parse(raw.body) as { data?: { object?: { client_reference_id?: unknown; metadata?: { token?: unknown } } } }).data?.object;
        const token = object?.client_reference_id ?? object?.metadata?.token;
        return typeof token === "string" ? token : null;
      } catch {
        return null;
      }
    },

    async verify(credentials, raw) {
      let event: Stripe.Event;
      try {
        event = (await clientFor(credentials)).webhooks.constructEvent(raw.body, raw.headers["stripe-signature"] ?? "", credentials.webhookSecret!);
      } catch (error) {
        if (error instanceof (await load()).errors.StripeSignatureVerificationError) throw badSignature(error.message);
        throw error;
      }
      if (!event.type.startsWith("checkout.session.")) return { token: "", outcome: "pending" as const, amount: 0, currency: "" };
      const session = event.data.object as Stripe.Checkout.Session;
      const token = session.client_reference_id ?? session.metadata?.token ?? "";
      const paid = (event.type === "checkout.session.completed" && session.payment_status === "paid") || event.type === "checkout.session.async_payment_succeeded";
      const failed = event.type === "checkout.session.async_payment_failed" || event.type === "checkout.session.expired";
      return {
        token,
        outcome: paid ? ("succeeded" as const) : failed ? ("failed" as const) : ("pending" as const),
        amount: session.amount_total ?? Number.NaN,
        currency: (session.currency ?? "").toUpperCase(),
        providerRef: session.id,
        reason: failed ? event.type.replace("checkout.session.", "") : undefined,
      };
    },

    async query(credentials, payment): Promise<QueryResult> {
      if (!payment.providerRef) return { outcome: "unknown" };
      const session = await (await clientFor(credentials)).checkout.sessions.retrieve(payment.providerRef);
      const outcome = session.payment_status === "paid" ? "succeeded" : session.status === "expired" ? "failed" : "pending";
      return { outcome, amount: session.amount_total ?? undefined, currency: session.currency?.toUpperCase(), providerRef: session.id };
    },

    async refund(credentials, payment, refund) {
      const stripe = await clientFor(credentials);
      if (!payment.providerRef) throw new Error("no Checkout Session to refund");
      const session = await stripe.checkout.sessions.retrieve(payment.providerRef);
      const intent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
      if (!intent) throw new Error("the session has no PaymentIntent");
      const result = await stripe.refunds.create({ payment_intent: intent, amount: refund.amount, metadata: { refundId: refund.id, reason: refund.reason.slice(0, 400) } }, { idempotencyKey: `refund-${refund.id}` });
      return { providerRef: result.id };
    },

    acknowledge: () => ({ status: 200, contentType: "application/json", body: JSON.stringify({ received: true }) }),
  };
}
