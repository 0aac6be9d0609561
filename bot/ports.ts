/**
 * What the bot needs from the rest of the platform. api/ implements these over its
 * services; tests use in-memory fakes. The bot never touches the database itself, and
 * every call acts for the verified shopper of the conversation (`ShopperIdentity`), never
 * for ids a shopper merely typed.
 */
import type { ProductRef } from "./nlu/entities/products.ts";

export type { Locale } from "./locales/locales.ts";
import type { Locale } from "./locales/locales.ts";

export interface Money {
  amount: number;
  currency: string;
}

export interface MerchantInfo {
  id: string;
  name: string;
  slug: string;
  currency: string;
  locales: string[];
  defaultLocale: Locale;
  timezone: string;
  /** Opening hours per day ("mon".."sun"), null when closed. */
  businessHours?: Record<string, [string, string] | null>;
}

/** Who the shopper is, as proved by the session (an identity HMAC), never as claimed in chat. */
/** Order proofs are refused for a while (too many misses). */
export interface ProofLocked {
  locked: true;
  retryAfterSec: number;
}

export interface ShopperIdentity {
  customerId?: string;
  email?: string;
  verified: boolean;
  /** A VIP of the shop (paid spend over the merchant's threshold, or flagged): goes first in the queue. */
  vip?: boolean;
  /** What being a VIP gives this shopper (set with `vip`); the bot mentions it when relevant. */
  vipBenefits?: VipBenefits;
}

/** A VIP's benefits: the standing discount on every order (percent), if the shop gives one. */
export interface VipBenefits {
  offerPercent?: number;
}

export interface ProductView extends ProductRef {
  description: Partial<Record<Locale, string>>;
  price: Money;
  stock: number;
  status: "active" | "delisted";
  imageUrl: string | null;
}

export interface OrderView {
  id: string;
  number: string;
  status: string;
  items: { productId: string; sku: string; name: Partial<Record<Locale, string>>; quantity: number; unitPrice: Money }[];
  total: Money;
  /** What coupons and offers took off (absent or 0: nothing). */
  discount?: Money;
  couponCode?: string | null;
  shippingAddress: Address;
  customer: { email: string; name: string | null; phone: string | null };
  history: { status: string; at: string }[];
  createdAt: string;
}

export interface Address {
  name: string;
  phone: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
}

export type CommerceFailure = { ok: false; code: string; details?: Record<string, unknown> };
export type CommerceResult<T> = { ok: true; value: T } | CommerceFailure;

/** A payment the shopper can make (or made) for an order. */
export interface PaymentView {
  id: string;
  orderId: string;
  provider: string;
  status: "pending" | "succeeded" | "failed" | "expired" | "refunded" | "partially_refunded";
  payUrl: string;
  qr?: string;
  amount: Money;
  expiresAt: string;
}

/** Why a coupon does not apply to this basket, as the shopper hears it. */
export type CouponProblem = "not_found" | "inactive" | "not_started" | "expired" | "min_spend" | "scope" | "not_yours" | "exhausted" | "limit_reached";

/** A coupon the shopper could use now (the bot lists them). */
export interface CouponView {
  code: string;
  type: "percent" | "fixed";
  value: number;
  minSpend: Money | null;
  endsAt: string | null;
  personal: boolean;
}

export interface QuoteOptions {
  /** A coupon to try: applied when it fits, else `couponProblem` says why (the quote still succeeds). */
  couponCode?: string;
  /** The shopper the quote is for (their coupon uses and VIP offer count). */
  shopper?: ShopperIdentity;
}

export interface CommercePort {
  catalog(merchantId: string): Promise<ProductView[]>;
  /** Prices the items with the catalog's current prices, the shop's shipping and any discount (the total the shopper confirms). */
  quote(
    merchantId: string,
    items: { productId: string; quantity: number }[],
    options?: QuoteOptions,
  ): Promise<CommerceResult<{ total: Money; lines: OrderView["items"]; subtotal?: Money; shipping?: Money; discount?: Money; couponCode?: string; couponProblem?: { code: string; reason: CouponProblem; minSpend?: Money } }>>;
  /** Coupons this shopper could use now: the shop's open ones and their own red packets (an anonymous shopper's: claimed in this conversation). */
  coupons?(merchantId: string, shopper: ShopperIdentity, conversationId?: string): Promise<CouponView[]>;
  /** Starts paying an order placed in this conversation (the pay block's payment). */
  createPayment?(merchantId: string, orderId: string, context: { conversationId: string; locale: Locale }): Promise<CommerceResult<PaymentView>>;
  /** Asks the provider about the order's latest payment and settles it if the money is there. */
  checkPayment?(merchantId: string, orderId: string): Promise<CommerceResult<{ orderStatus: string; payment: PaymentView | null }>>;
  placeOrder(
    merchantId: string,
    order: { customer: { email: string; name?: string; phone?: string }; items: { productId: string; quantity: number }[]; shippingAddress: Address; couponCode?: string },
    shopper: ShopperIdentity,
    idempotencyKey: string,
    /** The conversation placing it: its referral code attributes the order, and experiments count it as its conversion. */
    context?: { conversationId: string },
  ): Promise<CommerceResult<OrderView>>;
  /** The verified shopper's own orders, newest first. */
  ordersOf(merchantId: string, shopper: ShopperIdentity, limit: number): Promise<OrderView[]>;
  /**
   * An order proved by its number plus the email or phone on it; `{ locked }` when this
   * conversation, shopper or shop has missed too often lately (guessing is capped).
   */
  findOrder(merchantId: string, number: string, contact: string, context?: { conversationId: string; customerId?: string }): Promise<OrderView | null | ProofLocked>;
  getOrder(merchantId: string, orderId: string): Promise<OrderView | null>;
  cancelOrder(merchantId: string, orderId: string, reason: string): Promise<CommerceResult<OrderView>>;
  changeAddress(merchantId: string, orderId: string, address: Address): Promise<CommerceResult<OrderView>>;
  changeQuantity(merchantId: string, orderId: string, items: { productId: string; quantity: number }[]): Promise<CommerceResult<OrderView>>;
  requestRefund(merchantId: string, orderId: string, reason: string): Promise<CommerceResult<OrderView>>;
}

export interface Passage {
  articleId: string;
  slug: string;
  title: string;
  /** The section's heading ("" for an article's opening paragraph), when the index knows it. */
  heading?: string;
  /** The section's place in its article (0 = the opening paragraph), when the index knows it. */
  position?: number;
  locale: string;
  text: string;
  score: number;
  url: string;
}

export interface KnowledgePort {
  /** `hint`: words naming the topic the shopper's intent points at; they steer ranking only. */
  search(merchantId: string, locale: Locale, query: { text: string; hint?: string }, limit: number): Promise<Passage[]>;
}

export interface HandoffRequest {
  conversationId: string;
  reason: "requested" | "complaint" | "negative_sentiment" | "fallback" | "order_help";
  priority: number;
}

export interface HandoffPort {
  /** Moves the conversation to the human queue; tells whether an agent is online now. */
  requestHuman(merchantId: string, request: HandoffRequest): Promise<{ agentsOnline: boolean }>;
}

/** What a recommendation is for; the answer is product ids, best first, of active, in-stock products only. */
export interface RecommendationQuery {
  /** Products looked at or just bought ("often bought together"). */
  productIds?: string[];
  /** Price bounds in minor units, inclusive. */
  minPrice?: number;
  maxPrice?: number;
  /** Catalog tag groups a product must match (one tag of each group). */
  categories?: string[][];
  gift?: boolean;
  limit: number;
}

export interface RecommendationsPort {
  /** The shopper's own history counts only when they are verified. */
  recommend(merchantId: string, shopper: ShopperIdentity, query: RecommendationQuery): Promise<string[]>;
}

/** A data-rights request: a summary and a complete copy of what the shop holds, or its erasure. */
export type PrivacyKind = "export" | "erasure";

/**
 * Whose data a request is about: the session's verified shopper, or the customer of an
 * order this conversation proved (number + email or phone). Only the dialogue's own state
 * fills it in, never an id or an email the shopper or the model typed.
 */
export type PrivacySubject = { customerId: string } | { provenOrderId: string };

/** What the shop holds about the person, as the bot may tell them (kinds and counts, no values). */
export interface PrivacySummary {
  orders: number;
  conversations: number;
  hasName: boolean;
  hasEmail: boolean;
  hasPhone: boolean;
  /** Shipping addresses (on their orders). */
  hasAddress: boolean;
}

export interface PrivacyPort {
  /** What an erasure request made in chat does in this shop (settings.privacy.selfServiceErasure). */
  erasurePolicy(merchantId: string): Promise<"immediate" | "queue">;
  /** null: no personal data is linked to the subject (an order without a customer, data erased already). */
  /** `conversationId`: the chat asking counts among the person's chats even before it is linked to them. */
  summary(merchantId: string, subject: PrivacySubject, options?: { conversationId?: string }): Promise<PrivacySummary | null>;
  /**
   * Records the request for the merchant and, for an erasure when the shop says so, carries
   * it out at once ("done"); otherwise it waits for the merchant ("queued"). Audited.
   */
  request(merchantId: string, subject: PrivacySubject, kind: PrivacyKind, context: { conversationId: string }): Promise<CommerceResult<{ id: string; status: "queued" | "done" }>>;
}

export interface BotPorts {
  commerce: CommercePort;
  knowledge: KnowledgePort;
  handoff: HandoffPort;
  /** The recommender (absent: the bot picks from the catalog itself). */
  recommendations?: RecommendationsPort;
  /** Shoppers' data requests (absent: the bot hands such requests to a person). */
  privacy?: PrivacyPort;
}
