import { accountManagerOf } from "../customers/account-manager.ts";
import { customersWithSpend } from "../customers/tier.ts";
import { standingOf } from "../customers/profiles.ts";
import { settingsOf } from "../merchants/settings.ts";
import type { AuditTrail } from "../audit/audit.service.ts";
import { Renderer, type MessageKey } from "../../../bot/render.ts";
import type { HandoffRequest, Locale } from "../../../bot/ports.ts";
import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import type { AgentView, ConversationSummary } from "../../contracts/realtime.ts";
import { matchLocale } from "../../contracts/common.ts";
import type { Message } from "../../contracts/widget.ts";
import { intentLabels, isIntent, kindOf } from "../../../bot/nlu/intents.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import type { AgentSession } from "../agents/agent-token.ts";
import { isOpen, type BusinessHours } from "./business-hours.ts";
import type { Presence, PresenceStatus } from "../agents/presence.ts";
import type { ConversationEvents } from "../conversations/events.ts";
import type { MessageLog } from "../conversations/message-log.ts";

const summaryInclude = {
  customer: { select: { id: true, name: true, email: true, vip: true } },
  agent: { select: { name: true } },
  messages: { where: { internal: false }, orderBy: { seq: "desc" }, take: 1, select: { text: true, role: true, createdAt: true } },
} satisfies Prisma.ConversationInclude;

/** How many of the shopper's latest messages are read to find the preview and the topic. */
const TOPIC_WINDOW = 10;

type ConversationWithSummary = Prisma.ConversationGetPayload<{ include: typeof summaryInclude }>;

/**
 * People taking over from the bot: the queue (priority, then waiting time), assignment to
 * the least-loaded online agent with room, claims, transfers, resolution and handback.
 * Every change is a conditional update on the conversation's status, so two agents can
 * never both win the same conversation.
 */
export class HandoffService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly messages: MessageLog,
    private readonly events: ConversationEvents,
    private readonly presence: Presence,
    private readonly log: Logger,
  ) {}

  private audit: AuditTrail | null = null;
  /** Where transfers are recorded (api/domain/audit). */
  useAudit(audit: AuditTrail) {
    this.audit = audit;
  }

  /** The bot hands a conversation over. Tells whether anyone is online to take it. */
  async enqueue(merchantId: string, request: HandoffRequest): Promise<{ agentsOnline: boolean }> {
    const conversation = await this.prisma.conversation.findFirst({ where: { id: request.conversationId, merchantId }, include: { merchant: true } });
    if (!conversation) throw notFound("conversations", "conversation");
    if (conversation.status === "queued" || conversation.status === "assigned") return { agentsOnline: await this.anyoneOnline(merchantId) };
    const online = await this.anyoneOnline(merchantId);
    const settings = settingsOf(conversation.merchant.settings).handoff;
    const urgent = request.reason === "complaint" || request.reason === "negative_sentiment";
    const queuedAt = new Date();
    const dueAt = new Date(queuedAt.getTime() + (urgent ? settings.complaintSlaHours : settings.ticketSlaHours) * 3_600_000);
    await this.prisma.conversation.update({
      where: { id: conversation.id },
      data: { status: "queued", priority: request.priority, queuedAt, handoffReason: request.reason, dueAt, agentId: null },
    });
    this.events.emit({ type: "status", merchantId, conversationId: conversation.id, status: "queued" });
    this.log.info({ conversationId: conversation.id, reason: request.reason, priority: request.priority, online }, "conversation queued");
    return { agentsOnline: online };
  }

  /**
   * After the bot's own handoff message is stored: an online agent with room takes the
   * conversation at once; otherwise the shopper learns their place in the queue, or, with
   * nobody online, that it became a ticket with a due time.
   */
  async settle(merchantId: string, conversationId: string): Promise<void> {
    const c = await this.prisma.conversation.findFirst({ where: { id: conversationId, merchantId, status: "queued" }, include: { merchant: true } });
    if (!c) return;
    const locale = c.locale as Locale;
    const online = await this.anyoneOnline(merchantId);
    if (online && (await this.autoAssign(merchantId, conversationId))) return;
    const r = new Renderer(locale, c.merchant.timezone);
    const text = online
      ? r.text("queue_position", { position: await this.positionOf(conversationId) })
      : r.text("ticket_created", { due: r.date((c.dueAt ?? new Date()).toISOString()) });
    await this.system(conversationId, merchantId, locale, text);
  }

  /** Gives a queued conversation (or the longest-waiting ones) to the least-loaded online agent with room. */
  async autoAssign(merchantId: string, conversationId?: string): Promise<boolean> {
    const merchant = await this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { settings: true } });
    // Merchants who prefer agents to pick chats themselves turn this off.
    if (!settingsOf(merchant.settings).handoff.autoAssign) return false;
    const agents = (await this.agents(merchantId)).filter((a) => a.status === "online" && a.load < a.maxChats).sort((a, b) => a.load - b.load);
    if (agents.length === 0) return false;
    const queued = conversationId
      ? [{ id: conversationId }]
      : await this.prisma.conversation.findMany({ where: { merchantId, status: "queued" }, orderBy: [{ priority: "desc" }, { queuedAt: "asc" }], take: agents.length, select: { id: true } });
    let assignedAny = false;
    for (const [i, c] of queued.entries()) {
      // A customer with an account manager (their own, or the VIP segment's) goes to them when they are online with room.
      const manager = await accountManagerOf(this.prisma, merchantId, c.id, merchant.settings);
      const agent = (manager ? agents.find((a) => a.id === manager) : undefined) ?? agents[i % agents.length]!;
      const done = await this.assign(merchantId, c.id, agent.id, agent.name, ["queued"]).catch(() => null);
      assignedAny ||= Boolean(done);
    }
    return assignedAny;
  }

  async claim(agent: AgentSession, conversationId: string): Promise<ConversationSummary> {
    await this.summary(agent.merchantId, conversationId); // another merchant's conversation is simply not found
    const name = (await this.prisma.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).name;
    const claimed = await this.assign(agent.merchantId, conversationId, agent.agentId, name, ["queued", "bot"]);
    if (!claimed) throw conflict("handoff:already_taken", "Someone else has this conversation already.");
    return claimed;
  }

  async transfer(agent: AgentSession, conversationId: string, toAgentId: string): Promise<ConversationSummary> {
    await this.summary(agent.merchantId, conversationId);
    const target = await this.prisma.agent.findFirst({ where: { id: toAgentId, merchantId: agent.merchantId } });
    if (!target) throw new AppError(404, "agents:not_found", "No such agent.");
    const moved = await this.prisma.conversation.updateMany({
      where: { id: conversationId, merchantId: agent.merchantId, status: "assigned", ...(agent.role === "agent" ? { agentId: agent.agentId } : {}) },
      data: { agentId: target.id },
    });
    if (moved.count === 0) throw conflict("handoff:not_yours", "Only the assigned agent or a supervisor can transfer this conversation.");
    await this.audit?.record({ merchantId: agent.merchantId, actor: `agent:${agent.agentId}`, action: "conversation.transferred", entity: "conversation", entityId: conversationId, data: { toAgentId: target.id } });
    const c = await this.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    await this.system(conversationId, agent.merchantId, c.locale as Locale, new Renderer(c.locale as Locale, "UTC").text("agent_transferred", { name: target.name }));
    this.events.emit({ type: "status", merchantId: agent.merchantId, conversationId, status: "assigned", agentId: target.id, agentName: target.name });
    return this.summary(agent.merchantId, conversationId);
  }

  async resolve(agent: AgentSession, conversationId: string): Promise<ConversationSummary> {
    return this.finish(agent, conversationId, "resolved", "conversation_resolved");
  }

  async handback(agent: AgentSession, conversationId: string): Promise<ConversationSummary> {
    return this.finish(agent, conversationId, "bot", "handback");
  }

  async sendMessage(agent: AgentSession, input: { conversationId: string; clientMessageId: string; text: string }): Promise<Message> {
    const c = await this.ownConversation(agent, input.conversationId);
    // Agents' ids live in a space of their own (shoppers may not use the prefix), so neither
    // side can swallow the other's message by reusing an id.
    const clientMessageId = agentMessageId(agent.agentId, input.clientMessageId);
    const replay = await this.messages.replay(c.id, clientMessageId);
    if (replay) return replay[0]!;
    const [message] = await this.messages.append(c.id, agent.merchantId, [
      { role: "agent", text: input.text, locale: c.locale, agentId: agent.agentId, clientMessageId },
    ], { readByAgent: true });
    return message!;
  }

  async addNote(agent: AgentSession, input: { conversationId: string; text: string }): Promise<Message> {
    const c = await this.prisma.conversation.findFirst({ where: { id: input.conversationId, merchantId: agent.merchantId } });
    if (!c) throw notFound("conversations", "conversation");
    const [note] = await this.messages.append(c.id, agent.merchantId, [{ role: "agent", text: input.text, locale: c.locale, agentId: agent.agentId, internal: true }]);
    return note!;
  }

  /**
   * The whole conversation for the console (bot part and internal notes included), with the
   * customer's recent orders and the merchant's canned responses for the side panel.
   */
  async open(agent: AgentSession, conversationId: string) {
    const conversation = await this.summary(agent.merchantId, conversationId);
    const [messages, orders, merchant] = await Promise.all([
      this.messages.after(conversationId, agent.merchantId, 0, { internal: true, limit: 1000 }),
      conversation.customer
        ? this.prisma.order.findMany({
            where: { merchantId: agent.merchantId, customerId: conversation.customer.id },
            orderBy: { createdAt: "desc" },
            take: 5,
            select: { number: true, status: true, totalAmount: true, currency: true, createdAt: true, payBy: true, riskScore: true, riskLevel: true, riskReasons: true, payments: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } } },
          })
        : [],
      this.prisma.merchant.findUniqueOrThrow({ where: { id: agent.merchantId }, select: { id: true, settings: true, currency: true } }),
    ]);
    // The customer panel's standing: VIP tier, paid lifetime spend, account manager.
    const customerRow = conversation.customer ? await this.prisma.customer.findFirst({ where: { id: conversation.customer.id, merchantId: agent.merchantId }, select: { id: true, vip: true, accountManagerId: true } }) : null;
    const standing = customerRow ? await standingOf(this.prisma, merchant, customerRow) : null;
    const canned = settingsOf(merchant.settings).cannedResponses.filter(
      (r) => !r.locale || r.locale === conversation.locale,
    );
    return {
      conversation,
      messages,
      orders: orders.map((o) => ({
        number: o.number,
        status: o.status,
        total: { amount: o.totalAmount, currency: o.currency },
        createdAt: o.createdAt.toISOString(),
        payBy: o.status === "pending_payment" ? (o.payBy?.toISOString() ?? null) : null,
        lastPayment: o.payments[0]?.status ?? null,
        risk: { score: o.riskScore, level: o.riskLevel, reasons: o.riskReasons },
      })),
      canned,
      customer: standing,
    };
  }

  /** Records how far one side has read; false when nothing changed (or not this merchant's). */
  async markRead(merchantId: string, conversationId: string, by: "shopper" | "agent", seq: number): Promise<boolean> {
    const moved = await this.prisma.conversation.updateMany({
      // Only up to a message that exists: a seq from the future would stop every later receipt.
      where: { id: conversationId, merchantId, ...(by === "agent" ? { agentReadSeq: { lt: seq } } : { shopperReadSeq: { lt: seq } }), messages: { some: { seq: { gte: seq } } } },
      data: by === "agent" ? { agentReadSeq: seq } : { shopperReadSeq: seq },
    });
    return moved.count > 0;
  }

  /** What the console lists: the queue first (priority, then waiting time), then open chats. */
  async queue(merchantId: string): Promise<ConversationSummary[]> {
    const rows = await this.prisma.conversation.findMany({
      where: { merchantId, status: { in: ["queued", "assigned"] } },
      include: summaryInclude,
      orderBy: [{ priority: "desc" }, { queuedAt: "asc" }, { updatedAt: "desc" }],
      take: 200,
    });
    const [said, vips] = await Promise.all([this.shopperWords(merchantId, rows.map((r) => r.id)), this.vips(merchantId, rows.map((r) => r.customerId))]);
    return rows.map((r) => toSummary(r, said.get(r.id) ?? [], vips));
  }

  async summary(merchantId: string, conversationId: string): Promise<ConversationSummary> {
    const row = await this.prisma.conversation.findFirst({ where: { id: conversationId, merchantId }, include: summaryInclude });
    if (!row) throw notFound("conversations", "conversation");
    const [said, vips] = await Promise.all([this.shopperWords(merchantId, [row.id]), this.vips(merchantId, [row.customerId])]);
    return toSummary(row, said.get(row.id) ?? [], vips);
  }

  /** Which of these customers are VIPs now (flagged, or paid spend at the merchant's threshold): one query. */
  private async vips(merchantId: string, customerIds: (string | null)[]): Promise<Set<string>> {
    const ids = [...new Set(customerIds.filter((id): id is string => Boolean(id)))];
    if (ids.length === 0) return new Set();
    const merchant = await this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { settings: true } });
    const rows = await customersWithSpend(this.prisma, merchantId, settingsOf(merchant.settings).vip, { ids, onlyVip: true });
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The shopper's latest messages per conversation, newest first (one query for the whole
   * list): the queue previews what the shopper asked, not the bot's notices.
   */
  private async shopperWords(merchantId: string, conversationIds: string[]): Promise<Map<string, ShopperLine[]>> {
    const byConversation = new Map<string, ShopperLine[]>();
    if (conversationIds.length === 0) return byConversation;
    const rows = await this.prisma.$queryRaw<(ShopperLine & { conversationId: string })[]>`
      select "conversationId", text, intent, "createdAt" from (
        select "conversationId", text, intent, "createdAt", row_number() over (partition by "conversationId" order by seq desc) as n
        from "Message"
        where "merchantId" = ${merchantId} and role = 'shopper' and internal = false and "conversationId" = any(${conversationIds}::text[])
      ) latest where n <= ${TOPIC_WINDOW} order by "conversationId", "createdAt" desc`;
    for (const { conversationId, ...line } of rows) {
      const list = byConversation.get(conversationId) ?? [];
      list.push(line);
      byConversation.set(conversationId, list);
    }
    return byConversation;
  }

  async agents(merchantId: string): Promise<AgentView[]> {
    const [agents, presence, loads] = await Promise.all([
      this.prisma.agent.findMany({ where: { merchantId }, orderBy: { name: "asc" } }),
      this.presence.all(merchantId),
      this.prisma.conversation.groupBy({ by: ["agentId"], where: { merchantId, status: "assigned" }, _count: { _all: true } }),
    ]);
    return agents.map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      role: a.role,
      status: presence.get(a.id) ?? "offline",
      load: loads.find((l) => l.agentId === a.id)?._count._all ?? 0,
      maxChats: a.maxChats,
    }));
  }

  async setPresence(agent: AgentSession, status: PresenceStatus): Promise<void> {
    await this.presence.set(agent.merchantId, agent.agentId, status);
    if (status === "online") await this.autoAssign(agent.merchantId);
  }

  /** Keeps a connected agent's presence fresh without re-running assignment. */
  async touchPresence(agent: AgentSession, status: PresenceStatus): Promise<void> {
    await this.presence.set(agent.merchantId, agent.agentId, status);
  }

  /** Someone online to take a chat now: within business hours and an agent present. */
  private async anyoneOnline(merchantId: string, now = new Date()) {
    const merchant = await this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { businessHours: true, timezone: true } });
    if (!isOpen(merchant.businessHours as BusinessHours, merchant.timezone, now)) return false;
    return [...(await this.presence.all(merchantId)).values()].includes("online");
  }

  private async positionOf(conversationId: string): Promise<number> {
    const c = await this.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const ahead = await this.prisma.conversation.count({
      where: {
        merchantId: c.merchantId,
        status: "queued",
        id: { not: c.id },
        OR: [{ priority: { gt: c.priority } }, { priority: c.priority, queuedAt: { lt: c.queuedAt ?? new Date() } }],
      },
    });
    return ahead + 1;
  }

  private async assign(merchantId: string, conversationId: string, agentId: string, agentName: string, from: ("queued" | "bot")[]) {
    const moved = await this.prisma.conversation.updateMany({
      where: { id: conversationId, merchantId, status: { in: from } },
      data: { status: "assigned", agentId },
    });
    if (moved.count === 0) return null;
    const c = await this.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    await this.system(conversationId, merchantId, c.locale as Locale, new Renderer(c.locale as Locale, "UTC").text("agent_joined", { name: agentName }));
    this.events.emit({ type: "status", merchantId, conversationId, status: "assigned", agentId, agentName });
    this.log.info({ conversationId, agentId }, "conversation assigned");
    return this.summary(merchantId, conversationId);
  }

  private async finish(agent: AgentSession, conversationId: string, status: "resolved" | "bot", key: MessageKey) {
    await this.summary(agent.merchantId, conversationId);
    const moved = await this.prisma.conversation.updateMany({
      where: { id: conversationId, merchantId: agent.merchantId, status: { in: ["assigned", "queued"] }, ...(agent.role === "agent" ? { OR: [{ agentId: agent.agentId }, { status: "queued" }] } : {}) },
      data: { status, agentId: status === "bot" ? null : undefined, resolvedAt: status === "resolved" ? new Date() : null, dueAt: null },
    });
    if (moved.count === 0) throw conflict("handoff:not_yours", "Only the assigned agent or a supervisor can do this.");
    const c = await this.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const r = new Renderer(c.locale as Locale, "UTC");
    const blocks = status === "resolved" ? [{ type: "csat_request", text: r.text("csat") }] : undefined;
    await this.messages.append(conversationId, agent.merchantId, [{ role: "system", text: r.text(key), locale: c.locale, blocks }]);
    this.events.emit({ type: "status", merchantId: agent.merchantId, conversationId, status });
    return this.summary(agent.merchantId, conversationId);
  }

  private async ownConversation(agent: AgentSession, conversationId: string) {
    const c = await this.prisma.conversation.findFirst({ where: { id: conversationId, merchantId: agent.merchantId } });
    if (!c) throw notFound("conversations", "conversation");
    if (c.status !== "assigned" || (c.agentId !== agent.agentId && agent.role === "agent")) {
      throw conflict("handoff:not_yours", "Claim the conversation before replying.");
    }
    return c;
  }

  private async system(conversationId: string, merchantId: string, locale: string, text: string) {
    await this.messages.append(conversationId, merchantId, [{ role: "system", text, locale }]);
  }
}

interface ShopperLine {
  text: string;
  intent: string | null;
  createdAt: Date;
}

/**
 * What the conversation is about: the newest shopper intent that names a topic (not a
 * greeting, a yes/no or a plain "a person please"), else the newest intent at all.
 */
function topicOf(lines: ShopperLine[]): string | null {
  const named = lines.map((l) => l.intent).filter((i): i is string => Boolean(i) && i !== "payment_status");
  const topical = named.find((i) => isIntent(i) && kindOf(i) !== "social" && i !== "contact_human_agent");
  return topical ?? named.find((i) => !isIntent(i) || kindOf(i) !== "social") ?? named[0] ?? null;
}

function toSummary(row: ConversationWithSummary, said: ShopperLine[], vips: Set<string>): ConversationSummary {
  const last = row.messages[0];
  const asked = said[0];
  const topic = topicOf(said);
  return {
    id: row.id,
    status: row.status,
    locale: matchLocale(row.locale) ?? "en",
    priority: row.priority,
    agentId: row.agentId,
    agentName: row.agent?.name ?? null,
    customer: row.customer ? { id: row.customer.id, name: row.customer.name, email: row.customer.email, vip: vips.has(row.customer.id) } : null,
    lastMessage: last ? { text: last.text.slice(0, 200), role: last.role, at: last.createdAt.toISOString() } : null,
    preview: asked ? { text: asked.text.slice(0, 200), at: asked.createdAt.toISOString() } : null,
    topic: topic ? { intent: topic, label: intentLabels(topic) } : null,
    handoffReason: row.handoffReason,
    waitingSince: (row.queuedAt ?? row.createdAt).toISOString(),
    shopperReadSeq: row.shopperReadSeq,
    queuedAt: row.queuedAt?.toISOString() ?? null,
  };
}

/** The stored clientMessageId of an agent's message: its own space, per agent. */
export const agentMessageId = (agentId: string, clientMessageId: string) => `agent:${agentId}:${clientMessageId}`;
