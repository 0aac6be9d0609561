import type { Message as MessageRow } from "../../db/generated/client.ts";
import type { Message } from "../../contracts/widget.ts";

export function toMessageDto(row: MessageRow, authors?: Map<string, string>): Message & { internal?: boolean } {
  const author = row.agentId ? authors?.get(row.agentId) : undefined;
  return {
    ...(row.internal ? { internal: true } : {}),
    ...(author ? { author: { name: author } } : {}),
    id: row.id,
    seq: row.seq,
    conversationId: row.conversationId,
    role: row.role,
    text: row.text,
    locale: row.locale,
    ...(Array.isArray(row.blocks) && row.blocks.length ? { blocks: row.blocks as Message["blocks"] } : {}),
    ...(row.intent ? { intent: row.intent } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}
