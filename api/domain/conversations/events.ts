import type { Message } from "../../contracts/widget.ts";
import type { ConversationStatus } from "../../contracts/realtime.ts";

/** What happened to a conversation, for whoever shows it live (the Socket.IO layer). */
export type ConversationEvent =
  | { type: "message"; merchantId: string; conversationId: string; message: Message & { internal?: boolean } }
  | { type: "status"; merchantId: string; conversationId: string; status: ConversationStatus; agentId?: string | null; agentName?: string }
  | { type: "escalated"; merchantId: string; conversationId: string }
  /** The model's reply while it is being written (not stored; the final message follows as a "message"). */
  | { type: "draft"; merchantId: string; conversationId: string; draftId: string; text: string };

type Listener = (event: ConversationEvent) => void;

/** A tiny synchronous event bus; listeners must not throw (they are isolated anyway). */
export class ConversationEvents {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ConversationEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not undo a stored message.
      }
    }
  }
}
