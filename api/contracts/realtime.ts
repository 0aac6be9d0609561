import { z } from "zod";
import type { Locale } from "./common.ts";
import { feedbackSchema, messageSendSchema, type Message } from "./widget.ts";

/** Socket.IO events of the /widget and /console namespaces (names `resource:verb`, acks `{data}|{error}`). */

export type Ack<T> = (response: { data: T } | { error: { code: string; message: string } }) => void;

/** The shopper's message over the socket: the same as POST /widget/messages. */
export const widgetMessageSchema = messageSendSchema;
export const typingSchema = z.object({ isTyping: z.boolean() }).strict();
export const consoleTypingSchema = z.object({ conversationId: z.uuid(), isTyping: z.boolean() }).strict();
export const conversationRefSchema = z.object({ conversationId: z.uuid() }).strict();
export const agentMessageSchema = z
  .object({ conversationId: z.uuid(), clientMessageId: z.string().trim().min(1).max(100), text: z.string().trim().min(1).max(10_000) })
  .strict();
export const noteSchema = z.object({ conversationId: z.uuid(), text: z.string().trim().min(1).max(10_000) }).strict();
export const transferSchema = z.object({ conversationId: z.uuid(), agentId: z.uuid() }).strict();
export const presenceSchema = z.object({ status: z.enum(["online", "away", "offline"]) }).strict();
/** A message seq: an int4 column, like the REST cursors (`after`). */
const seqSchema = z.number().int().min(0).max(2_147_483_647);
export const readSchema = z.object({ conversationId: z.uuid(), seq: seqSchema }).strict();
export const widgetReadSchema = z.object({ seq: seqSchema }).strict();

export type ConversationStatus = "bot" | "queued" | "assigned" | "resolved";

/** A conversation as the console lists it. */
export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  locale: Locale;
  priority: number;
  agentId: string | null;
  agentName: string | null;
  customer: { id: string; name: string | null; email: string | null; vip: boolean } | null;
  /** The newest message anyone can see (a bot or system notice too). */
  lastMessage: { text: string; role: string; at: string } | null;
  /** The shopper's own last message: what the queue previews. */
  preview: { text: string; at: string } | null;
  /** What the shopper wants (an intent name) with its readable name in every language. */
  topic: { intent: string; label: Record<Locale, string> } | null;
  /** Why the bot handed over (requested, complaint, negative_sentiment, fallback, ...). */
  handoffReason: string | null;
  waitingSince: string;
  queuedAt: string | null;
  /** Read receipts: the shopper has seen messages up to this seq. */
  shopperReadSeq: number;
}

export interface AgentView {
  id: string;
  name: string;
  email: string;
  role: string;
  status: "online" | "away" | "offline";
  load: number;
  maxChats: number;
}

export interface WidgetServerEvents {
  "message:new": (message: Message) => void;
  /** The bot's reply while the model writes it: the whole text so far ("" withdraws it); the stored message follows as message:new. */
  "message:delta": (event: { draftId: string; text: string }) => void;
  typing: (event: { role: "agent" | "bot"; isTyping: boolean; name?: string }) => void;
  "conversation:status": (event: { status: ConversationStatus; agentName?: string }) => void;
  /** The agent has seen everything up to `seq`. */
  "message:read": (event: { seq: number; by: "agent" }) => void;
}

export interface WidgetClientEvents {
  "message:send": (payload: unknown, ack: Ack<Message>) => void;
  typing: (payload: unknown) => void;
  "feedback:submit": (payload: unknown, ack: Ack<unknown>) => void;
  /** The shopper has seen everything up to `seq`. */
  "message:read": (payload: unknown) => void;
}

export interface ConsoleServerEvents {
  "queue:updated": (event: { conversations: ConversationSummary[] }) => void;
  "conversation:queued": (event: { conversation: ConversationSummary }) => void;
  "conversation:assigned": (event: { conversation: ConversationSummary }) => void;
  "conversation:updated": (event: { conversation: ConversationSummary }) => void;
  /** To supervisors: a conversation passed its due time. */
  "conversation:escalated": (event: { conversation: ConversationSummary }) => void;
  "message:new": (message: Message & { internal?: boolean }) => void;
  typing: (event: { conversationId: string; role: "shopper" | "agent"; isTyping: boolean }) => void;
  "agents:updated": (event: { agents: AgentView[] }) => void;
  "message:read": (event: { conversationId: string; seq: number; by: "shopper" | "agent" }) => void;
}

/** A customer's tier for the console's customer panel (the Customer profile's fields of the same names). */
export interface CustomerStanding {
  tier: "regular" | "vip";
  lifetimeSpend: { amount: number; currency: string };
  accountManager: { id: string; name: string } | null;
}

export interface ConsoleClientEvents {
  "conversation:claim": (payload: unknown, ack: Ack<ConversationSummary>) => void;
  "conversation:open": (
    payload: unknown,
    ack: Ack<{
      conversation: ConversationSummary;
      messages: (Message & { internal?: boolean })[];
      orders: { number: string; status: string; total: { amount: number; currency: string }; createdAt: string }[];
      canned: { title: string; text: string; locale?: string }[];
      /** The customer's standing (null for a guest): VIP tier, paid lifetime spend, account manager. */
      customer: CustomerStanding | null;
    }>,
  ) => void;
  "message:send": (payload: unknown, ack: Ack<Message>) => void;
  "note:add": (payload: unknown, ack: Ack<Message>) => void;
  "conversation:transfer": (payload: unknown, ack: Ack<ConversationSummary>) => void;
  "conversation:resolve": (payload: unknown, ack: Ack<ConversationSummary>) => void;
  "conversation:handback": (payload: unknown, ack: Ack<ConversationSummary>) => void;
  "presence:set": (payload: unknown, ack: Ack<AgentView>) => void;
  "message:read": (payload: unknown) => void;
  typing: (payload: unknown) => void;
}

export { feedbackSchema };
