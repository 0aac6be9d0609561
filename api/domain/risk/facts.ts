import { createHmac } from "node:crypto";
import type { RiskSettings } from "../merchants/settings.ts";
import { isDisposableEmail, normalizeAddress, normalizeName, normalizePhone, scoreOrder, type Risk, type RiskFacts } from "./score.ts";

/** What scoring knows about the order being placed. */
export interface RiskOrder {
  email: string;
  name?: string | null;
  phone?: string | null;
  shippingAddress: { name: string; phone: string; line1: string; line2?: string; city: string; postalCode?: string; country: string };
  total: number;
  /** The shopper's network address (the widget's request, or the one the merchant passes). */
  clientAddress?: string | null;
  /** A token naming the shopper's device (the widget conversation, or the one the merchant passes). */
  deviceToken?: string | null;
  /** The coupon code on the order, once orders carry coupons (the coupons area fills it). */
  couponCode?: string | null;
}

export type SignalKind = "email" | "phone" | "address" | "client" | "device" | "coupon_device";

/**
 * The history scoring counts against: the database (risk.service.ts) or the generated
 * stream of the evaluation script. Values arrive hashed (see `signalsOf`).
 */
export interface RiskHistory {
  /** Earlier orders with this signal since `since`. */
  count(kind: SignalKind, valueHash: string, since: Date): Promise<number>;
  /** Distinct emails other than `emailHash` on earlier orders with this signal since `since`. */
  otherEmails(kind: SignalKind, valueHash: string, emailHash: string, since: Date): Promise<number>;
  /** When this email first ordered, or null if it never did. */
  firstOrderAt(emailHash: string): Promise<Date | null>;
  /** Failed payments since `since` on orders from this email or device. */
  failedPayments(emailHash: string, deviceHash: string | null, since: Date): Promise<number>;
  /** The shop's median order total over its recent orders, or null with too little history. */
  typicalTotal(): Promise<number | null>;
}

export interface Signal {
  kind: SignalKind;
  valueHash: string;
}

/** Keyed hashes of the order's contact details, so history never holds them in clear a second time. */
export function signalsOf(order: RiskOrder, key: string): { emailHash: string; signals: Signal[] } {
  const hash = (kind: string, value: string) => createHmac("sha256", key).update(`${kind}\u0000${value}`).digest("hex").slice(0, 40);
  const signals: Signal[] = [];
  const push = (kind: SignalKind, value: string | null | undefined) => {
    if (value && value.trim()) signals.push({ kind, valueHash: hash(kind, value.trim().toLowerCase()) });
  };
  const email = order.email.trim().toLowerCase();
  push("email", email);
  const phones = new Set([order.phone, order.shippingAddress.phone].filter(Boolean).map((p) => normalizePhone(p!)));
  for (const phone of phones) push("phone", phone);
  push("address", normalizeAddress(order.shippingAddress));
  push("client", order.clientAddress);
  push("device", order.deviceToken);
  if (order.couponCode) {
    push("coupon_device", order.deviceToken ? `${order.couponCode.toUpperCase()}|${order.deviceToken}` : null);
  }
  return { emailHash: hash("email", email), signals };
}

const DAY_MS = 24 * 60 * 60_000;

/** Gathers the facts for one order from its history and scores it. */
export async function assessOrder(order: RiskOrder, history: RiskHistory, settings: RiskSettings, key: string, now = new Date()): Promise<{ risk: Risk; emailHash: string; signals: Signal[]; facts: RiskFacts }> {
  const { emailHash, signals } = signalsOf(order, key);
  const windowStart = new Date(now.getTime() - settings.windowMinutes * 60_000);
  const dayStart = new Date(now.getTime() - DAY_MS);
  const of = (kind: SignalKind) => signals.filter((s) => s.kind === kind);
  const maxCount = async (kind: SignalKind) => Math.max(0, ...(await Promise.all(of(kind).map((s) => history.count(kind, s.valueHash, windowStart)))));
  const maxOthers = async (kind: SignalKind) => Math.max(0, ...(await Promise.all(of(kind).map((s) => history.otherEmails(kind, s.valueHash, emailHash, dayStart)))));
  const device = of("device")[0]?.valueHash ?? null;
  const contactName = order.name ? normalizeName(order.name) : null;
  const contactPhone = order.phone ? normalizePhone(order.phone) : null;
  const firstOrderAt = await history.firstOrderAt(emailHash);
  const facts: RiskFacts = {
    velocity: { email: await maxCount("email"), phone: await maxCount("phone"), address: await maxCount("address"), client: await maxCount("client") },
    accountsOnDevice: device ? 1 + (await maxOthers("device")) : 1,
    accountsOnClient: 1 + (await maxOthers("client")),
    accountsOnAddress: 1 + (await maxOthers("address")),
    disposableEmail: isDisposableEmail(order.email),
    nameMismatch: contactName !== null && contactName !== normalizeName(order.shippingAddress.name),
    phoneMismatch: contactPhone !== null && contactPhone !== normalizePhone(order.shippingAddress.phone),
    firstOrder: firstOrderAt === null,
    sinceFirstOrderMinutes: firstOrderAt === null ? null : Math.max(0, (now.getTime() - firstOrderAt.getTime()) / 60_000),
    total: order.total,
    typicalTotal: await history.typicalTotal(),
    failedPayments: await history.failedPayments(emailHash, device, dayStart),
    // Per device only: one public coupon is rightly used by many people behind one carrier or office network.
    couponAccounts: await maxOthers("coupon_device"),
  };
  return { risk: scoreOrder(facts, settings), emailHash, signals, facts };
}
