import type { Locale } from "../../bot/ports.ts";

/** What must be true of the bot's answer to one shopper message. All checks are optional. */
export interface Expect {
  /** Every one of these appears in the replies (case-insensitive). */
  has?: string[];
  /** At least one of these appears. */
  any?: string[];
  /** None of these appears. */
  not?: string[];
  /** SKUs that must be among the product cards shown. */
  products?: string[];
  /** SKUs that must not be among the product cards shown. */
  noProducts?: string[];
  /** Whether the conversation goes to a person this turn. @defaultValue false */
  handoff?: boolean;
  /** The reply language. @defaultValue the conversation's language */
  lang?: Locale;
  /** An order is created this turn with these items (the total is checked against the catalog). */
  order?: { sku: string; quantity: number };
  /** No order exists after this turn. */
  noOrder?: true;
  /** Whether an order form is still open after the turn. */
  form?: boolean;
  /** The help-center article cited (its slug). */
  article?: string;
  /** The shopper's data requests after this turn: none made, the last one waiting for the shop, or carried out. */
  privacy?: "none" | "queued" | "done";
}

/** A shopper message, with or without expectations (handoff and language are always checked). */
export type Turn = string | [string] | [string, Expect];

export interface Conversation {
  id: string;
  /** The language the shopper chose in the widget. */
  locale: Locale;
  turns: Turn[];
  /** Orders that exist before the conversation starts (of the signed-in shopper when `customerId` is theirs). */
  orders?: { number: string; status: string; email: string; customerId?: string }[];
  /** A shopper signed in on the shop's site (a verified identity). */
  shopper?: { customerId: string };
  /** What an erasure request in chat does in this shop (settings.privacy.selfServiceErasure). @defaultValue "queue" */
  erasure?: "immediate" | "queue";
}
