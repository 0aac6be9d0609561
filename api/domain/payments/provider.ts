import type { ProviderName } from "../../contracts/payments.ts";

/** What a provider needs to start a checkout for one payment. */
export interface CheckoutRequest {
  /** Our payment's public token: the provider's out_trade_no / client_reference_id. */
  token: string;
  amount: number;
  currency: string;
  description: string;
  expiresAt: Date;
  locale: string;
  /** Where the provider posts its notification (this server's /api/v1/payments/:provider/notify). */
  notifyUrl: string;
  /** Where the shopper's browser goes back after paying. */
  returnUrl: string;
  /** This server's hosted page for the payment (the sandbox's checkout). */
  payPageUrl: string;
}

export interface Checkout {
  payUrl: string;
  /** What the QR code encodes, when it is not the pay URL itself (WeChat Pay's code_url). */
  qrText?: string;
  providerRef?: string;
}

/** A notification as it arrived: checked on the raw bytes, never on re-serialised JSON. */
export interface RawNotification {
  body: string;
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** A notification whose signature checked out, in our terms. */
export interface VerifiedNotification {
  token: string;
  outcome: "succeeded" | "failed" | "pending";
  amount: number;
  currency: string;
  providerRef?: string;
  reason?: string;
}

/** The provider's own view of a payment (reconciliation and "I paid but…"). */
export interface QueryResult {
  outcome: "succeeded" | "failed" | "pending" | "unknown";
  amount?: number;
  currency?: string;
  providerRef?: string;
}

/** How a provider wants a successful notification acknowledged. */
export interface Acknowledgement {
  status: 200 | 204;
  contentType: string;
  body: string;
}

/**
 * One payment provider behind the port. Credentials are the merchant's (already parsed
 * with the provider's schema in contracts/payments.ts); every call is for one merchant.
 */
export interface PaymentProvider {
  readonly name: ProviderName;
  createCheckout(credentials: Record<string, string>, request: CheckoutRequest): Promise<Checkout>;
  /** Which payment the notification claims to be about, before any check (null: not readable without the keys). */
  locate(raw: RawNotification): string | null;
  /** Checks the signature (throws `payments:bad_signature` 401) and reads the notification. */
  verify(credentials: Record<string, string>, raw: RawNotification): Promise<VerifiedNotification>;
  query(credentials: Record<string, string>, payment: { token: string; providerRef: string | null }): Promise<QueryResult>;
  refund(credentials: Record<string, string>, payment: { token: string; providerRef: string | null; amount: number; currency: string }, refund: { id: string; amount: number; reason: string }): Promise<{ providerRef?: string }>;
  acknowledge(): Acknowledgement;
}
