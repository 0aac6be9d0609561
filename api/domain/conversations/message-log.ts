import { randomUUID } from "node:crypto";
import type { Message as MessageRow, PrismaClient } from "../../db/generated/client.ts";
import type { Database } from "../../db/database.ts";
import { leaseReleaseCte, type LeaseClaim } from "../../db/lease-lock.ts";
import type { Message } from "../../contracts/widget.ts";
import type { ConversationEvents } from "./events.ts";
import { toMessageDto } from "./message-mapper.ts";

export interface NewMessage {
  role: "shopper" | "bot" | "agent" | "system";
  text: string;
  locale: string;
  blocks?: unknown[];
  intent?: string;
  clientMessageId?: string;
  agentId?: string;
  /** Internal notes are for agents only; the shopper never receives them. */
  internal?: boolean;
}

/** What a bot turn changes on the conversation together with its replies. */
export interface TurnChanges {
  state?: unknown;
  locale?: string;
  /** Back to the bot (a resolved conversation the shopper wrote to again). */
  reopen?: boolean;
  /** The shopper message this turn answered: what the bot made of it. */
  answered?: { messageId: string; intent: string; locale: string; unanswered: boolean; answeredBy: string };
  /** The agent wrote these messages, so has read everything up to them (read receipts). */
  readByAgent?: boolean;
  /** Append nothing when a message with this clientMessageId is stored already (a retry). */
  unlessClientMessageId?: string;
  /** Give back the turn's lease in the same statement (see LeaseLock.runFolded). */
  release?: LeaseClaim;
}

/**
 * The conversation's message log: appended with consecutive `seq` numbers (from an atomic
 * increment of the conversation's `lastSeq`), announced to live listeners only after it is
 * stored.
 *
 * An append is one SQL statement (the increment, the turn's other changes and the inserts
 * as data-modifying CTEs): atomic without an interactive transaction, so a connection is
 * borrowed for one round trip instead of five, which is what lets a node run many turns at
 * once on a pool of ten (see README, "Throughput").
 */
export class MessageLog {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly db: Pick<Database, "query">,
    private readonly events: ConversationEvents,
  ) {}

  async append(conversationId: string, merchantId: string, messages: NewMessage[], changes: TurnChanges = {}): Promise<Message[]> {
    const column = <T,>(pick: (m: NewMessage) => T) => messages.map(pick);
    const answered = changes.answered;
    const { rows } = await this.db.query<MessageRow>(APPEND_SQL, [
      conversationId,
      merchantId,
      messages.length,
      changes.unlessClientMessageId ?? null,
      changes.state === undefined ? null : JSON.stringify(changes.state),
      changes.locale ?? null,
      changes.reopen ?? false,
      column(() => randomUUID()),
      column((m) => m.role),
      column((m) => m.text),
      column((m) => m.locale),
      column((m) => (m.blocks === undefined ? null : JSON.stringify(m.blocks))),
      column((m) => m.intent ?? null),
      column((m) => m.clientMessageId ?? null),
      column((m) => m.agentId ?? null),
      column((m) => m.internal ?? false),
      answered?.messageId ?? null,
      answered?.intent ?? null,
      answered?.locale ?? null,
      answered?.unanswered ?? false,
      answered?.answeredBy ?? null,
      changes.readByAgent ?? false,
      changes.release?.key ?? null,
      changes.release?.token ?? null,
    ]);
    const stored = rows.sort((a, b) => a.seq - b.seq);
    const authors = await this.authors(stored);
    const dtos = stored.map((row) => toMessageDto(row, authors));
    for (const message of dtos) this.events.emit({ type: "message", merchantId, conversationId, message });
    return dtos;
  }

  /**
   * A new conversation and its first message (the greeting) in one statement: a new widget
   * session costs one round trip (2,000 sessions arrive in seconds in a promotion's burst).
   */
  async start(merchantId: string, customerId: string | null, locale: string, state: unknown, first: NewMessage): Promise<{ id: string }> {
    const id = randomUUID();
    await this.db.query(
      `with c as (
         insert into "Conversation" (id, "merchantId", "customerId", locale, state, "lastSeq", "updatedAt")
         values ($1, $2, $3, $4, $5::jsonb, 1, now()) returning id)
       insert into "Message" (id, "conversationId", "merchantId", seq, role, text, locale, blocks, intent, "createdAt")
       select $6, c.id, $2, 1, $7::"MessageRole", $8, $9, $10::jsonb, $11, now() from c`,
      [id, merchantId, customerId, locale, JSON.stringify(state), randomUUID(), first.role, first.text, first.locale, first.blocks === undefined ? null : JSON.stringify(first.blocks), first.intent ?? null],
    );
    return { id };
  }

  /** The stored message with this clientMessageId and the replies that followed it. */
  async replay(conversationId: string, clientMessageId: string): Promise<Message[] | null> {
    const original = await this.prisma.message.findUnique({ where: { conversationId_clientMessageId: { conversationId, clientMessageId } } });
    if (!original) return null;
    const next = await this.prisma.message.findFirst({
      where: { conversationId, role: original.role, seq: { gt: original.seq } },
      orderBy: { seq: "asc" },
      select: { seq: true },
    });
    const replies = original.role === "shopper"
      ? await this.prisma.message.findMany({
          where: { conversationId, seq: { gt: original.seq, ...(next ? { lt: next.seq } : {}) }, role: "bot", internal: false },
          orderBy: { seq: "asc" },
        })
      : [];
    const rows = [original, ...replies];
    const authors = await this.authors(rows);
    return rows.map((row) => toMessageDto(row, authors));
  }

  async after(conversationId: string, merchantId: string, after: number, options: { internal?: boolean; limit?: number } = {}): Promise<Message[]> {
    const rows = await this.prisma.message.findMany({
      where: { conversationId, merchantId, seq: { gt: after }, ...(options.internal ? {} : { internal: false }) },
      orderBy: { seq: "asc" },
      take: options.limit ?? 500,
    });
    const authors = await this.authors(rows);
    return rows.map((row) => toMessageDto(row, authors));
  }

  /** Names of the agents who wrote these messages. */
  private async authors(rows: { agentId: string | null }[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.agentId).filter((id): id is string => Boolean(id)))];
    if (ids.length === 0) return new Map();
    const agents = await this.prisma.agent.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    return new Map(agents.map((a) => [a.id, a.name]));
  }
}

const APPEND_SQL = `
with ${leaseReleaseCte(23, 24)},
c as (
  update "Conversation"
     set "lastSeq" = "lastSeq" + $3, "updatedAt" = now(),
         state = coalesce($5::jsonb, state), locale = coalesce($6::text, locale),
         status = case when $7::boolean then 'bot'::"ConversationStatus" else status end,
         "resolvedAt" = case when $7::boolean then null else "resolvedAt" end,
         "agentReadSeq" = case when $22::boolean then "lastSeq" + $3 else "agentReadSeq" end
   where id = $1
     and ($4::text is null or not exists (select 1 from "Message" where "conversationId" = $1 and "clientMessageId" = $4::text))
  returning "lastSeq"
), answered as (
  update "Message" set intent = $18::text, locale = $19::text, unanswered = $20::boolean, "answeredBy" = $21::text
   where $17::text is not null and id = $17::text and "conversationId" = $1 and exists (select 1 from c)
)
insert into "Message" (id, "conversationId", "merchantId", seq, role, text, locale, blocks, intent, "clientMessageId", "agentId", internal, "createdAt")
select m.id, $1, $2, c."lastSeq" - $3 + m.ord::int, m.role::"MessageRole", m.text, m.locale, m.blocks::jsonb, m.intent, m.cmid, m.agent, m.internal, now()
  from c, unnest($8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::boolean[])
       with ordinality as m(id, role, text, locale, blocks, intent, cmid, agent, internal, ord)
returning *`;
