import type { RiskSettings } from "../merchants/settings.ts";

/**
 * Order risk scoring: a pure function from what is known about an order and its history
 * (`RiskFacts`, gathered by facts.ts from the database, or by the evaluation script from
 * its generated stream) to a score 0..100, a level and the reasons behind it. Each signal
 * adds points; no single weak signal (an office network, a gift shipped to someone else, a
 * large first order) reaches the hold threshold alone, combinations do.
 */

export type RiskLevel = "low" | "medium" | "high";
export interface Risk {
  score: number;
  level: RiskLevel;
  reasons: string[];
}

/** Everything the score is computed from. Counts are of earlier orders within the velocity window unless said otherwise. */
export interface RiskFacts {
  /** Earlier orders with the same email / phone / shipping address / client address within the window. */
  velocity: { email: number; phone: number; address: number; client: number };
  /** Distinct emails (this one included) seen on the same device token / client address within a day. */
  accountsOnDevice: number;
  accountsOnClient: number;
  /** Distinct emails (this one included) shipping to the same address within a day (drop addresses). */
  accountsOnAddress: number;
  /** The email's domain is a throwaway-mail service. */
  disposableEmail: boolean;
  /** The contact's name or phone differs from the shipping address's. */
  nameMismatch: boolean;
  phoneMismatch: boolean;
  /** No earlier order from this email, ever. */
  firstOrder: boolean;
  /**
   * Minutes since this email's first order (null or absent: this is its first). An email that
   * first ordered minutes ago is as new as one ordering for the first time: a large second
   * order an hour after a small first one is no less unusual.
   */
  sinceFirstOrderMinutes?: number | null;
  /** This order's total, and the shop's typical (median) order total, in minor units (null: too little history). */
  total: number;
  typicalTotal: number | null;
  /** Failed payments within a day on orders from the same email or device. */
  failedPayments: number;
  /**
   * Coupon abuse: distinct other emails that used the same coupon code from the same device
   * within a day. Hook for the coupons area: it is 0 while orders carry no
   * coupon code (facts.ts reads `couponCode` from the order input when present).
   */
  couponAccounts: number;
}

/** An email whose first order is younger than this is a new customer (its orders' value is judged like a first order's). */
const NEW_CUSTOMER_MINUTES = 24 * 60;

/**
 * Points for a new customer's order worth `ratio` times the shop's typical order: none below
 * half the configured multiple, 20 at half of it, rising with the logarithm of the ratio to
 * 45 at the multiple and beyond. A large first order alone stays below the hold threshold;
 * shipped to someone else, or from a throwaway address, it is held.
 */
export function unusualValuePoints(ratio: number, multiple: number): number {
  const from = multiple / 2;
  if (!(ratio >= from)) return 0;
  return Math.min(45, Math.round(20 + 25 * Math.log2(ratio / from)));
}

/** Absolute first-order value (minor units) used while the shop has too little history for a median. */
const FALLBACK_TYPICAL_TOTAL = 20_000;

export function scoreOrder(facts: RiskFacts, settings: RiskSettings): Risk {
  const points = new Map<string, number>();
  const add = (reason: string, value: number) => points.set(reason, Math.max(points.get(reason) ?? 0, value));

  // One person ordering again and again is one signal, however many of their details repeat:
  // the email, phone and address velocities count once (the highest), so a regular customer
  // topping up an order is never held for velocity alone.
  let personal = 0;
  for (const key of ["email", "phone", "address"] as const) {
    const earlier = facts.velocity[key];
    if (earlier >= settings.velocityLimit) {
      points.set(`velocity:${key}`, 0);
      personal = Math.max(personal, Math.min(40, 20 + 10 * (earlier - settings.velocityLimit)));
    }
  }
  // Repeated orders shipped to somebody else (a reshipping drop) weigh more than a customer's own top-ups.
  if (personal && (facts.nameMismatch || facts.phoneMismatch)) personal = Math.round(personal * 1.5);
  // The client address is often shared (offices, mobile carriers): it counts for less.
  if (facts.velocity.client >= settings.velocityLimit * 2) add("velocity:client", Math.min(25, 20 + 10 * (facts.velocity.client - settings.velocityLimit * 2)));
  if (facts.accountsOnDevice >= settings.accountsPerDevice) add("device:many_accounts", Math.min(60, 35 + 10 * (facts.accountsOnDevice - settings.accountsPerDevice)));
  if (facts.accountsOnClient >= settings.accountsPerDevice * 2) add("client:many_accounts", 10);
  // A drop address collects orders from fresh accounts: a new customer's order to an address
  // many accounts ship to weighs more than a regular's, and one account short of the limit
  // already counts a little (with a throwaway email or an unusual value it is held).
  const newCustomer = facts.firstOrder || (facts.sinceFirstOrderMinutes ?? Infinity) < NEW_CUSTOMER_MINUTES;
  if (facts.accountsOnAddress >= settings.accountsPerDevice) add("address:many_accounts", Math.min(60, (newCustomer ? 60 : 45) + 10 * (facts.accountsOnAddress - settings.accountsPerDevice)));
  else if (newCustomer && facts.accountsOnAddress >= Math.max(2, settings.accountsPerDevice - 1)) add("address:another_account", 20);
  if (facts.disposableEmail) add("contact:disposable_email", 40);
  if (facts.nameMismatch) add("contact:name_mismatch", 10);
  if (facts.phoneMismatch) add("contact:phone_mismatch", 15);
  if (newCustomer) {
    const value = unusualValuePoints(facts.total / (facts.typicalTotal ?? FALLBACK_TYPICAL_TOTAL), settings.firstOrderMultiple);
    if (value) add(facts.firstOrder ? "value:unusual_first_order" : "value:unusual_new_customer_order", value);
  }
  if (facts.failedPayments >= 2) add("payments:repeated_failures", Math.min(50, 25 + 10 * (facts.failedPayments - 2)));
  if (facts.couponAccounts >= 1) add("coupon:abuse", Math.min(60, 40 + 10 * (facts.couponAccounts - 1)));

  const score = Math.min(100, personal + [...points.values()].reduce((sum, p) => sum + p, 0));
  for (const key of ["email", "phone", "address"] as const) if (points.has(`velocity:${key}`)) points.set(`velocity:${key}`, personal);
  const reasons = [...points].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason]) => reason);
  return { score, level: levelOf(score, settings), reasons };
}

/**
 * Reasons that point at a ring of orders (one device, address, contact or card behind many):
 * when one of them holds an order, the ring's earlier orders still awaiting payment are
 * held with it (see RiskService), since the first orders of a ring look innocent alone.
 */
const RING_REASONS = ["velocity:", "device:many_accounts", "address:many_accounts", "address:another_account", "client:many_accounts", "coupon:abuse", "payments:repeated_failures"];
export const pointsAtRing = (risk: Risk) => risk.level === "high" && risk.reasons.some((r) => RING_REASONS.some((p) => r.startsWith(p)));

/** The kinds of signal that tie the orders of one ring together. */
export const RING_LINKS = ["email", "phone", "address", "device"] as const;

export function levelOf(score: number, settings: Pick<RiskSettings, "reviewAt" | "holdAt">): RiskLevel {
  return score >= settings.holdAt ? "high" : score >= settings.reviewAt ? "medium" : "low";
}

/** Well-known throwaway-mail domains (a short list: the signal is one among many). */
const DISPOSABLE_DOMAINS = new Set([
  "mailinator.com", "guerrillamail.com", "guerrillamail.net", "10minutemail.com", "tempmail.com", "temp-mail.org",
  "throwawaymail.com", "yopmail.com", "trashmail.com", "getnada.com", "sharklasers.com", "dispostable.com",
  "maildrop.cc", "fakeinbox.com", "mintemail.com", "mohmal.com", "emailondeck.com", "tempail.com", "moakt.com", "linshiyouxiang.net",
]);

export function isDisposableEmail(email: string): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return DISPOSABLE_DOMAINS.has(domain) || [...DISPOSABLE_DOMAINS].some((d) => domain.endsWith(`.${d}`));
}

/** Digits only, the last 11 kept: "+86 139-0000 1111" and "13900001111" are the same phone. */
export const normalizePhone = (phone: string) => phone.replace(/\D/g, "").slice(-11);
export const normalizeName = (name: string) => name.toLowerCase().replace(/\s+/g, " ").trim();
export const normalizeAddress = (a: { line1: string; line2?: string; city: string; postalCode?: string; country: string }) =>
  [a.line1, a.line2 ?? "", a.city, a.postalCode ?? "", a.country].map((p) => p.toLowerCase().replace(/[\s,.#-]+/g, " ").trim()).join("|");
