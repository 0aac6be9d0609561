import { matchLocale } from "../../contracts/common.ts";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { Bot } from "../../../bot/engine.ts";
import type { Locale, MerchantInfo, ShopperIdentity } from "../../../bot/ports.ts";
import type { Merchant, Prisma, PrismaClient } from "../../db/generated/client.ts";
import type { FeedbackInput, Message, MessageSend } from "../../contracts/widget.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";
import { benefitsOf, tierOf, vipOf } from "../customers/tier.ts";
import { earnedSql } from "../orders/revenue.ts";
import { settingsOf } from "../merchants/settings.ts";
import type { HandoffService } from "../handoff/handoff.service.ts";
import type { MerchantsService } from "../merchants/merchants.service.ts";
import type { Caches } from "../shared/caches.ts";
import { InFlight } from "../shared/in-flight.ts";
import { TtlCache } from "../shared/ttl-cache.ts";
import type { Database } from "../../db/database.ts";
import { LEASE_BUSY, leaseTakeCte, type LeaseClaim } from "../../db/lease-lock.ts";
import { withQuickReplies, type ExperimentsService } from "../recommendations/experiments.service.ts";
import type { ConversationEvents } from "./events.ts";
import type { MessageLog } from "./message-log.ts";
import type { SessionTokens, WidgetSession } from "./session-token.ts";

export interface SessionRequest {
  widgetKey: string;
  locale?: string;
  /** The browser's own random id (kept by the widget): an anonymous shopper keeps their experiment variant with it. */
  visitorId?: string;
  identity?: { customerId: string; email?: string; name?: string; hmac: string };
  /** A referral partner's code the widget was opened with. */
  ref?: string;
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
  private readonly liveConversations = new TtlCache<boolean>(60_000);

  constructor(
    private readonly prisma: PrismaClient,
    /**
     * One turn at a time per conversation, on every node, so dialogue state is never written by
     * two turns at once; the turn's first and last statements take and give back the lease.
     */
    private readonly lock: Database["withFoldedLock"],
    private readonly messages: MessageLog,
    private readonly bot: Bot,
    private readonly handoff: Pick<HandoffService, "settle">,
    private readonly tokens: SessionTokens,
    private readonly log: Logger,
    private readonly events: ConversationEvents,
    private readonly merchants: Pick<MerchantsService, "byWidgetKey" | "get">,
    private readonly db: Pick<Database, "query">,
    private readonly caches: Pick<Caches, "observe" | "register">,
    /** Greeting experiments: the variant a new conversation opens with, CSAT and quick-reply conversions. */
    private readonly experiments?: Pick<ExperimentsService, "exposureFor" | "expose" | "converted" | "quickReplyClicked">,
  ) {
    caches.register("sessions", (merchantId) => this.liveConversations.dropMerchant(merchantId));
  }

  async createSession(request: SessionRequest) {
    const merchant = await this.merchants.byWidgetKey(request.widgetKey);
    if (!merchant) throw new AppError(401, "widget:unknown_key", "This widget key is not valid.");
    const locale = pickLocale(request.locale, merchant);
    let customer: { id: string; name: string | null } | null = null;
    if (request.identity) {
      const signed = signedIdentity(request.identity, merchant.identitySecret);
      if (!signed) throw new AppError(401, "widget:bad_identity", "The identity signature does not match.");
      const known = await this.identifiedCustomer(merchant.id, signed);
      // The greeting's name: the one the shop knows, else the one the page gave (never used to match anything).
      customer = { id: known.id, name: known.name ?? signed.name ?? null };
    }
    const resumed = customer
      ? await this.prisma.conversation.findFirst({
          where: { merchantId: merchant.id, customerId: customer.id, status: { not: "resolved" }, updatedAt: { gte: new Date(Date.now() - RESUME_WINDOW_MS) } },
          orderBy: { updatedAt: "desc" },
        })
      : null;
    let conversation: { id: string } | null = resumed;
    if (!conversation) {
      const vip = customer ? await vipOf(this.prisma, merchant, customer.id) : undefined;
      const greeting = this.bot.greeting(merchantInfo(merchant), locale, customer?.name ?? undefined, vip);
      // The shopper's variant: by verified customer, else by the browser's visitor id (sticky across reloads and nodes).
      const identity = customer ? `customer:${customer.id}` : request.visitorId ? `visitor:${request.visitorId}` : `anonymous:${randomUUID()}`;
      const exposure = await this.experiments?.exposureFor(merchant.id, identity, locale);
      const text = [exposure?.greeting ?? greeting.text, exposure?.promotion].filter(Boolean).join("\n");
      const blocks = withQuickReplies(greeting.blocks, exposure?.quickReplies);
      conversation = await this.messages.start(merchant.id, customer?.id ?? null, locale, { locale }, { role: "bot", text, blocks, locale, intent: "greet" });
      if (exposure) await this.experiments!.expose(exposure, conversation.id);
    }
    if (request.ref) await attributeReferral(this.prisma, merchant.id, conversation.id, request.ref);
    const session: WidgetSession = { conversationId: conversation.id, merchantId: merchant.id, customerId: customer?.id, verified: Boolean(customer) };
    return { sessionToken: await this.tokens.sign(session), conversationId: conversation.id, locale: (resumed?.locale ?? locale) as Locale, identified: Boolean(customer) };
  }

  /**
   * A valid token of a conversation that still exists and was not anonymised (erasure or
   * retention ends its sessions). Whether it is live is cached per node: every widget request
   * asks, and an erasure drops the merchant's answers on every node ("sessions").
   */
  async authenticate(token: string): Promise<WidgetSession | null> {
    const session = await this.tokens.verify(token);
    if (!session) return null;
    const live = await this.liveConversations.get(
      session.conversationId,
      async () => Boolean(await this.prisma.conversation.findFirst({ where: { id: session.conversationId, merchantId: session.merchantId, anonymizedAt: null }, select: { id: true } })),
      () => session.merchantId,
    );
    return live ? session : null;
  }

  /** Stores the shopper's message, lets the bot answer when it is the bot's turn, returns both. */
  async postMessage(session: WidgetSession, input: MessageSend): Promise<Message[]> {
    const messageId = randomUUID();
    // The turn's first statement takes the conversation's lease, reads the conversation (its
    // shopper, its merchant's cache version) and stores the shopper's message; its last stores
    // the replies and gives the lease back: two round trips for a whole turn.
    const open = async (claim: LeaseClaim) => {
      try {
        const { rows } = await this.db.query<OpenedTurn>(OPEN_TURN_SQL, [
          session.conversationId,
          session.merchantId,
          claim.key,
          claim.token,
          claim.ttlMs,
          messageId,
          input.text,
          input.clientMessageId ?? null,
        ]);
        return rows[0]?.taken ? rows[0] : LEASE_BUSY;
      } catch (error) {
        // The same message through another path got in first (nothing was kept, the lease
        // included): the next try finds it stored and answers as a retry.
        if (isUniqueViolation(error)) return LEASE_BUSY;
        throw error;
      }
    };
    return this.turns.track(() => this.lock(`conversation:${session.conversationId}`, open, async (opened, claim) => {
      const conversation = opened.conversation;
      if (!conversation) throw notFound("conversations", "conversation");
      // Whatever changed for this merchant on any node is seen by this turn's caches.
      this.caches.observe(conversation.merchantId, conversation.cacheVersion);
      let stored: Message[];
      if (opened.seq === null) {
        // A retry of a message stored already: the first answer again. A message that is the
        // conversation's last and has no answer lost its turn (the node died between the
        // turn's two statements): it is answered now, under this turn's lease.
        const replayed = (await this.messages.replay(session.conversationId, input.clientMessageId!)) ?? [];
        const unanswered = replayed.length === 1 && replayed[0]!.role === "shopper" && replayed[0]!.seq === conversation.lastSeq;
        if (!unanswered) return replayed;
        stored = replayed;
      } else {
        const shopperMessage: Message = {
          id: messageId,
          seq: opened.seq,
          conversationId: conversation.id,
          role: "shopper",
          text: input.text,
          locale: conversation.locale,
          createdAt: new Date(opened.createdAt!).toISOString(),
        };
        this.events.emit({ type: "message", merchantId: conversation.merchantId, conversationId: conversation.id, message: shopperMessage });
        stored = [shopperMessage];
        // A click on one of the greeting's quick replies converts experiments aimed at them (once: a retry is not new).
        if (input.action?.type === "quick_reply" && this.experiments) {
          await this.experiments.quickReplyClicked(conversation.merchantId, conversation.id, input.text).catch((err) => this.log.warn({ err, conversationId: conversation.id }, "counting a quick-reply conversion failed"));
        }
      }
      if (conversation.status === "queued" || conversation.status === "assigned") return stored;
      const merchant = await this.merchants.get(conversation.merchantId);
      if (!merchant) throw notFound("conversations", "conversation");

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
        text: stored[0]!.text,
        // A quick reply is a message like any other to the bot.
        action: input.action?.type === "quick_reply" ? undefined : input.action,
        merchant: merchantInfo(merchant),
        shopper: {
          customerId: session.verified ? session.customerId : undefined,
          email: session.verified ? (conversation.customerEmail ?? undefined) : undefined,
          verified: session.verified,
          ...vipOfTurn(session.verified, conversation, merchant.settings),
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
          // A handoff settles below, still under the lease; otherwise this statement ends the turn.
          ...(result.handoff ? {} : { release: claim }),
        },
      );
      if (!result.handoff) claim.released = true;
      this.log[result.modelFailure ? "info" : "debug"](
        { conversationId: conversation.id, intent: result.intent, confidence: result.confidence, handoff: result.handoff, path: result.path, modelFailure: result.modelFailure, toolCalls: result.toolCalls },
        "bot turn",
      );
      await this.linkProvenCustomer(conversation, result.state);
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
    // A satisfied shopper (CSAT 4 or 5) converts the conversation's experiments that aim at it.
    if (input.csat !== undefined && input.csat >= 4) await this.experiments?.converted(conversation.merchantId, conversation.id, "csat");
    return { id: saved.id, messageId: saved.messageId, thumbs: saved.thumbs, csat: saved.csat, comment: saved.comment };
  }

  /**
   * A conversation belongs to a customer once the shopper proves one of their orders (number
   * plus email or phone) or places one in it: from then on it is part of that customer's
   * export and erasure. Only a conversation with no customer yet is linked.
   */
  private async linkProvenCustomer(conversation: TurnConversation, state: unknown) {
    const proven = (state as { provenOrders?: unknown } | null)?.provenOrders;
    const before = (conversation.state as { provenOrders?: unknown } | null)?.provenOrders;
    if (conversation.customerId || !Array.isArray(proven) || proven.length === 0) return;
    if (Array.isArray(before) && before.length === proven.length) return;
    const order = await this.prisma.order.findFirst({ where: { id: { in: proven.filter((id): id is string => typeof id === "string") }, merchantId: conversation.merchantId, customerId: { not: null } }, select: { customerId: true } });
    if (order?.customerId) await this.prisma.conversation.updateMany({ where: { id: conversation.id, customerId: null }, data: { customerId: order.customerId } });
  }

  private async identifiedCustomer(merchantId: string, identity: SignedIdentity) {
    const existing = await this.prisma.customer.findUnique({ where: { merchantId_externalId: { merchantId, externalId: identity.customerId } } });
    if (existing) return existing;
    // Only an email the merchant signed; a claimed one would let orders to it attach to this shopper.
    const email = identity.verifiedEmail;
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

/** An identity whose signature matched, with only the fields the signature covers. */
export interface SignedIdentity {
  customerId: string;
  /** Set only when the hmac covers it (`customerId + "\n" + email`); grants order access by email. */
  verifiedEmail?: string;
  /** For the greeting only: never used to match orders or customers. */
  name?: string;
}

/**
 * Checks the identity signature. The hmac covers either the customerId alone (an email sent
 * beside it is ignored: a claim is not a proof) or `customerId + "\n" + email` (lowercased),
 * and then the email counts as verified. Every field that grants access must be signed:
 * the red team took over orders with an unsigned email.
 */
export function signedIdentity(identity: NonNullable<SessionRequest["identity"]>, secret: string): SignedIdentity | null {
  const email = identity.email?.trim().toLowerCase();
  if (email && validIdentity(`${identity.customerId}\n${email}`, identity.hmac, secret)) {
    return { customerId: identity.customerId, verifiedEmail: email, name: identity.name };
  }
  if (validIdentity(identity.customerId, identity.hmac, secret)) return { customerId: identity.customerId, name: identity.name };
  return null;
}

/** HMAC-SHA256(payload, identity secret), hex, compared in constant time. */
export function validIdentity(payload: string, hmac: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(payload).digest();
  const given = Buffer.from(hmac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function pickLocale(requested: string | undefined, merchant: Merchant): Locale {
  const wanted = matchLocale(requested);
  if (wanted && merchant.locales.includes(wanted)) return wanted;
  return matchLocale(merchant.defaultLocale) ?? "en";
}

/** What the turn's first statement answers (see OPEN_TURN_SQL). */
interface OpenedTurn {
  taken: boolean;
  conversation: TurnConversation | null;
  /** The stored shopper message's number and time; null when it was stored before (a retry). */
  seq: number | null;
  createdAt: Date | string | null;
}

interface TurnConversation {
  id: string;
  /** The conversation's last message number, after this turn's message if it stored one. */
  lastSeq: number;
  merchantId: string;
  status: "bot" | "queued" | "assigned" | "resolved";
  locale: string;
  state: unknown;
  cacheVersion: number;
  customerId: string | null;
  customerEmail: string | null;
  customerVip: boolean | null;
  /** The customer's paid lifetime spend, read only when the merchant has a VIP threshold (else null). */
  customerSpend: number | null;
}

/** The verified shopper's VIP tier and benefits, from what the turn's first statement read. */
function vipOfTurn(verified: boolean, conversation: TurnConversation, storedSettings: unknown): Pick<ShopperIdentity, "vip" | "vipBenefits"> {
  if (!verified || !conversation.customerId) return { vip: false };
  const { vip } = settingsOf(storedSettings);
  if (tierOf(Number(conversation.customerSpend ?? 0), vip, conversation.customerVip === true) !== "vip") return { vip: false };
  return { vip: true, vipBenefits: benefitsOf(vip) };
}

/**
 * Takes the turn's lease (none on embedded PGlite), reads the conversation with its shopper and
 * its merchant's cache version, and stores the shopper's message unless a message with its
 * clientMessageId is there already, in one statement: all of it or nothing. Without the lease
 * (another node's turn runs) it changes nothing and answers taken = false.
 *
 * The conversation is read through its UPDATE's RETURNING, not a plain SELECT: a statement
 * reads from the snapshot it started with, and this one may start just before the previous
 * turn's last statement commits (it then waits for that turn's lease row); an UPDATE waits for
 * the row and returns its newest version, so the dialogue state is never a turn behind.
 * $1 conversation, $2 merchant, $3–$5 lease key, token and ttl, $6 message id, $7 text, $8 clientMessageId.
 */
const OPEN_TURN_SQL = `
with ${leaseTakeCte(3, 4, 5)},
dup as (
  select ($8::text is not null and exists (select 1 from "Message" where "conversationId" = $1 and "clientMessageId" = $8::text)) as found
),
conv as (
  update "Conversation" c
     set "lastSeq" = c."lastSeq" + case when dup.found then 0 else 1 end,
         "updatedAt" = case when dup.found then c."updatedAt" else now() end
    from dup
   where c.id = $1 and c."merchantId" = $2 and c."anonymizedAt" is null and ($3::text is null or exists (select 1 from lease))
  returning c.id, c."merchantId", c.status, c.locale, c.state, c."lastSeq", c."customerId", dup.found as duplicate
),
stored as (
  insert into "Message" (id, "conversationId", "merchantId", seq, role, text, locale, "clientMessageId", "createdAt")
  select $6, $1, $2, conv."lastSeq", 'shopper'::"MessageRole", $7, conv.locale, $8, now() from conv where not conv.duplicate
  returning seq, "createdAt"
)
select ($3::text is null or exists (select 1 from lease)) as taken,
       (select row_to_json(x) from (
          select conv.id, conv."merchantId", conv."customerId", conv."lastSeq", conv.status, conv.locale, conv.state, m."cacheVersion", cu.email as "customerEmail", cu.vip as "customerVip",
                 case when cu.id is not null and jsonb_typeof(m.settings::jsonb -> 'vip' -> 'spendOver') = 'object' then ${earnedSql('conv."merchantId"', "cu.id")} end as "customerSpend"
            from conv join "Merchant" m on m.id = conv."merchantId" left join "Customer" cu on cu.id = conv."customerId") x) as conversation,
       (select seq from stored) as seq,
       (select "createdAt" from stored) as "createdAt"`;

/** Keeps a known referral code on the conversation (partner conversion); unknown codes are ignored. */
async function attributeReferral(prisma: PrismaClient, merchantId: string, conversationId: string, ref: string) {
  const code = ref.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_-]{1,39}$/.test(code)) return;
  const known = await prisma.referral.findUnique({ where: { merchantId_code: { merchantId, code } }, select: { code: true } });
  if (known) await prisma.conversation.updateMany({ where: { id: conversationId, merchantId, referralCode: null }, data: { referralCode: known.code } });
}
