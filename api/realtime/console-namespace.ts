import type { Namespace } from "socket.io";
import {
  agentMessageSchema,
  consoleTypingSchema,
  conversationRefSchema,
  noteSchema,
  presenceSchema,
  readSchema,
  transferSchema,
  type ConsoleClientEvents,
  type ConsoleServerEvents,
  type WidgetClientEvents,
  type WidgetServerEvents,
} from "../contracts/realtime.ts";
import type { AgentSession } from "../domain/agents/agent-token.ts";
import type { PresenceStatus } from "../domain/agents/presence.ts";
import { handle, hint } from "./handlers.ts";
import { rooms, type RealtimeOptions } from "./realtime.ts";

type ConsoleNamespace = Namespace<ConsoleClientEvents, ConsoleServerEvents, Record<string, never>, { agent: AgentSession; status: PresenceStatus }>;

/** Presence entries expire unless refreshed (see RedisPresence); connected agents refresh them. */
const HEARTBEAT_MS = 20_000;

/** Agents: `auth: { token }` from POST /auth/login; they join their merchant's room only. */
export function attachConsole(
  nsp: Namespace<ConsoleClientEvents, ConsoleServerEvents>,
  widget: Namespace<WidgetClientEvents, WidgetServerEvents>,
  { services, log }: RealtimeOptions,
) {
  const consoleNs = nsp as unknown as ConsoleNamespace;
  const { handoff } = services;
  consoleNs.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    const agent = typeof token === "string" ? await services.agents.authenticate(token) : null;
    if (!agent) return next(Object.assign(new Error("auth:invalid_token"), { data: { code: "auth:invalid_token" } }));
    socket.data.agent = agent;
    next();
  });

  const broadcastAgents = async (merchantId: string) => {
    consoleNs.to(rooms.merchant(merchantId)).emit("agents:updated", { agents: await handoff.agents(merchantId) });
  };

  consoleNs.on("connection", (socket) => {
    const { agent } = socket.data;
    const alog = log.child({ ns: "console", agentId: agent.agentId });
    socket.data.status = "online";
    const heartbeat = setInterval(() => void handoff.touchPresence(agent, socket.data.status).catch(() => undefined), HEARTBEAT_MS);

    socket.on("conversation:claim", handle(conversationRefSchema, alog, ({ conversationId }) => handoff.claim(agent, conversationId)));
    socket.on("conversation:open", handle(conversationRefSchema, alog, ({ conversationId }) => handoff.open(agent, conversationId)));
    socket.on("message:send", handle(agentMessageSchema, alog, (input) => handoff.sendMessage(agent, input)));
    socket.on("note:add", handle(noteSchema, alog, (input) => handoff.addNote(agent, input)));
    socket.on("conversation:transfer", handle(transferSchema, alog, ({ conversationId, agentId }) => handoff.transfer(agent, conversationId, agentId)));
    socket.on("conversation:resolve", handle(conversationRefSchema, alog, ({ conversationId }) => handoff.resolve(agent, conversationId)));
    socket.on("conversation:handback", handle(conversationRefSchema, alog, ({ conversationId }) => handoff.handback(agent, conversationId)));
    socket.on(
      "presence:set",
      handle(presenceSchema, alog, async ({ status }) => {
        socket.data.status = status;
        await handoff.setPresence(agent, status);
        void broadcastAgents(agent.merchantId).catch(() => undefined);
        return (await handoff.agents(agent.merchantId)).find((a) => a.id === agent.agentId)!;
      }),
    );
    socket.on(
      "typing",
      hint(consoleTypingSchema, ({ conversationId, isTyping }) => {
        void handoff.summary(agent.merchantId, conversationId).then(
          () => widget.to(rooms.conversation(conversationId)).emit("typing", { role: "agent", isTyping, name: agent.name }),
          () => undefined, // not this merchant's conversation: say nothing
        );
      }),
    );
    socket.on(
      "message:read",
      hint(readSchema, ({ conversationId, seq }) => {
        void handoff
          .markRead(agent.merchantId, conversationId, "agent", seq)
          .then((moved) => moved && widget.to(rooms.conversation(conversationId)).emit("message:read", { seq, by: "agent" }))
          .catch(() => undefined);
      }),
    );
    socket.on("disconnect", async () => {
      clearInterval(heartbeat);
      const still = await consoleNs.in(rooms.agent(agent.agentId)).fetchSockets().catch(() => []);
      if (still.length === 0) {
        await handoff.setPresence(agent, "offline").catch(() => undefined);
        void broadcastAgents(agent.merchantId).catch(() => undefined);
      }
    });

    // Handlers are registered first (above): events sent right after connecting are not lost.
    void (async () => {
      if (!socket.recovered) {
        const joined = [rooms.merchant(agent.merchantId), rooms.agent(agent.agentId)];
        if (agent.role !== "agent") joined.push(rooms.supervisors(agent.merchantId));
        await socket.join(joined);
      }
      await handoff.setPresence(agent, "online");
      socket.emit("queue:updated", { conversations: await handoff.queue(agent.merchantId) });
      await broadcastAgents(agent.merchantId);
    })().catch((err) => alog.error({ err }, "console connection setup failed"));
  });
}
