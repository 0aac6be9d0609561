import { translate } from "../../../bot/render.ts";
import { matchLocale } from "../../contracts/common.ts";
import { settingsOf } from "../merchants/settings.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import type { Logger } from "../../logger.ts";
import type { ConversationEvents } from "../conversations/events.ts";
import type { MessageLog } from "../conversations/message-log.ts";

/**
 * Service levels, checked by a periodic sweep (so they survive restarts in both modes):
 * agents are reminded of a chat that waits too long, and a conversation past its due time
 * is escalated to supervisors, raised in priority and marked with an internal note.
 */
export class SlaService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly messages: MessageLog,
    private readonly events: ConversationEvents,
    private readonly log: Logger,
  ) {}

  async sweep(now = new Date()): Promise<{ renotified: number; escalated: number }> {
    let renotified = 0;
    let escalated = 0;
    const waiting = await this.prisma.conversation.findMany({ where: { status: "queued" }, include: { merchant: { select: { settings: true } } }, take: 500 });
    for (const c of waiting) {
      const minutes = settingsOf(c.merchant.settings).handoff.renotifyMinutes;
      const threshold = new Date(now.getTime() - minutes * 60_000);
      if (!c.queuedAt || c.queuedAt > threshold || (c.renotifiedAt && c.renotifiedAt > threshold)) continue;
      const claimed = await this.prisma.conversation.updateMany({ where: { id: c.id, status: "queued", renotifiedAt: c.renotifiedAt }, data: { renotifiedAt: now } });
      if (claimed.count === 0) continue;
      this.events.emit({ type: "status", merchantId: c.merchantId, conversationId: c.id, status: "queued" });
      renotified++;
    }
    const overdue = await this.prisma.conversation.findMany({ where: { status: { in: ["queued", "assigned"] }, dueAt: { lt: now }, escalatedAt: null }, take: 500 });
    for (const c of overdue) {
      const claimed = await this.prisma.conversation.updateMany({ where: { id: c.id, escalatedAt: null }, data: { escalatedAt: now, priority: { increment: 5 } } });
      if (claimed.count === 0) continue;
      const note = translate(matchLocale(c.locale) ?? "en", "sla_escalated_note");
      await this.messages.append(c.id, c.merchantId, [{ role: "system", text: note, locale: c.locale, internal: true }]);
      this.events.emit({ type: "escalated", merchantId: c.merchantId, conversationId: c.id });
      escalated++;
    }
    if (renotified || escalated) this.log.info({ renotified, escalated }, "sla sweep");
    return { renotified, escalated };
  }
}
