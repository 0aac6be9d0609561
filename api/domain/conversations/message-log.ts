import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
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

/**
 * The conversation's message log: appended with consecutive `seq` numbers in one
 * transaction (the seq comes from an atomic increment on the conversation), announced to
 * live listeners only after it is stored.
 */
export class MessageLog {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly events: ConversationEvents,
  ) {}

  async append(conversationId: string, merchantId: string, messages: NewMessage[], conversationChanges: Prisma.ConversationUpdateInput = {}): Promise<Message[]> {
    const stored = await this.prisma.$transaction(
      async (tx) => {
        const { lastSeq } = await tx.conversation.update({
          where: { id: conversationId },
          data: { ...conversationChanges, lastSeq: { increment: messages.length } },
          select: { lastSeq: true },
        });
        const first = lastSeq - messages.length + 1;
        const rows = [];
        for (const [i, m] of messages.entries()) {
          rows.push(
            await tx.message.create({
              data: {
                conversationId,
                merchantId,
                seq: first + i,
                role: m.role,
                text: m.text,
                locale: m.locale,
                blocks: (m.blocks ?? undefined) as Prisma.InputJsonValue | undefined,
                intent: m.intent ?? null,
                clientMessageId: m.clientMessageId ?? null,
                agentId: m.agentId ?? null,
                internal: m.internal ?? false,
              },
            }),
          );
        }
        return rows;
      },
      { maxWait: 30_000, timeout: 30_000 },
    );
    const authors = await this.authors(stored);
    const dtos = stored.map((row) => toMessageDto(row, authors));
    for (const message of dtos) this.events.emit({ type: "message", merchantId, conversationId, message });
    return dtos;
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
