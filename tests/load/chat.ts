import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { ScenarioResult } from "./rest.ts";

export interface ChatOptions {
  urls: string[];
  widgetKey: string;
  agent: { email: string; password: string };
  /** Widgets connected at once. */
  widgets: number;
  /** Shopper messages per second to the bot, spread over the widgets. */
  messagesPerSecond: number;
  /** Conversations handed to the agent, who answers each shopper message. */
  handedOver: number;
  durationSec: number;
  texts: string[];
}

export interface SessionInfo {
  sessionToken: string;
  conversationId: string;
}

export async function createSessions(url: string, widgetKey: string, count: number, locale = "en"): Promise<SessionInfo[]> {
  const out: SessionInfo[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async () => {
        const res = await fetch(`${url}/api/v1/widget/sessions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ widgetKey, locale }),
        });
        if (!res.ok) throw new Error(`session: ${res.status} ${await res.text()}`);
        return (await res.json()) as SessionInfo;
      }),
    );
    out.push(...batch);
  }
  return out;
}

function connect(url: string, ns: string, auth: Record<string, string>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}${ns}`, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

/**
 * N widgets connected over real sockets (spread over the nodes); M messages a second to the
 * bot (latency = the acknowledged turn); some conversations handed to an agent on another
 * node who answers each shopper message (latency = shopper send → agent sees it, and agent
 * send → shopper sees it).
 */
export async function runChat(mode: string, o: ChatOptions): Promise<ScenarioResult[]> {
  const sessions: SessionInfo[] = [];
  for (const [i, url] of o.urls.entries()) sessions.push(...(await createSessions(url, o.widgetKey, Math.ceil(o.widgets / o.urls.length) - (i ? 0 : 0))));
  const sockets: Socket[] = [];
  for (let i = 0; i < sessions.length; i += 100) {
    sockets.push(...(await Promise.all(sessions.slice(i, i + 100).map((s, j) => connect(o.urls[(i + j) % o.urls.length]!, "/widget", { sessionToken: s.sessionToken })))));
  }

  // The agent signs in on the last node; the handed-over shoppers ask for a person.
  const agentUrl = o.urls.at(-1)!;
  const login = await fetch(`${agentUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: o.agent.email, password: o.agent.password }) });
  if (!login.ok) throw new Error(`agent sign-in: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const agent = await connect(agentUrl, "/console", { token });
  const handed = sockets.slice(0, o.handedOver);
  const handedIds = new Set(sessions.slice(0, o.handedOver).map((s) => s.conversationId));
  const claimed = new Set<string>();
  agent.on("conversation:queued", (payload: { conversation?: { id: string } }) => {
    const id = payload?.conversation?.id;
    if (id && handedIds.has(id) && !claimed.has(id)) {
      claimed.add(id);
      agent.emit("conversation:claim", { conversationId: id }, () => undefined);
    }
  });
  await Promise.all(handed.map((s) => s.timeout(30_000).emitWithAck("message:send", { clientMessageId: randomUUID(), text: "I want to talk to a human agent please" })));
  await new Promise((r) => setTimeout(r, 1500));
  // Claim whatever auto-assignment or the queued events did not.
  await Promise.all([...handedIds].map((conversationId) => agent.timeout(10_000).emitWithAck("conversation:claim", { conversationId }).catch(() => undefined)));

  const relayToAgent: number[] = [];
  const relayToShopper: number[] = [];
  const sentAt = new Map<string, number>();
  agent.on("message:new", (m: { role: string; text: string; conversationId: string }) => {
    if (m.role !== "shopper") return;
    const t0 = sentAt.get(m.text);
    if (t0 === undefined) return;
    relayToAgent.push(performance.now() - t0);
    const reply = `ok ${m.text}`;
    sentAt.set(reply, performance.now());
    agent.emit("message:send", { conversationId: m.conversationId, clientMessageId: randomUUID(), text: reply }, () => undefined);
  });
  for (const s of handed) {
    s.on("message:new", (m: { role: string; text: string }) => {
      if (m.role !== "agent") return;
      const t0 = sentAt.get(m.text);
      if (t0 !== undefined) relayToShopper.push(performance.now() - t0);
    });
  }

  const botSockets = sockets.slice(o.handedOver);
  const turns: number[] = [];
  let errors = 0;
  let sent = 0;
  const until = performance.now() + o.durationSec * 1000;
  const interval = 1000 / o.messagesPerSecond;
  const pending: Promise<void>[] = [];
  let relayTick = 0;
  while (performance.now() < until) {
    const socket = botSockets[sent % botSockets.length]!;
    const text = o.texts[Math.floor(sent / botSockets.length) % o.texts.length]!;
    const t0 = performance.now();
    sent++;
    pending.push(
      socket
        .timeout(30_000)
        .emitWithAck("message:send", { clientMessageId: randomUUID(), text })
        .then((ack: { error?: unknown }) => {
          if (ack?.error) errors++;
          else turns.push(performance.now() - t0);
        })
        .catch(() => void errors++),
    );
    // Handed-over shoppers write about once a second each.
    if (handed.length && ++relayTick % Math.max(1, Math.round(o.messagesPerSecond / handed.length)) === 0) {
      const s = handed[relayTick % handed.length]!;
      const text = `relay ${randomUUID()}`;
      sentAt.set(text, performance.now());
      s.emit("message:send", { clientMessageId: randomUUID(), text }, () => undefined);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  await Promise.all(pending);
  await new Promise((r) => setTimeout(r, 1000));
  for (const s of [...sockets, agent]) s.disconnect();

  const seconds = o.durationSec;
  return [
    { scenario: `socket bot turns (${o.widgets} widgets)`, mode, rps: Math.round(turns.length / seconds), p50: percentile(turns, 50), p99: percentile(turns, 99), requests: sent, errors, non2xx: 0, status5xx: 0 },
    { scenario: "socket shopper → agent relay", mode, rps: Math.round(relayToAgent.length / seconds), p50: percentile(relayToAgent, 50), p99: percentile(relayToAgent, 99), requests: relayToAgent.length, errors: 0, non2xx: 0, status5xx: 0 },
    { scenario: "socket agent → shopper relay", mode, rps: Math.round(relayToShopper.length / seconds), p50: percentile(relayToShopper, 50), p99: percentile(relayToShopper, 99), requests: relayToShopper.length, errors: 0, non2xx: 0, status5xx: 0 },
  ];
}
