import { matchLocale } from "../../contracts/common.ts";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Bot } from "../../../bot/engine.ts";
import type { Locale, MerchantInfo } from "../../../bot/ports.ts";
import type { Merchant, Prisma, PrismaClient } from "../../db/generated/client.ts";
import type { FeedbackInput, Message, MessageSend } from "../../contracts/widget.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";
import type { HandoffService } from "../handoff/handoff.service.ts";
import type { MerchantsService } from "../merchants/merchants.service.ts";
import type { Caches } from "../shared/caches.ts";
import { InFlight } from "../shared/in-flight.ts";
import type { Database } from "../../db/database.ts";
import type { ConversationEvents } from "./events.ts";
import type { MessageLog } from "./message-log.ts";
import type { SessionTokens, WidgetSession } from "./session-token.ts";

export interface SessionRequest {
  widgetKey: string;
  locale?: string;
  identity?: { customerId: string; email?: string; name?: string; hmac: string };
}

/** An identified shopper comes back to the conversation they left within this time. */
const RESUME_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Earlier messages the model reads for context (the local engine keeps its own state). */
const HISTORY_FOR_MODEL = 8;

/**
 * Shopper conversations: sessions, messages (stored before they are answered, numbered by
 * a per-conversation `seq`, idempotent on clientMessageId), bot turns and feedback.
 */
export class ConversationsService {
  /** Bot turns running now (a draining node finishes them before it exits). */
  readonly turns = new InFlight();

  constructor(
    private readonly prisma: PrismaClient,
    /** One turn at a time per conversation, on every node, so dialogue state is never written by two turns at once. */
    private readonly lock: <T>(key: string, fn: () => Promise<T>) => Promise<T>,
    private readonly messages: MessageLog,
    private readonly bot: Bot,
    private readonly handoff: Pick<HandoffService, "settle">,
    private readonly tokens: SessionTokens,
    private readonly log: Logger,
    private readonly events: ConversationEvents,
    private readonly merchants: Pick<MerchantsService, "byWidgetKey" | "get">,
    private readonly db: Pick<Database, "query">,
    private readonly caches: Pick<Caches, "observe">,
  ) {}

  async createSession(request: SessionRequest) {
    const merchant = await this.merchants.byWidgetKey(request.widgetKey);
    if (!merchant) throw new AppError(401, "widget:unknown_key", "This widget key is not valid.");
    const locale = pickLocale(request.locale, merchant);
    let customer: { id: string; name: string | null } | null = null;
    if (request.identity) {
      if (!validIdentity(request.identity.customerId, request.identity.hmac, merchant.identitySecret)) {
        throw new AppError(401, "widget:bad_identity", "The identity signature does not match.");
      }
      customer = await this.identifiedCustomer(merchant.id, request.identity);
    }
    const resumed = customer
      ? await this.prisma.conversation.findFirst({
          where: { merchantId: merchant.id, customerId: customer.id, status: { not: "resolved" }, updatedAt: { gte: new Date(Date.now() - RESUME_WINDOW_MS) } },
          orderBy: { updatedAt: "desc" },
        })
      : null;
    let conversation: { id: string } | null = resumed;
    if (!conversation) {
      const greeting = this.bot.greeting(merchantInfo(merchant), locale, customer?.name ?? undefined);
      conversation = await this.messages.start(merchant.id, customer?.id ?? null, locale, { locale }, { role: "bot", text: greeting.text, blocks: greeting.blocks, locale, intent: "greet" });
    }
    const session: WidgetSession = { conversationId: conversation.id, merchantId: merchant.id, customerId: customer?.id, verified: Boolean(customer) };
    return { sessionToken: await this.tokens.sign(session), conversationId: conversation.id, locale: (resumed?.locale ?? locale) as Locale, identified: Boolean(customer) };
  }

  async authenticate(token: string): Promise<WidgetSession | null> {
    return this.tokens.verify(token);
  }

  /** Stores the shopper's message, lets the bot answer when it is the bot's turn, returns both. */
  async postMessage(session: WidgetSession, input: MessageSend): Promise<Message[]> {
    return this.turns.track(() => this.lock(`conversation:${session.conversationId}`, async () => {
      // One statement: the conversation, its shopper and its merchant's cache version.
      const { rows } = await this.db.query<TurnConversation>(TURN_CONVERSATION_SQL, [session.conversationId, session.merchantId]);
      const conversation = rows[0];
      if (!conversation) throw notFound("conversations", "conversation");
      // Whatever changed for this merchant on any node is seen by this turn's caches.
      this.caches.observe(conversation.merchantId, conversation.cacheVersion);
      const merchant = await this.merchants.get(conversation.merchantId);
      if (!merchant) throw notFound("conversations", "conversation");
      let stored: Message[];
      try {
        stored = await this.messages.append(
          conversation.id,
          conversation.merchantId,
          [{ role: "shopper", text: input.text, locale: conversation.locale, clientMessageId: input.clientMessageId }],
          { unlessClientMessageId: input.clientMessageId },
        );
      } catch (error) {
        // The same message through another path got in first.
        if (!isUniqueViolation(error)) throw error;
        stored = [];
      }
      // A retry of a message stored already: the first answer again.
      if (stored.length === 0) return (await this.messages.replay(session.conversationId, input.clientMessageId)) ?? [];
      if (conversation.status === "queued" || conversation.status === "assigned") return stored;

      const draftId = stored[0]!.id;
      const result = await this.bot.reply({
        conversationId: conversation.id,
        history: async () => {
          const earlier = await this.prisma.message.findMany({
            where: { conversationId: conversation.id, merchantId: conversation.merchantId, internal: false, role: { in: ["shopper", "bot", "agent"] }, seq: { lt: stored[0]!.seq } },
            orderBy: { seq: "desc" },
            take: HISTORY_FOR_MODEL,
            select: { role: true, text: true },
          });
          return earlier.reverse().map((m) => ({ role: m.role as "shopper" | "bot" | "agent", text: m.text }));
        },
        onDraft: (text) => this.events.emit({ type: "draft", merchantId: conversation.merchantId, conversationId: conversation.id, draftId, text }),
        text: input.text,
        action: input.action,
        merchant: merchantInfo(merchant),
        shopper: {
          customerId: session.verified ? session.customerId : undefined,
          email: session.verified ? (conversation.customerEmail ?? undefined) : undefined,
          verified: session.verified,
          vip: session.verified ? conversation.customerVip === true : false,
        },
        state: conversation.state,
        locale: conversation.locale as Locale,
        chosenLocale: input.locale,
      });
      stored[0] = { ...stored[0]!, intent: result.intent, locale: result.locale };
      // The replies, the new dialogue state and what the bot made of the shopper's message, in one statement.
      const replies = await this.messages.append(
        conversation.id,
        conversation.merchantId,
        result.replies.map((reply) => ({ role: "bot" as const, text: reply.text, blocks: reply.blocks, locale: result.locale, intent: result.intent })),
        {
          state: result.state,
          locale: result.locale,
          reopen: conversation.status === "resolved" && !result.handoff,
          answered: { messageId: stored[0]!.id, intent: result.intent, locale: result.locale, unanswered: result.fallback, answeredBy: result.path },
        },
      );
      this.log[result.modelFailure ? "info" : "debug"](
        { conversationId: conversation.id, intent: result.intent, confidence: result.confidence, handoff: result.handoff, path: result.path, modelFailure: result.modelFailure, toolCalls: result.toolCalls },
        "bot turn",
      );
      if (result.handoff) await this.handoff.settle(conversation.merchantId, conversation.id);
      if (conversation.status === "resolved" && !result.handoff) this.events.emit({ type: "status", merchantId: conversation.merchantId, conversationId: conversation.id, status: "bot" });
      return [...stored, ...replies];
    }));
  }

  async messagesAfter(session: WidgetSession, after: number): Promise<Message[]> {
    return this.messages.after(session.conversationId, session.merchantId, after);
  }

  /** Thumbs rate one bot message, CSAT the conversation; a later rating replaces an earlier one. */
  async feedback(session: WidgetSession, input: FeedbackInput) {
    const conversation = await this.prisma.conversation.findFirst({ where: { id: session.conversationId, merchantId: session.merchantId } });
    if (!conversation) throw notFound("conversations", "conversation");
    let message: { id: string; intent: string | null; blocks: Prisma.JsonValue; locale: string } | null = null;
    if (input.messageId) {
      message = await this.prisma.message.findFirst({
        where: { id: input.messageId, conversationId: conversation.id, role: "bot" },
        select: { id: true, intent: true, blocks: true, locale: true },
      });
      if (!message) throw new AppError(404, "feedback:message_not_found", "No such bot message in this conversation.");
    }
    const citation = Array.isArray(message?.blocks)
      ? (message.blocks as { type?: string; articleId?: string }[]).find((b) => b?.type === "citation")
      : undefined;
    // Only what this rating says changes; a later rating replaces an earlier one.
    const rating = { thumbs: input.thumbs, csat: input.csat, comment: input.comment, reason: input.reason, tags: input.tags };
    const existing = await this.prisma.feedback.findFirst({
      where: { conversationId: conversation.id, messageId: message?.id ?? null, ...(message ? {} : { csat: { not: null } }) },
    });
    const saved = existing
      ? await this.prisma.feedback.update({ where: { id: existing.id }, data: rating })
      : await this.prisma.feedback.create({
          data: {
            ...rating,
            merchantId: conversation.merchantId,
            conversationId: conversation.id,
            messageId: message?.id ?? null,
            intent: message?.intent ?? null,
            articleId: citation?.articleId ?? null,
            locale: message?.locale ?? conversation.locale,
          },
        });
    return { id: saved.id, messageId: saved.messageId, thumbs: saved.thumbs, csat: saved.csat, comment: saved.comment };
  }

  private async identifiedCustomer(merchantId: string, identity: NonNullable<SessionRequest["identity"]>) {
    const existing = await this.prisma.customer.findUnique({ where: { merchantId_externalId: { merchantId, externalId: identity.customerId } } });
    if (existing) return existing;
    const email = identity.email?.toLowerCase();
    // An email already on another customer is not taken over: a claim is not a proof.
    const emailFree = email ? !(await this.prisma.customer.findUnique({ where: { merchantId_email: { merchantId, email } } })) : false;
    try {
      return await this.prisma.customer.create({
        data: { merchantId, externalId: identity.customerId, email: emailFree ? email : null, name: identity.name ?? null },
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        return this.prisma.customer.findUniqueOrThrow({ where: { merchantId_externalId: { merchantId, externalId: identity.customerId } } });
      }
      throw error;
    }
  }
}

export function merchantInfo(merchant: Merchant): MerchantInfo {
  return {
    id: merchant.id,
    name: merchant.name,
    slug: merchant.slug,
    currency: merchant.currency,
    locales: merchant.locales,
    defaultLocale: matchLocale(merchant.defaultLocale) ?? "en",
    timezone: merchant.timezone,
    businessHours: merchant.businessHours as MerchantInfo["businessHours"],
  };
}

/** HMAC-SHA256(customerId, identity secret), hex, compared in constant time. */
export function validIdentity(customerId: string, hmac: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(customerId).digest();
  const given = Buffer.from(hmac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function pickLocale(requested: string | undefined, merchant: Merchant): Locale {
  const wanted = matchLocale(requested);
  if (wanted && merchant.locales.includes(wanted)) return wanted;
  return matchLocale(merchant.defaultLocale) ?? "en";
}

interface TurnConversation {
  id: string;
  merchantId: string;
  status: "bot" | "queued" | "assigned" | "resolved";
  locale: string;
  state: unknown;
  cacheVersion: number;
  customerEmail: string | null;
  customerVip: boolean | null;
}

const TURN_CONVERSATION_SQL = `
select c.id, c."merchantId", c.status, c.locale, c.state, m."cacheVersion", cu.email as "customerEmail", cu.vip as "customerVip"
  from "Conversation" c
  join "Merchant" m on m.id = c."merchantId"
  left join "Customer" cu on cu.id = c."customerId"
 where c.id = $1 and c."merchantId" = $2`;
