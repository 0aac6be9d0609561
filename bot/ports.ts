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
export interface ShopperIdentity {
  customerId?: string;
  email?: string;
  verified: boolean;
  vip?: boolean;
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

export interface CommercePort {
  catalog(merchantId: string): Promise<ProductView[]>;
  /** Prices the items with the catalog's current prices and the shop's shipping (the total the shopper confirms). */
  quote(
    merchantId: string,
    items: { productId: string; quantity: number }[],
  ): Promise<CommerceResult<{ total: Money; lines: OrderView["items"]; subtotal?: Money; shipping?: Money; discount?: Money }>>;
  /** Starts paying an order placed in this conversation (the pay block's payment). */
  createPayment?(merchantId: string, orderId: string, context: { conversationId: string; locale: Locale }): Promise<CommerceResult<PaymentView>>;
  /** Asks the provider about the order's latest payment and settles it if the money is there. */
  checkPayment?(merchantId: string, orderId: string): Promise<CommerceResult<{ orderStatus: string; payment: PaymentView | null }>>;
  placeOrder(
    merchantId: string,
    order: { customer: { email: string; name?: string; phone?: string }; items: { productId: string; quantity: number }[]; shippingAddress: Address },
    shopper: ShopperIdentity,
    idempotencyKey: string,
  ): Promise<CommerceResult<OrderView>>;
  /** The verified shopper's own orders, newest first. */
  ordersOf(merchantId: string, shopper: ShopperIdentity, limit: number): Promise<OrderView[]>;
  /** An order proved by its number plus the email or phone on it. */
  findOrder(merchantId: string, number: string, contact: string): Promise<OrderView | null>;
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

export interface BotPorts {
  commerce: CommercePort;
  knowledge: KnowledgePort;
  handoff: HandoffPort;
}
