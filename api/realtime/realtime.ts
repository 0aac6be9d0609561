import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "ioredis";
import { Server } from "socket.io";
import type { ConsoleClientEvents, ConsoleServerEvents, WidgetClientEvents, WidgetServerEvents } from "../contracts/realtime.ts";
import type { RateLimiters } from "../http/rate-limit.ts";
import type { Logger } from "../logger.ts";
import type { Services } from "../services.ts";
import { attachConsole } from "./console-namespace.ts";
import { attachWidget } from "./widget-namespace.ts";

export interface RealtimeOptions {
  services: Services;
  log: Logger;
  /** With Redis, several nodes share rooms through the Redis streams adapter. */
  redis?: Redis;
  /** The Redis stream the nodes share. @defaultValue "socket.io" */
  streamName?: string;
  /** How long the adapter's XREAD blocks; short in tests so shutdown is quick. @defaultValue 5000 */
  blockTimeInMs?: number;
  /** How long a dropped client can come back and receive what it missed. @defaultValue 2 minutes */
  recoveryMs?: number;
  /** The same limiters as the HTTP app, so REST and socket messages share one budget. */
  limiters?: RateLimiters;
}

export const rooms = {
  conversation: (id: string) => `conversation:${id}`,
  merchant: (id: string) => `merchant:${id}`,
  agent: (id: string) => `agent:${id}`,
  supervisors: (merchantId: string) => `supervisors:${merchantId}`,
};

/**
 * Socket.IO on the HTTP server: /widget for shoppers (session token), /console for agents
 * (agent token). Stored conversation events are broadcast to the rooms that may see them:
 * the conversation's room for the shopper (never internal notes), the merchant's room for
 * its agents. Nothing crosses merchants.
 */
export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions) {
  const io = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    cors: { origin: true, credentials: false },
    maxHttpBufferSize: 256 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: options.recoveryMs ?? 120_000, skipMiddlewares: false },
    ...(options.redis
      ? {
          adapter: createAdapter(options.redis, {
            streamName: options.streamName ?? "socket.io",
            sessionKeyPrefix: `${options.streamName ?? "socket.io"}:session:`,
            blockTimeInMs: options.blockTimeInMs ?? 5000,
          }),
        }
      : {}),
  });
  const widget = io.of("/widget") as import("socket.io").Namespace<WidgetClientEvents, WidgetServerEvents>;
  const console_ = io.of("/console") as import("socket.io").Namespace<ConsoleClientEvents, ConsoleServerEvents>;
  attachWidget(widget, console_, options);
  attachConsole(console_, widget, options);

  const { services, log } = options;
  const unsubscribe = services.events.subscribe((event) => {
    if (event.type === "message") {
      const { message } = event;
      if (!message.internal) widget.to(rooms.conversation(event.conversationId)).emit("message:new", message);
      console_.to(rooms.merchant(event.merchantId)).emit("message:new", message);
      return;
    }
    if (event.type === "draft") {
      widget.to(rooms.conversation(event.conversationId)).emit("message:delta", { draftId: event.draftId, text: event.text });
      return;
    }
    if (event.type === "escalated") {
      void services.handoff
        .summary(event.merchantId, event.conversationId)
        .then((conversation) => console_.to(rooms.supervisors(event.merchantId)).emit("conversation:escalated", { conversation }))
        .catch((err) => log.error({ err }, "broadcasting an escalation failed"));
      return;
    }
    widget.to(rooms.conversation(event.conversationId)).emit("conversation:status", { status: event.status, ...(event.agentName ? { agentName: event.agentName } : {}) });
    void services.handoff
      .summary(event.merchantId, event.conversationId)
      .then(async (conversation) => {
        if (event.status === "queued") console_.to(rooms.merchant(event.merchantId)).emit("conversation:queued", { conversation });
        else if (event.status === "assigned") console_.to(rooms.merchant(event.merchantId)).emit("conversation:assigned", { conversation });
        else console_.to(rooms.merchant(event.merchantId)).emit("conversation:updated", { conversation });
        console_.to(rooms.merchant(event.merchantId)).emit("queue:updated", { conversations: await services.handoff.queue(event.merchantId) });
      })
      .catch((err) => log.error({ err }, "broadcasting a status change failed"));
  });

  return {
    io,
    async close() {
      unsubscribe();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
