import type { Namespace } from "socket.io";
import { AppError } from "../errors.ts";
import { consume, conversationKey } from "../http/rate-limit.ts";
import { feedbackSchema, typingSchema, widgetMessageSchema, widgetReadSchema, type ConsoleClientEvents, type ConsoleServerEvents, type WidgetClientEvents, type WidgetServerEvents } from "../contracts/realtime.ts";
import type { WidgetSession } from "../domain/conversations/session-token.ts";
import { handle, hint } from "./handlers.ts";
import { rooms, type RealtimeOptions } from "./realtime.ts";

type WidgetNamespace = Namespace<WidgetClientEvents, WidgetServerEvents, Record<string, never>, { session: WidgetSession; limitKey: string }>;

/** The least time between two typing events of one shopper socket that agents are told of. */
const TYPING_INTERVAL_MS = 1000;

/** Shoppers: `auth: { sessionToken }`, one room per conversation. */
export function attachWidget(
  nsp: Namespace<WidgetClientEvents, WidgetServerEvents>,
  consoleNs: Namespace<ConsoleClientEvents, ConsoleServerEvents>,
  { services, log, limiters }: RealtimeOptions,
) {
  const widget = nsp as unknown as WidgetNamespace;
  // Checked on every connection, recovered ones included (skipMiddlewares is off).
  widget.use(async (socket, next) => {
    const token = (socket.handshake.auth as { sessionToken?: unknown })?.sessionToken;
    const session = typeof token === "string" ? await services.conversations.authenticate(token) : null;
    if (!session) return next(Object.assign(new Error("auth:invalid_session"), { data: { code: "auth:invalid_session" } }));
    socket.data.session = session;
    // The same key as the REST limiter's (the verified conversation): one budget per session.
    socket.data.limitKey = conversationKey(session.conversationId);
    next();
  });

  widget.on("connection", (socket) => {
    const { session } = socket.data;
    const slog = log.child({ ns: "widget", conversationId: session.conversationId });
    if (!socket.recovered) void socket.join(rooms.conversation(session.conversationId));

    socket.on(
      "message:send",
      handle(widgetMessageSchema, slog, async (input) => {
        if (limiters && (await consume(limiters.messages, socket.data.limitKey, slog)).limited) {
          throw new AppError(429, "rate_limit:exceeded", "Too many messages. Please wait a moment.");
        }
        const stored = await services.conversations.postMessage(session, input);
        return stored[0]!;
      }),
    );
    // Typing is a hint: at most one per TYPING_INTERVAL_MS per socket reaches the agents (a
    // change from typing to stopped always does), so a flood cannot fan out to every console.
    let lastTyping = { at: 0, isTyping: false };
    socket.on(
      "typing",
      hint(typingSchema, ({ isTyping }) => {
        const now = Date.now();
        if (isTyping === lastTyping.isTyping && now - lastTyping.at < TYPING_INTERVAL_MS) return;
        if (isTyping !== lastTyping.isTyping && now - lastTyping.at < TYPING_INTERVAL_MS / 10) return;
        lastTyping = { at: now, isTyping };
        consoleNs.to(rooms.merchant(session.merchantId)).emit("typing", { conversationId: session.conversationId, role: "shopper", isTyping });
      }),
    );
    socket.on(
      "message:read",
      hint(widgetReadSchema, ({ seq }) => {
        void services.handoff
          .markRead(session.merchantId, session.conversationId, "shopper", seq)
          .then((moved) => moved && consoleNs.to(rooms.merchant(session.merchantId)).emit("message:read", { conversationId: session.conversationId, seq, by: "shopper" }))
          .catch(() => undefined);
      }),
    );
    socket.on(
      "feedback:submit",
      handle(feedbackSchema, slog, (input) => services.conversations.feedback(session, input)),
    );
  });
}
