import { LOCALES } from "../locales/locales.ts";
import { z } from "zod";

const addressSchema = z.object({
  name: z.string(),
  phone: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string(),
});

/** An order journey that needs an order first: which one, and what to do with it. */
const orderTaskSchema = z.object({
  name: z.enum(["track_order", "cancel_order", "change_shipping_address", "get_refund", "track_refund", "change_order"]),
  step: z.enum(["ask_number", "ask_contact", "ask_address", "ask_quantity", "confirm"]),
  number: z.string().optional(),
  orderId: z.string().optional(),
  failedProofs: z.number().default(0),
  address: addressSchema.optional(),
  items: z.array(z.object({ productId: z.string(), quantity: z.number() })).optional(),
  token: z.string().optional(),
});

const placeOrderSchema = z.object({
  name: z.literal("place_order"),
  step: z.enum(["ask_product", "ask_quantity", "ask_address", "ask_name", "ask_phone", "ask_email", "confirm"]),
  productId: z.string().optional(),
  quantity: z.number().optional(),
  address: addressSchema.partial().optional(),
  email: z.string().optional(),
  token: z.string().optional(),
  /** A coupon the shopper gave; the quote says whether it applies, the order redeems it. */
  couponCode: z.string().optional(),
});

/**
 * A shopper's data request (see a copy, or erase): which kind (unknown until they say), the
 * proof of who they are when the session is not a verified shopper (an order of theirs,
 * proved like the order journeys prove one), then their explicit confirmation.
 */
const privacyTaskSchema = z.object({
  name: z.literal("privacy_request"),
  kind: z.enum(["export", "erasure"]).optional(),
  step: z.enum(["ask_kind", "ask_number", "ask_contact", "confirm"]),
  number: z.string().optional(),
  /** The proved order whose customer the request is about (not for a verified shopper). */
  orderId: z.string().optional(),
  failedProofs: z.number().default(0),
  token: z.string().optional(),
});

export const dialogueStateSchema = z.object({
  locale: z.enum(LOCALES).optional(),
  form: z.union([placeOrderSchema, orderTaskSchema, privacyTaskSchema]).optional(),
  /** Answerable questions missed in a row (social messages and form answers never count). */
  fallbacks: z.number().default(0),
  /**
   * What the conversation is about, for follow-ups and ellipsis ("and with SF express?",
   * "那普通快递呢？", "are they in stock?"): the last help question and its article, and the
   * products last shown.
   */
  topic: z
    .object({
      question: z.string().optional(),
      intent: z.string().optional(),
      articleId: z.string().optional(),
      productIds: z.array(z.string()).default([]),
      /** Which of the two the last answer was about: a follow-up leans on it first. */
      last: z.enum(["help", "product"]).optional(),
    })
    .default({ productIds: [] }),
  /** Orders this (possibly anonymous) shopper has proved in this conversation. */
  provenOrders: z.array(z.string()).default([]),
  turn: z.number().default(0),
  /** Confirm tokens already acted on, with the order they produced: a second click replays it. */
  confirmed: z.record(z.string(), z.string()).default({}),
  /** The article of the last cited answer, for feedback analytics. */
  lastArticleId: z.string().optional(),
  /** What the language model has used in this conversation, against the per-conversation caps. */
  llm: z.object({ turns: z.number().default(0), toolCalls: z.number().default(0), tokens: z.number().default(0) }).default({ turns: 0, toolCalls: 0, tokens: 0 }),
});

export type DialogueState = z.infer<typeof dialogueStateSchema>;
export type PlaceOrderForm = z.infer<typeof placeOrderSchema>;
export type OrderTask = z.infer<typeof orderTaskSchema>;
export type PrivacyTask = z.infer<typeof privacyTaskSchema>;
export type Address = z.infer<typeof addressSchema>;

/** Reads persisted state; anything unreadable (an older shape, a bad write) starts afresh. */
export function loadState(raw: unknown): DialogueState {
  const parsed = dialogueStateSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : dialogueStateSchema.parse({});
}
