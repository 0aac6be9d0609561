import { io, type Socket } from "socket.io-client";
import type { AgentView, ConversationSummary } from "../../api/contracts/realtime.ts";
import type { Message } from "../../api/contracts/widget.ts";
import { clear, h, linkButton } from "../shared/dom.ts";
import { orderTone } from "../../api/contracts/order-tone.ts";
import { riskReasonLabel } from "../../api/contracts/risk-reasons.ts";
import { t, type Key, type Lang } from "./i18n.ts";

type ConsoleMessage = Message & { internal?: boolean };
interface OrderSummary {
  number: string;
  status: string;
  total: { amount: number; currency: string };
  createdAt: string;
  payBy?: string | null;
  lastPayment?: string | null;
  risk?: { score: number; level: string; reasons: string[] };
}
interface Canned {
  title: string;
  text: string;
}

/** The agent console: sign in, live queue, the conversation with its whole history, reply. */
const state = {
  lang: (localStorage.getItem("console.lang") as Lang | null) ?? (navigator.language.startsWith("zh") ? "zh-CN" : "en"),
  token: sessionStorage.getItem("console.token"),
  agent: JSON.parse(sessionStorage.getItem("console.agent") ?? "null") as { id: string; name: string; merchant: string } | null,
  conversations: [] as ConversationSummary[],
  agents: [] as AgentView[],
  selected: null as string | null,
  /** The open conversation when it is not in the live list (resolved, or reached by a link). */
  opened: null as ConversationSummary | null,
  messages: [] as ConsoleMessage[],
  orders: [] as OrderSummary[],
  canned: [] as Canned[],
  typing: false,
  noteMode: false,
  error: "",
  /** Kept across renders so a failed sign-in does not wipe what was typed. */
  loginEmail: "",
};
let socket: Socket | null = null;
let typingTimer: ReturnType<typeof setTimeout> | undefined;
const root = document.getElementById("app")!;
const tr = (key: Key, vars?: Record<string, string | number>) => t(state.lang, key, vars);

function render() {
  document.documentElement.lang = state.lang;
  clear(root);
  root.append(state.token && state.agent ? app() : login());
  const waiting = state.conversations.filter((c) => c.status === "queued").length;
  document.title = `${waiting ? `(${waiting}) ` : ""}${tr("title")}`;
}

function login() {
  const email = h("input", {
    type: "email",
    name: "email",
    required: true,
    autocomplete: "username",
    "aria-label": tr("email"),
    placeholder: tr("email"),
    value: state.loginEmail,
    oninput: (e: Event) => (state.loginEmail = (e.target as HTMLInputElement).value),
  });
  const password = h("input", { type: "password", name: "password", required: true, autocomplete: "current-password", "aria-label": tr("password"), placeholder: tr("password") });
  const form = h(
    "form",
    {
      class: "login",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const res = await fetch("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: email.value, password: password.value }) });
        if (!res.ok) {
          state.error = tr("badLogin");
          return render();
        }
        const body = await res.json();
        state.token = body.token;
        state.agent = body.agent;
        state.error = "";
        sessionStorage.setItem("console.token", body.token);
        sessionStorage.setItem("console.agent", JSON.stringify(body.agent));
        connect();
        render();
      },
    },
    h("h1", { text: tr("title") }),
    email,
    password,
    h("button", { type: "submit", text: tr("signIn") }),
    state.error ? h("p", { class: "error", role: "alert", text: state.error }) : null,
    languageButton(),
  );
  return h("main", { class: "center" }, form);
}

function languageButton() {
  return linkButton(tr("language"), () => {
    state.lang = state.lang === "en" ? "zh-CN" : "en";
    localStorage.setItem("console.lang", state.lang);
    render();
  });
}

function app() {
  const me = state.agents.find((a) => a.id === state.agent!.id);
  const presence = h(
    "select",
    {
      "aria-label": "presence",
      onchange: (e: Event) => socket?.emit("presence:set", { status: (e.target as HTMLSelectElement).value }, () => undefined),
    },
    ...(["online", "away"] as const).map((s) => h("option", { value: s, selected: (me?.status ?? "online") === s, text: tr(s) })),
  );
  const header = h(
    "header",
    {},
    h("strong", { text: `${tr("title")} · ${state.agent!.merchant}` }),
    h("span", { class: "spacer" }),
    h("span", { text: state.agent!.name }),
    presence,
    languageButton(),
    linkButton(tr("signOut"), signOut),
  );
  return h("div", { class: "layout" }, header, h("div", { class: "columns" }, sidebar(), conversationPane(), customerPane()));
}

function sidebar() {
  const mine = state.conversations.filter((c) => c.status === "assigned" && c.agentId === state.agent!.id);
  const waiting = state.conversations.filter((c) => c.status === "queued");
  const others = state.conversations.filter((c) => c.status === "assigned" && c.agentId !== state.agent!.id);
  const section = (title: string, items: ConversationSummary[], id: string) =>
    h("section", { "aria-label": title, "data-testid": id }, h("h2", { text: `${title} (${items.length})` }), items.length ? h("ul", {}, ...items.map(item)) : h("p", { class: "muted", text: tr("empty") }));
  return h("nav", { class: "sidebar" }, section(tr("queue"), waiting, "queue"), section(tr("mine"), mine, "mine"), section(tr("others"), others, "others"));
}

function item(c: ConversationSummary) {
  const who = c.customer?.name ?? c.customer?.email ?? tr("anonymous");
  return h(
    "li",
    {},
    h(
      "button",
      { type: "button", class: `conv ${c.id === state.selected ? "active" : ""} ${c.priority > 0 ? "urgent" : ""}`, "data-conversation": c.id, onclick: () => open(c.id) },
      h("span", { class: "who", text: who }),
      c.customer?.vip ? h("span", { class: "badge vip", text: tr("vip") }) : null,
      c.priority > 0 ? h("span", { class: "badge", text: `${tr("priority")} ${c.priority}` }) : null,
      h("span", { class: "preview", text: c.lastMessage?.text ?? "" }),
      c.status === "queued" ? h("span", { class: "wait", text: tr("waiting", { n: since(c.waitingSince) }) }) : null,
    ),
  );
}

/** The selected conversation: from the live list, or the one opened directly. */
const current = () => state.conversations.find((x) => x.id === state.selected) ?? (state.opened?.id === state.selected ? state.opened : undefined);

function conversationPane() {
  const c = current();
  if (!state.selected || !c) return h("section", { class: "conversation center muted" }, h("p", { text: tr("pick") }));
  const mine = c.status === "assigned" && c.agentId === state.agent!.id;
  const actions = h(
    "div",
    { class: "actions" },
    c.status !== "assigned" || !mine ? h("button", { type: "button", "data-action": "claim", text: tr("claim"), onclick: () => act("conversation:claim") }) : null,
    mine ? h("button", { type: "button", "data-action": "resolve", text: tr("resolve"), onclick: () => act("conversation:resolve") }) : null,
    mine ? h("button", { type: "button", "data-action": "handback", text: tr("handback"), onclick: () => act("conversation:handback") }) : null,
    mine
      ? h(
          "select",
          { "aria-label": tr("transfer"), onchange: (e: Event) => act("conversation:transfer", { agentId: (e.target as HTMLSelectElement).value }) },
          h("option", { value: "", text: tr("transfer") }),
          ...state.agents.filter((a) => a.id !== state.agent!.id).map((a) => h("option", { value: a.id, text: `${a.name} (${tr(a.status)}, ${a.load}/${a.maxChats})` })),
        )
      : null,
  );
  const log = h("ol", { class: "messages", role: "log", "aria-live": "polite" }, ...state.messages.map(bubble));
  const input = h("textarea", {
    rows: 3,
    "aria-label": state.noteMode ? tr("note") : tr("reply"),
    placeholder: state.noteMode ? tr("typeNote") : mine ? tr("typeReply") : tr("notYours"),
    disabled: !mine && !state.noteMode,
    onkeydown: (e: Event) => {
      const key = e as KeyboardEvent;
      if (key.key === "Enter" && !key.shiftKey) {
        key.preventDefault();
        send(input);
      } else {
        socket?.emit("typing", { conversationId: c.id, isTyping: true });
        clearTimeout(typingTimer);
        typingTimer = setTimeout(() => socket?.emit("typing", { conversationId: c.id, isTyping: false }), 2000);
      }
    },
  });
  const composer = h(
    "form",
    { class: `composer ${state.noteMode ? "note" : ""}`, onsubmit: (e: Event) => (e.preventDefault(), send(input)) },
    h("label", {}, h("input", { type: "checkbox", checked: state.noteMode, onchange: () => ((state.noteMode = !state.noteMode), render()) }), ` ${tr("note")}`),
    input,
    h("button", { type: "submit", "data-action": "send", text: state.noteMode ? tr("addNote") : tr("send") }),
  );
  queueMicrotask(() => log.lastElementChild?.scrollIntoView({ block: "end" }));
  return h("section", { class: "conversation" }, actions, log, state.typing ? h("p", { class: "typing", text: tr("typing") }) : null, composer);
}

function bubble(m: ConsoleMessage) {
  const label = m.internal ? tr("noteLabel") : m.role === "agent" ? tr("you") : tr(m.role as Key);
  const readUpTo = state.conversations.find((c) => c.id === m.conversationId)?.shopperReadSeq ?? 0;
  const seen = m.role === "agent" && !m.internal && m.seq <= readUpTo;
  return h(
    "li",
    { class: `msg ${m.role} ${m.internal ? "internal" : ""}`, "data-seq": m.seq },
    h("span", { class: "meta", text: `${label} · ${new Date(m.createdAt).toLocaleTimeString(state.lang)}` }),
    h("p", { text: m.text }),
    seen ? h("span", { class: "seen", text: `✓ ${tr("read")}` }) : null,
  );
}

/** A held order shows why, in red (risk scoring: api/domain/risk). */
function heldReasons(o: OrderSummary) {
  if (o.status !== "on_hold" || !o.risk) return null;
  const lang = state.lang === "zh-CN" ? "zh-CN" : "en";
  return h("span", { class: "risk", "data-risk": o.risk.level, text: `${tr("onHold")} (${o.risk.score}): ${o.risk.reasons.map((r) => riskReasonLabel(r, lang)).join(lang === "zh-CN" ? "；" : "; ")}` });
}

function customerPane() {
  const c = current();
  if (!c) return h("aside", { class: "customer" });
  const orders = state.orders.length
    ? h("ul", { class: "orders" }, ...state.orders.map((o) => h("li", { class: `order ${orderTone(o)}`, "data-tone": orderTone(o) }, h("strong", { text: o.number }), h("span", { text: o.lastPayment === "failed" && o.status === "pending_payment" ? `${o.status} · payment_failed` : o.status }), h("span", { text: money(o.total) }), heldReasons(o))))
    : h("p", { class: "muted", text: tr("noOrders") });
  const canned = state.canned.length
    ? h("ul", { class: "canned" }, ...state.canned.map((r) => h("li", {}, h("button", { type: "button", class: "link", text: r.title, onclick: () => fillCanned(r, c) }))))
    : null;
  return h(
    "aside",
    { class: "customer", "aria-label": tr("customer") },
    h("h2", { text: tr("customer") }),
    h("p", { text: c.customer?.name ?? tr("anonymous") }),
    c.customer?.email ? h("p", { class: "muted", text: c.customer.email }) : null,
    h("h2", { text: tr("orders") }),
    orders,
    canned ? h("h2", { text: tr("canned") }) : null,
    canned,
  );
}

function fillCanned(reply: Canned, c: ConversationSummary) {
  const text = reply.text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) =>
    key === "name" ? (c.customer?.name ?? "") : key === "order" ? (state.orders[0]?.number ?? "") : key === "agent" ? state.agent!.name : "",
  );
  const box = document.querySelector<HTMLTextAreaElement>(".composer textarea");
  if (box) {
    box.value = text;
    box.focus();
  }
}

const money = (m: { amount: number; currency: string }) => new Intl.NumberFormat(state.lang, { style: "currency", currency: m.currency }).format(m.amount / 100);
const since = (iso: string) => {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`;
};

function send(input: HTMLTextAreaElement) {
  const text = input.value.trim();
  if (!text || !state.selected) return;
  const event = state.noteMode ? "note:add" : "message:send";
  const payload = state.noteMode ? { conversationId: state.selected, text } : { conversationId: state.selected, clientMessageId: crypto.randomUUID(), text };
  socket?.emit(event, payload, (ack: { data?: ConsoleMessage; error?: { message: string } }) => {
    if (ack.error) alert(ack.error.message);
    else input.value = "";
  });
}

function act(event: string, extra: Record<string, string> = {}) {
  socket?.emit(event, { conversationId: state.selected, ...extra }, (ack: { error?: { message: string } }) => {
    if (ack.error) alert(ack.error.message);
  });
}

function open(id: string) {
  state.selected = id;
  state.typing = false;
  socket?.emit("conversation:open", { conversationId: id }, (ack: { data?: { conversation?: ConversationSummary; messages: ConsoleMessage[]; orders?: OrderSummary[]; canned?: Canned[] } }) => {
    if (!ack.data || state.selected !== id) return;
    state.opened = ack.data.conversation ?? null;
    state.messages = ack.data.messages;
    state.orders = ack.data.orders ?? [];
    state.canned = ack.data.canned ?? [];
    render();
    const last = state.messages.at(-1);
    if (last) socket?.emit("message:read", { conversationId: id, seq: last.seq });
  });
  render();
}

function connect() {
  socket?.disconnect();
  socket = io("/console", { auth: { token: state.token }, transports: ["websocket", "polling"] });
  // A link from the dashboard (/console#conversation=ID) opens that conversation.
  socket.once("connect", () => {
    const linked = /^#conversation=([\w-]{1,64})$/.exec(location.hash)?.[1];
    if (linked) open(linked);
  });
  socket.on("connect_error", (err) => {
    if (/auth/.test(err.message)) signOut();
  });
  socket.on("queue:updated", ({ conversations }: { conversations: ConversationSummary[] }) => {
    state.conversations = conversations;
    render();
  });
  socket.on("conversation:queued", () => beep());
  socket.on("agents:updated", ({ agents }: { agents: AgentView[] }) => {
    state.agents = agents;
    render();
  });
  socket.on("message:new", (m: ConsoleMessage) => {
    if (m.conversationId !== state.selected || state.messages.some((x) => x.id === m.id)) return;
    state.messages.push(m);
    if (m.role === "shopper") state.typing = false;
    render();
    socket?.emit("message:read", { conversationId: m.conversationId, seq: m.seq });
  });
  socket.on("message:read", (e: { conversationId: string; seq: number; by: string }) => {
    const c = state.conversations.find((x) => x.id === e.conversationId);
    if (!c || e.by !== "shopper") return;
    c.shopperReadSeq = Math.max(c.shopperReadSeq, e.seq);
    if (e.conversationId === state.selected) render();
  });
  socket.on("typing", (e: { conversationId: string; role: string; isTyping: boolean }) => {
    if (e.conversationId !== state.selected || e.role !== "shopper") return;
    state.typing = e.isTyping;
    render();
  });
}

/** A short tone for a newly queued chat (browsers allow it after the agent's first click). */
function beep() {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = 880;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.12);
  } catch {
    // no audio: the title badge still shows the count
  }
}

function signOut() {
  socket?.disconnect();
  state.token = null;
  state.agent = null;
  sessionStorage.removeItem("console.token");
  sessionStorage.removeItem("console.agent");
  render();
}

if (state.token) connect();
render();
setInterval(() => state.conversations.some((c) => c.status === "queued") && render(), 15_000);
