import { z } from "zod";
import { localeSchema } from "./common.ts";

/** Shared with the browser widget: every request it sends and every message it renders. */

export const blockSchema = z.object({ type: z.enum(["products", "order", "quick_replies", "confirm", "citation", "csat_request", "pay", "payment_status"]) }).loose();

export const messageSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    conversationId: z.uuid(),
    role: z.enum(["shopper", "bot", "agent", "system"]),
    text: z.string(),
    locale: z.string(),
    blocks: z.array(blockSchema).optional(),
    intent: z.string().optional(),
    /** The person who wrote an agent message. */
    author: z.object({ name: z.string() }).optional(),
    createdAt: z.string(),
  })
  .meta({ id: "Message" });
export type Message = z.infer<typeof messageSchema>;

export const identitySchema = z
  .object({
    customerId: z.string().trim().min(1).max(128),
    email: z.email().max(254).optional(),
    name: z.string().trim().max(100).optional(),
    hmac: z.string().regex(/^[0-9a-f]{64}$/i, "hex HMAC-SHA256 of customerId with the merchant's identity secret"),
  })
  .strict();

export const sessionCreateSchema = z
  .object({
    widgetKey: z.string().min(1).max(100),
    locale: z.string().max(20).optional(),
    identity: identitySchema.optional(),
    visitorId: z.string().regex(/^[\w-]{8,64}$/).optional().meta({ description: "A random id the browser keeps: an anonymous shopper keeps their experiment variant with it" }),
    ref: z.string().trim().max(40).optional().meta({ description: "A referral partner's code (the tag's data-ref or the page's ?ref=); unknown codes are ignored" }),
  })
  .strict()
  .meta({ id: "SessionCreate" });

export const sessionSchema = z
  .object({ sessionToken: z.string(), conversationId: z.uuid(), locale: localeSchema, identified: z.boolean() })
  .meta({ id: "Session" });

export const actionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["confirm", "cancel"]), token: z.string().min(1).max(100) }).strict(),
  z.object({ type: z.literal("select_product"), productId: z.uuid() }).strict(),
  /** A click on a quick-reply chip (the message's text is the chip's): a greeting experiment may count it. */
  z.object({ type: z.literal("quick_reply") }).strict(),
]);

export const messageSendSchema = z
  .object({
    clientMessageId: z.string().trim().min(1).max(100).refine((id) => !id.startsWith("agent:"), "ids starting with agent: are reserved for agents"),
    text: z.string().max(100_000).refine((t) => t.trim().length > 0, "the message is empty"),
    action: actionSchema.optional().meta({ description: "A click on a confirm/cancel, product or quick-reply block" }),
    locale: localeSchema.optional().meta({ description: "The language the shopper chose in the widget; the bot answers in it unless the message is a whole sentence in another" }),
  })
  .strict()
  .meta({ id: "MessageSend" });
export type MessageSend = z.infer<typeof messageSendSchema>;

export const messagesQuerySchema = z.object({ after: z.coerce.number().int().min(0).max(2_147_483_647).default(0) });

export const feedbackSchema = z
  .object({
    messageId: z.uuid().optional(),
    thumbs: z.enum(["up", "down"]).optional(),
    csat: z.number().int().min(1).max(5).optional(),
    comment: z.string().trim().max(2000).optional(),
    reason: z.string().trim().max(200).optional(),
    tags: z.array(z.string().regex(/^[a-z0-9_]{2,40}$/, "lowercase tag like late_delivery")).max(5).optional(),
  })
  .strict()
  .refine((f) => f.thumbs || f.csat || f.comment || f.tags?.length, "give thumbs, csat, a comment or tags")
  .refine((f) => !f.thumbs || f.messageId, { message: "thumbs rate one bot message: give its messageId", path: ["messageId"] })
  .meta({ id: "Feedback" });
export type FeedbackInput = z.infer<typeof feedbackSchema>;

export const nluParseSchema = z
  .object({ text: z.string().max(100_000), locale: z.string().max(20).optional() })
  .strict()
  .meta({ id: "NluParse" });
