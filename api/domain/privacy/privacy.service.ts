import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import type { AuditTrail } from "../audit/audit.service.ts";
import { dayOf } from "../analytics/days.ts";
import { orderInclude, toOrderDto } from "../orders/order-mapper.ts";
import { toMessageDto } from "../conversations/message-mapper.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";
import { settingsOf } from "../merchants/settings.ts";
import { ERASED_EMAIL, ERASED_TEXT, anonymizedAddress } from "./anonymize.ts";

type Tx = Prisma.TransactionClient;

/** Who asks, for the audit log: an actor id and the client's address. */
export interface PrivacyActor {
  actor: string;
  clientAddress?: string | null;
}

export interface Rectification {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** Erasure rewrites many rows at once; on PGlite it waits for the one connection. */
const TX_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;

/**
 * The rights of the people in a shop's data: access (a complete export), rectification and
 * erasure, and the retention job. A person's data is their Customer row, the orders linked
 * to it, and the conversations linked to it (a conversation is linked once the shopper
 * signs in with a verified identity, proves one of their orders or places one in chat: see
 * ConversationsService). Every call is scoped to the merchant and written to the audit log.
 */
export class PrivacyService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditTrail,
    private readonly log: Logger,
    /** Analytics caches to drop after an erasure (roll-ups are deleted and recomputed on demand). */
    private readonly onErased: (merchantId: string) => void = () => undefined,
  ) {}

  async profile(merchantId: string, customerId: string) {
    const customer = await this.prisma.customer.findFirst({ where: { id: customerId, merchantId } });
    if (!customer) throw notFound("customers", "customer");
    return profileOf(customer);
  }

  /** Corrects the person's contact details on their profile and on their orders. */
  async rectify(merchantId: string, customerId: string, changes: Rectification, by: PrivacyActor) {
    const fields = Object.keys(changes).filter((k) => changes[k as keyof Rectification] !== undefined);
    try {
      const customer = await this.prisma.$transaction(async (tx) => {
        const current = await tx.customer.findFirst({ where: { id: customerId, merchantId } });
        if (!current) throw notFound("customers", "customer");
        if (current.erasedAt) throw new AppError(409, "customers:erased", "This customer's data was erased.");
        const updated = await tx.customer.update({ where: { id: customerId }, data: changes });
        const orderData: Prisma.OrderUpdateManyMutationInput = {};
        if (changes.email) orderData.customerEmail = changes.email;
        if (changes.name !== undefined) orderData.customerName = changes.name;
        if (changes.phone !== undefined) orderData.customerPhone = changes.phone;
        if (Object.keys(orderData).length) await tx.order.updateMany({ where: { merchantId, customerId }, data: orderData });
        await this.audit.record({ merchantId, actor: by.actor, action: "customer.rectified", entity: "customer", entityId: customerId, clientAddress: by.clientAddress, data: { fields } }, tx);
        return updated;
      }, TX_OPTIONS);
      return profileOf(customer);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(409, "customers:email_taken", "Another customer of this shop has that email.");
      throw error;
    }
  }

  /** Everything held about the person, as one JSON document. */
  async export(merchantId: string, customerId: string, by: PrivacyActor) {
    const customer = await this.prisma.customer.findFirst({ where: { id: customerId, merchantId } });
    if (!customer) throw notFound("customers", "customer");
    const orders = await this.prisma.order.findMany({
      where: { merchantId, customerId },
      include: { ...orderInclude, payments: { orderBy: { createdAt: "asc" } }, refunds: { orderBy: { createdAt: "asc" } } },
      orderBy: { createdAt: "asc" },
    });
    const conversations = await this.prisma.conversation.findMany({
      where: { merchantId, customerId },
      include: { messages: { orderBy: { seq: "asc" } }, feedback: { orderBy: { createdAt: "asc" } } },
      orderBy: { createdAt: "asc" },
    });
    const requests = await this.prisma.privacyRequest.findMany({ where: { merchantId, customerId }, orderBy: { createdAt: "asc" } });
    const addresses = new Map<string, unknown>();
    for (const order of orders) addresses.set(JSON.stringify(order.shippingAddress), order.shippingAddress);
    await this.audit.record({ merchantId, actor: by.actor, action: "customer.exported", entity: "customer", entityId: customerId, clientAddress: by.clientAddress, data: { orders: orders.length, conversations: conversations.length } });
    // The merchant took the copy a shopper asked for in chat: their export requests are done.
    await this.prisma.privacyRequest.updateMany({ where: { merchantId, customerId, status: "pending", kind: "export" }, data: { status: "done", doneAt: new Date() } });
    return {
      exportedAt: new Date().toISOString(),
      profile: profileOf(customer),
      addresses: [...addresses.values()],
      orders: orders.map((o) => ({
        ...toOrderDto(o),
        payments: o.payments.map((p) => ({ id: p.id, provider: p.provider, status: p.status, amount: { amount: p.amount, currency: p.currency }, refunded: p.refundedAmount, paidAt: p.paidAt?.toISOString() ?? null, createdAt: p.createdAt.toISOString() })),
        refunds: o.refunds.map((r) => ({ id: r.id, amount: { amount: r.amount, currency: r.currency }, reason: r.reason, status: r.status, createdAt: r.createdAt.toISOString() })),
      })),
      conversations: conversations.map((c) => ({
        id: c.id,
        status: c.status,
        locale: c.locale,
        createdAt: c.createdAt.toISOString(),
        resolvedAt: c.resolvedAt?.toISOString() ?? null,
        anonymizedAt: c.anonymizedAt?.toISOString() ?? null,
        messages: c.messages.map((m) => toMessageDto(m)),
      })),
      feedback: conversations.flatMap((c) =>
        c.feedback.map((f) => ({ id: f.id, conversationId: f.conversationId, messageId: f.messageId, thumbs: f.thumbs, csat: f.csat, comment: f.comment, reason: f.reason, tags: f.tags, createdAt: f.createdAt.toISOString() })),
      ),
      consents: consentsOf(customer, conversations.length),
      privacyRequests: requests.map((r) => ({ id: r.id, kind: r.kind, status: r.status, createdAt: r.createdAt.toISOString(), doneAt: r.doneAt?.toISOString() ?? null })),
    };
  }

  /**
   * Erasure: name, email, phone, addresses and every text of their conversations are
   * replaced; orders stay for accounting with anonymised contact and address; feedback
   * comments, webhook delivery payloads, stored idempotent responses and risk signals of
   * their orders are scrubbed; the analytics roll-ups of the days they touched are dropped
   * (recomputed from the anonymised rows); their widget sessions stop working.
   */
  async erase(merchantId: string, customerId: string, by: PrivacyActor) {
    const result = await this.prisma.$transaction(async (tx) => {
      const customer = await tx.customer.findFirst({ where: { id: customerId, merchantId } });
      if (!customer) throw notFound("customers", "customer");
      const merchant = await tx.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { timezone: true } });
      const orders = await tx.order.findMany({ where: { merchantId, customerId }, select: { id: true, shippingAddress: true, createdAt: true } });
      const orderIds = orders.map((o) => o.id);
      const conversations = await tx.conversation.findMany({ where: { merchantId, customerId }, select: { id: true } });
      const conversationIds = conversations.map((c) => c.id);
      const now = new Date();

      await tx.customer.update({ where: { id: customerId }, data: { email: null, name: null, phone: null, externalId: null, erasedAt: customer.erasedAt ?? now } });
      for (const order of orders) {
        await tx.order.update({
          where: { id: order.id },
          data: { customerEmail: ERASED_EMAIL, customerName: null, customerPhone: null, note: null, shippingAddress: anonymizedAddress(order.shippingAddress) },
        });
      }
      if (orderIds.length) {
        await tx.orderStatusChange.updateMany({ where: { orderId: { in: orderIds }, note: { not: null } }, data: { note: null } });
        await tx.refund.updateMany({ where: { orderId: { in: orderIds } }, data: { reason: ERASED_TEXT } });
        await tx.payment.updateMany({ where: { orderId: { in: orderIds } }, data: { failureReason: null } });
        await tx.riskSignal.deleteMany({ where: { orderId: { in: orderIds } } });
      }
      const days = new Set(orders.map((o) => dayOf(o.createdAt, merchant.timezone)));
      if (conversationIds.length) {
        for (const m of await tx.message.findMany({ where: { conversationId: { in: conversationIds } }, select: { createdAt: true } })) days.add(dayOf(m.createdAt, merchant.timezone));
        await this.anonymizeConversations(tx, conversationIds, now);
      }
      // Webhook deliveries and stored idempotent responses carry copies of the orders: the anonymised order replaces them.
      for (const id of orderIds) {
        const order = toOrderDto(await tx.order.findUniqueOrThrow({ where: { id }, include: orderInclude }));
        const deliveries = await tx.webhookDelivery.findMany({ where: { merchantId, payload: { path: ["data", "order", "id"], equals: id } }, select: { id: true, payload: true } });
        for (const d of deliveries) {
          const payload = d.payload as { data?: Record<string, unknown> };
          await tx.webhookDelivery.update({ where: { id: d.id }, data: { payload: { ...(payload as object), data: { ...(payload.data ?? {}), order } } } });
        }
        await tx.idempotencyRecord.updateMany({ where: { merchantId, responseBody: { path: ["id"], equals: id } }, data: { responseBody: order } });
      }
      if (days.size) await tx.dailyRollup.deleteMany({ where: { merchantId, day: { in: [...days] } } });
      await tx.privacyRequest.updateMany({ where: { merchantId, customerId, status: "pending", kind: "erasure" }, data: { status: "done", doneAt: now } });
      await this.audit.record({ merchantId, actor: by.actor, action: "customer.erased", entity: "customer", entityId: customerId, clientAddress: by.clientAddress, data: { orders: orderIds.length, conversations: conversationIds.length } }, tx);
      return { id: customerId, erasedAt: (customer.erasedAt ?? now).toISOString(), orders: orderIds.length, conversations: conversationIds.length };
    }, TX_OPTIONS);
    this.onErased(merchantId);
    this.log.info({ merchantId, customerId, orders: result.orders, conversations: result.conversations }, "customer erased");
    return result;
  }

  /** The retention job's pass over every merchant that set a retention period. */
  async runRetention(now = new Date()): Promise<number> {
    let total = 0;
    for (const merchant of await this.prisma.merchant.findMany({ select: { id: true, settings: true } })) {
      const { retentionDays } = settingsOf(merchant.settings).privacy;
      if (retentionDays !== null) total += await this.applyRetention(merchant.id, retentionDays, now);
    }
    return total;
  }

  /**
   * Retention: closed conversations last updated before `retentionDays` ago lose their texts
   * (messages, feedback comments, dialogue state). Runs per merchant in batches.
   */
  async applyRetention(merchantId: string, retentionDays: number, now = new Date(), batch = 200): Promise<number> {
    const before = new Date(now.getTime() - retentionDays * 86_400_000);
    let total = 0;
    for (;;) {
      const due = await this.prisma.conversation.findMany({
        where: { merchantId, status: "resolved", anonymizedAt: null, updatedAt: { lt: before } },
        select: { id: true },
        take: batch,
      });
      if (due.length === 0) break;
      await this.prisma.$transaction(async (tx) => {
        await this.anonymizeConversations(tx, due.map((c) => c.id), now);
        for (const c of due) await this.audit.record({ merchantId, actor: "system:retention", action: "conversation.anonymized", entity: "conversation", entityId: c.id, data: { retentionDays } }, tx);
      }, TX_OPTIONS);
      total += due.length;
      if (due.length < batch) break;
    }
    if (total) {
      this.onErased(merchantId);
      this.log.info({ merchantId, conversations: total, retentionDays }, "retention: conversations anonymised");
    }
    return total;
  }

  /**
   * A verified shopper's request made in chat (bot/dialogue/privacy.ts), after they confirmed
   * it: recorded for the merchant (GET /privacy/requests) and audited; an erasure is carried
   * out at once when the merchant set `privacy.selfServiceErasure` to "immediate" (read here,
   * when it happens). A request like one still pending is not recorded twice. The chat it was
   * made in becomes part of the person's data (their export, their erasure).
   */
  async request(merchantId: string, customerId: string, kind: "erasure" | "export", context: { conversationId: string | null; by: PrivacyActor; verifiedBy: "identity" | "order_proof" }) {
    const { conversationId, by } = context;
    const merchant = await this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { settings: true } });
    const customer = await this.prisma.customer.findFirst({ where: { id: customerId, merchantId, erasedAt: null }, select: { id: true } });
    if (!customer) throw notFound("customers", "customer");
    if (conversationId) await this.prisma.conversation.updateMany({ where: { id: conversationId, merchantId, customerId: null }, data: { customerId } });
    const pending = await this.prisma.privacyRequest.findFirst({ where: { merchantId, customerId, kind, status: "pending" }, orderBy: { createdAt: "asc" } });
    const row = pending ?? (await this.prisma.privacyRequest.create({ data: { merchantId, customerId, conversationId, kind } }));
    await this.audit.record({
      merchantId,
      actor: by.actor,
      action: `privacy.${kind}_requested`,
      entity: "customer",
      entityId: customerId,
      clientAddress: by.clientAddress,
      data: { requestId: row.id, conversationId, channel: "chat", verifiedBy: context.verifiedBy, repeated: Boolean(pending) },
    });
    this.log.info({ merchantId, customerId, kind, requestId: row.id }, "privacy request from chat");
    if (kind === "erasure" && settingsOf(merchant.settings).privacy.selfServiceErasure === "immediate") {
      await this.erase(merchantId, customerId, by);
      return { id: row.id, status: "done" as const };
    }
    return { id: row.id, status: "queued" as const };
  }

  /** Requests from chat waiting for the merchant. */
  async pendingRequests(merchantId: string) {
    const rows = await this.prisma.privacyRequest.findMany({ where: { merchantId, status: "pending" }, orderBy: { createdAt: "asc" }, take: 200 });
    return rows.map((r) => ({ id: r.id, customerId: r.customerId, kind: r.kind, status: r.status, createdAt: r.createdAt.toISOString() }));
  }

  /** What a person's data amounts to (kinds and counts, no values), as the bot tells a verified shopper. */
  /** What is held about a customer; `conversationId` (the chat asking, perhaps not linked to them yet) counts among their chats. */
  async summary(merchantId: string, customerId: string, conversationId?: string) {
    const [orders, conversations, customer, named, phoned] = await Promise.all([
      this.prisma.order.count({ where: { merchantId, customerId } }),
      this.prisma.conversation.count({ where: { merchantId, OR: [{ customerId }, ...(conversationId ? [{ id: conversationId }] : [])] } }),
      this.prisma.customer.findFirst({ where: { id: customerId, merchantId }, select: { email: true, name: true, phone: true } }),
      // Their orders hold contact details too (the name and phone given at checkout) and every shipping address.
      this.prisma.order.count({ where: { merchantId, customerId, customerName: { not: null } } }),
      this.prisma.order.count({ where: { merchantId, customerId, customerPhone: { not: null } } }),
    ]);
    return {
      orders,
      conversations,
      hasEmail: Boolean(customer?.email),
      hasName: Boolean(customer?.name) || named > 0,
      hasPhone: Boolean(customer?.phone) || phoned > 0,
      hasAddress: orders > 0,
    };
  }

  private async anonymizeConversations(tx: Tx, conversationIds: string[], now: Date) {
    // Every text of these conversations goes, the bot's and agents' too: they quote names, addresses and order details.
    await tx.message.updateMany({ where: { conversationId: { in: conversationIds } }, data: { text: ERASED_TEXT, blocks: [] as unknown as Prisma.InputJsonValue } });
    await tx.feedback.updateMany({ where: { conversationId: { in: conversationIds } }, data: { comment: null, reason: null } });
    await tx.conversation.updateMany({ where: { id: { in: conversationIds } }, data: { state: {}, anonymizedAt: now } });
  }
}

function profileOf(customer: { id: string; email: string | null; name: string | null; phone: string | null; externalId: string | null; vip: boolean; createdAt: Date; updatedAt: Date; erasedAt: Date | null }) {
  return {
    id: customer.id,
    email: customer.email,
    name: customer.name,
    phone: customer.phone,
    externalId: customer.externalId,
    vip: customer.vip,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
    erasedAt: customer.erasedAt?.toISOString() ?? null,
  };
}

/**
 * What the person agreed to, as far as this platform records it: a verified sign-in from
 * the shop's site (identity shared by the shop), and chatting with the shop's assistant.
 * The platform keeps no marketing consents of its own.
 */
function consentsOf(customer: { externalId: string | null; createdAt: Date }, conversations: number) {
  const consents: { kind: string; given: boolean; source: string; at: string | null }[] = [];
  consents.push({ kind: "identity_shared_by_shop", given: customer.externalId !== null, source: "widget identify()", at: customer.externalId ? customer.createdAt.toISOString() : null });
  consents.push({ kind: "chat_processing", given: conversations > 0, source: "widget conversation", at: null });
  consents.push({ kind: "marketing", given: false, source: "not collected by the platform", at: null });
  return consents;
}
