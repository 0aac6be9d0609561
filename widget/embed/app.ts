import { io, type Socket } from "socket.io-client";
import type { Message } from "../../api/contracts/widget.ts";
import { clear, h } from "../shared/dom.ts";
import { renderBlocks, type BlockAction } from "./blocks.ts";
import { applyPaymentStatus } from "./pay.ts";
import type { Host } from "./loader.ts";
import { strings, type WidgetLocale } from "./strings.ts";
import { interpolate } from "../shared/i18n.ts";
import { icon } from "../shared/icons.ts";
import { panelCss } from "./styles.ts";
import { redPacketCss, redPackets } from "./campaigns.ts";

interface Session {
  sessionToken: string;
  conversationId: string;
  identity?: string;
}

/**
 * The conversation UI, loaded on first open. History lives on the server; the session
 * token in localStorage brings it back after a reload and in other tabs (each tab has its
 * own socket in the same conversation room).
 */
/** A random id this browser keeps, so an anonymous shopper sees the same experiment variant in every new conversation. */
function visitorId(): string {
  const key = "shopchat:visitor";
  let id = localStorage.getItem(key);
  if (!id || !/^[\w-]{8,64}$/.test(id)) {
    // getRandomValues works on plain-http shop pages too (randomUUID needs a secure context).
    id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem(key, id);
  }
  return id;
}

export function mount(host: Host, emit: (event: string, data?: unknown) => void) {
  const storeKey = `shopchat:${host.widgetKey}:session`;
  const messages = new Map<string, Message>();
  const rated = new Map<string, "up" | "down">();
  let lastSeq = 0;
  let socket: Socket | null = null;
  let session: Session | null = JSON.parse(localStorage.getItem(storeKey) ?? "null");
  let unread = 0;
  let agentTyping = "";
  let lastTypingAt = 0;
  const theme = host.config.theme;
  const t = () => strings[host.locale];

  const style = h("style", { text: panelCss(theme.color, theme.textColor, theme.position) + redPacketCss });
  const title = h("h2", { id: "shopchat-title" });
  const langButton = h("button", { type: "button", onclick: () => setLocale(host.locale === "en" ? "zh-CN" : "en") });
  const closeButton = h("button", { type: "button", onclick: () => close() }, icon("close"));
  const notice = h("div", { class: "notice", role: "status", hidden: true });
  const log = h("ol", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions" });
  const typing = h("div", { class: "typing", "aria-live": "polite" });
  const input = h("textarea", { rows: 1, maxlength: 4000 });
  const sendButton = h("button", { type: "submit" });
  const form = h("form", { onsubmit: (e: Event) => (e.preventDefault(), void sendText(input.value)) }, input, sendButton);
  const avatar = theme.avatar ? h("img", { src: theme.avatar, alt: "" }) : null;
  // Red-packet rain: a banner under the header while a campaign runs, its rain over the panel.
  const packets = redPackets({ origin: host.origin, locale: () => host.locale, token: async () => (await ensureSession()).sessionToken });
  const panel = h("section", { class: "panel", role: "dialog", "aria-labelledby": "shopchat-title", hidden: true }, h("div", { class: "head" }, avatar, title, langButton, closeButton), packets.banner, notice, log, typing, form, packets.rain);
  host.root.append(style, panel);

  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void sendText(input.value);
    } else if (Date.now() - lastTypingAt > 2000) {
      lastTypingAt = Date.now();
      socket?.emit("typing", { isTyping: true });
    }
  });
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close();
  });

  function labels() {
    title.textContent = theme.title?.[host.locale] ?? host.config.name;
    langButton.textContent = t().language;
    closeButton.setAttribute("aria-label", t().close);
    input.setAttribute("aria-label", t().placeholder);
    input.placeholder = t().placeholder;
    sendButton.textContent = t().send;
    host.launcher.setAttribute("aria-label", t().open);
    notice.textContent = t().offline;
  }

  /** One session at a time: callers at the same moment (open, the banner's fetch) share the request. */
  let creating: { identity?: string; promise: Promise<Session> } | null = null;
  function ensureSession(): Promise<Session> {
    const identityKey = host.identity?.customerId;
    if (session && (session.identity ?? undefined) === identityKey) return Promise.resolve(session);
    if (creating && creating.identity === identityKey) return creating.promise;
    const promise = createSession(identityKey).finally(() => {
      if (creating?.promise === promise) creating = null;
    });
    creating = { identity: identityKey, promise };
    return promise;
  }

  async function createSession(identityKey: string | undefined): Promise<Session> {
    const res = await fetch(`${host.origin}/api/v1/widget/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ widgetKey: host.widgetKey, locale: host.locale, visitorId: visitorId(), ...(host.identity ? { identity: host.identity } : {}), ...(host.ref ? { ref: host.ref } : {}) }),
    });
    if (!res.ok) throw new Error(`session ${res.status}`);
    const body = await res.json();
    session = { sessionToken: body.sessionToken, conversationId: body.conversationId, identity: identityKey };
    localStorage.setItem(storeKey, JSON.stringify(session));
    messages.clear();
    lastSeq = 0;
    clear(log);
    return session;
  }

  async function sync() {
    const s = await ensureSession();
    const res = await fetch(`${host.origin}/api/v1/widget/messages?after=${lastSeq}`, { headers: { authorization: `Bearer ${s.sessionToken}` } });
    if (res.status === 401) {
      localStorage.removeItem(storeKey);
      session = null;
      return sync();
    }
    const body = await res.json();
    for (const m of body.messages as Message[]) add(m);
  }

  function connect(s: Session) {
    if (socket) return;
    socket = io(`${host.origin}/widget`, { auth: { sessionToken: s.sessionToken }, transports: ["websocket", "polling"] });
    socket.on("connect", () => {
      notice.hidden = true;
      if (!socket?.recovered) void sync();
    });
    socket.on("disconnect", () => (notice.hidden = false));
    socket.on("message:new", (m: Message) => add(m));
    socket.on("message:delta", (e: { draftId: string; text: string }) => draft(e));
    socket.on("typing", (e: { role: string; isTyping: boolean; name?: string }) => {
      agentTyping = e.isTyping ? `${e.name ?? ""} ${t().typing}`.trim() : "";
      typing.textContent = agentTyping;
    });
    socket.on("conversation:status", (e: { status: string; agentName?: string }) => emit("status", e));
  }

  /** The bot's reply while the model writes it; the stored message replaces it. */
  function draft(e: { draftId: string; text: string }) {
    let li = log.querySelector<HTMLElement>(`li.draft[data-draft="${CSS.escape(String(e.draftId))}"]`);
    if (!e.text) return li?.remove();
    if (!li) {
      li = h("li", { class: "msg bot draft", "data-draft": String(e.draftId), "aria-busy": "true" });
      log.append(li);
    }
    clear(li);
    li.append(h("span", { class: "who", text: host.config.name }), String(e.text));
    li.scrollIntoView?.({ block: "end" });
  }

  function add(m: Message) {
    if (messages.has(m.id)) return;
    if (m.role !== "shopper") log.querySelectorAll(".draft").forEach((el) => el.remove());
    // The room echoes this tab's own message: it replaces the pending bubble.
    if (m.role === "shopper") [...log.querySelectorAll<HTMLElement>(".pending")].find((el) => el.dataset.text === m.text)?.remove();
    messages.set(m.id, m);
    lastSeq = Math.max(lastSeq, m.seq);
    if (m.role === "agent") typing.textContent = "";
    log.append(bubble(m));
    // A payment landed (or failed): the pay blocks already on screen show it at once.
    for (const block of (m.blocks ?? []) as { type: string }[]) if (block.type === "payment_status") applyPaymentStatus(log, block, host.locale);
    log.lastElementChild?.scrollIntoView?.({ block: "end" });
    if (panel.hidden && m.role !== "shopper") {
      unread++;
      host.badge.textContent = String(unread);
      host.badge.hidden = false;
      host.badge.setAttribute("aria-label", interpolate(t().unread, { n: unread }));
    } else socket?.emit("message:read", { seq: m.seq });
    emit("message", m);
  }

  function bubble(m: Message & { pending?: boolean }) {
    const who = m.role === "bot" ? host.config.name : m.role === "agent" ? `👤 ${m.author?.name ?? ""}`.trim() : "";
    const li = h("li", { class: `msg ${m.role} ${m.pending ? "pending" : ""}`, "data-seq": m.seq });
    if (m.pending) li.dataset.text = m.text;
    if (who) li.append(h("span", { class: "who", text: who }));
    li.append(m.text);
    li.append(...renderBlocks((m.blocks ?? []) as { type: string }[], host.locale, host.origin, act));
    if (m.role === "bot" && !m.pending && m.intent !== "greet") li.append(thumbs(m.id));
    return li;
  }

  function thumbs(messageId: string) {
    const box = h("div", { class: "rate", role: "group" });
    const draw = () => {
      clear(box);
      for (const [value, label, glyph] of [["up", t().helpful, "thumbsUp"], ["down", t().notHelpful, "thumbsDown"]] as const) {
        box.append(h("button", { type: "button", "aria-label": label, "aria-pressed": rated.get(messageId) === value ? "true" : "false", onclick: () => void feedback({ messageId, thumbs: value }).then(() => (rated.set(messageId, value), draw())) }, icon(glyph)));
      }
    };
    draw();
    return box;
  }

  async function feedback(body: Record<string, unknown>) {
    const s = await ensureSession();
    await fetch(`${host.origin}/api/v1/widget/feedback`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${s.sessionToken}` }, body: JSON.stringify(body) });
  }

  function act(a: BlockAction) {
    if (a.kind === "csat") {
      void feedback({ csat: a.score }).then(() => log.append(h("li", { class: "msg system", text: t().thanks })));
      return;
    }
    void sendText(a.text, a.kind === "action" ? a.action : undefined);
  }

  async function sendText(raw: string, action?: unknown) {
    const text = raw.trim();
    if (!text) return;
    const s = await ensureSession();
    connect(s);
    input.value = "";
    const clientMessageId = crypto.randomUUID();
    const pending = bubble({ id: clientMessageId, seq: 0, conversationId: s.conversationId, role: "shopper", text, locale: host.locale, createdAt: new Date().toISOString(), pending: true } as Message & { pending: boolean });
    log.append(pending);
    socket!.timeout(15_000).emit("message:send", { clientMessageId, text, locale: host.locale, ...(action ? { action } : {}) }, (err: Error | null, ack?: { data?: Message }) => {
      if (err || !ack?.data) return; // stays "pending"; the resync after reconnect shows what was stored
      pending.remove();
      add(ack.data);
    });
  }

  function open() {
    panel.hidden = false;
    host.launcher.setAttribute("aria-expanded", "true");
    unread = 0;
    host.badge.hidden = true;
    labels();
    void ensureSession().then((s) => {
      connect(s);
      return sync();
    });
    packets.start();
    input.focus();
    emit("open");
  }

  function close() {
    panel.hidden = true;
    packets.stop();
    host.launcher.setAttribute("aria-expanded", "false");
    host.launcher.focus();
    emit("close");
  }

  function setLocale(locale: WidgetLocale) {
    host.locale = locale;
    labels();
    packets.relabel();
  }

  labels();
  return {
    open,
    close,
    setLocale,
    identify(identity: Host["identity"]) {
      host.identity = identity;
      socket?.disconnect();
      socket = null;
      if (!panel.hidden) void ensureSession().then((s) => (connect(s), sync()));
    },
  };
}
