import { io, type Socket } from "socket.io-client";
import type { AgentView, ConversationSummary, CustomerStanding } from "../../api/contracts/realtime.ts";
import type { Message } from "../../api/contracts/widget.ts";
import { clear, h, linkButton } from "../shared/dom.ts";
import { orderTone } from "../../api/contracts/order-tone.ts";
import { riskReasonLabel } from "../../api/contracts/risk-reasons.ts";
import { duration } from "../shared/i18n.ts";
import { icon } from "../shared/icons.ts";
import { transcriptBlocks } from "./blocks.ts";
import { lang, nextLang, resources, setLang, tr, type Key } from "./i18n.ts";
import { shortcuts } from "./shortcuts.ts";
import { formatMoney } from "../shared/money.ts";

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
  /** The open conversation's customer: VIP tier, paid lifetime spend, account manager. */
  standing: null as CustomerStanding | null,
  typing: false,
  noteMode: false,
  error: "",
  /** Kept across renders so a failed sign-in does not wipe what was typed. */
  loginEmail: "",
  /** What the agent has typed per conversation: a re-render (a queue update) never loses it. */
  drafts: new Map<string, string>(),
};
let socket: Socket | null = null;
let typingTimer: ReturnType<typeof setTimeout> | undefined;
const root = document.getElementById("app")!;

/**
 * Draws the page from state. The element that had focus (found again by its data-focus
 * key) gets it back, with its caret, so live updates never pull a keyboard user away.
 */
function render() {
  document.documentElement.lang = lang();
  const active = document.activeElement as HTMLElement | null;
  const focusKey = active?.dataset.focus;
  const caret = active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement ? [active.selectionStart, active.selectionEnd] : null;
  clear(root);
  root.append(state.token && state.agent ? app() : login());
  if (focusKey) {
    const again = root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focusKey)}"]`);
    again?.focus();
    if (caret && (again instanceof HTMLTextAreaElement || again instanceof HTMLInputElement)) again.setSelectionRange(caret[0] ?? null, caret[1] ?? null);
  }
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
    "data-focus": "email",
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
  const button = linkButton(tr("language"), () => {
    setLang(nextLang());
    render();
  });
  button.setAttribute("lang", nextLang());
  button.setAttribute("title", tr("switchLanguage"));
  button.dataset.focus = "language";
  return button;
}

function app() {
  const me = state.agents.find((a) => a.id === state.agent!.id);
  const presence = h(
    "select",
    {
      "aria-label": tr("presence"),
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
  return h("div", { class: "layout" }, header, h("div", { class: "columns" }, sidebar(), conversationPane(), customerPane()), h("p", { class: "shortcuts", id: "shortcuts", text: tr("shortcuts") }));
}

function sidebar() {
  const mine = state.conversations.filter((c) => c.status === "assigned" && c.agentId === state.agent!.id);
  const waiting = state.conversations.filter((c) => c.status === "queued");
  const others = state.conversations.filter((c) => c.status === "assigned" && c.agentId !== state.agent!.id);
  const section = (title: string, items: ConversationSummary[], id: string) =>
    h("section", { "aria-label": title, "data-testid": id }, h("h2", { text: `${title} (${items.length})` }), items.length ? h("ul", {}, ...items.map(item)) : h("p", { class: "muted", text: tr("empty") }));
  return h("nav", { class: "sidebar", "aria-label": tr("queueList") }, section(tr("queue"), waiting, "queue"), section(tr("mine"), mine, "mine"), section(tr("others"), others, "others"));
}

/**
 * One queue entry, enough to triage without opening it: what the shopper last said, the
 * topic, their language, how long they have waited, VIP and priority.
 */
function item(c: ConversationSummary) {
  const who = c.customer?.name ?? c.customer?.email ?? tr("anonymous");
  const topic = c.topic ? c.topic.label[lang()] : c.handoffReason ? reason(c.handoffReason) : tr("noTopic");
  return h(
    "li",
    {},
    h(
      "button",
      {
        type: "button",
        class: `conv ${c.id === state.selected ? "active" : ""} ${c.priority > 0 ? "urgent" : ""}`,
        "data-conversation": c.id,
        "data-focus": `conv:${c.id}`,
        "aria-current": c.id === state.selected ? "true" : undefined,
        "aria-describedby": "shortcuts",
        onclick: () => open(c.id),
      },
      h("span", { class: "topic", "data-field": "topic", text: topic }),
      h(
        "span",
        { class: "badges" },
        h("span", { class: "badge lang", "data-field": "language", title: tr("conversationLanguage"), text: tr(`lang_${c.locale}` as Key) }),
        c.customer?.vip ? h("span", { class: "badge vip", "data-field": "vip", text: tr("vip") }) : null,
        c.priority > 0 ? h("span", { class: "badge", "data-field": "priority", text: tr("priority", { n: c.priority }) }) : null,
      ),
      h("span", { class: "preview", "data-field": "preview", text: c.preview?.text ?? tr("noPreview") }),
      h("span", { class: "who", text: who }),
      c.status === "queued" ? h("span", { class: "wait", "data-field": "wait", text: tr("waiting", { time: since(c.waitingSince) }) }) : null,
    ),
  );
}

const reason = (code: string) => (`reason_${code}` in REASONS ? tr(`reason_${code}` as Key) : code);
const REASONS = { reason_requested: 1, reason_complaint: 1, reason_negative_sentiment: 1, reason_fallback: 1 };

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
  const log = h("ol", { class: "messages", role: "log", "aria-live": "polite", "aria-label": tr("transcript"), tabindex: 0 }, ...state.messages.map(bubble));
  const input = h("textarea", {
    rows: 2,
    "data-focus": `reply:${c.id}`,
    "aria-describedby": "shortcuts",
    oninput: (e: Event) => state.drafts.set(c.id, (e.target as HTMLTextAreaElement).value),
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
  input.value = state.drafts.get(c.id) ?? "";
  const composer = h(
    "form",
    { class: `composer ${state.noteMode ? "note" : ""}`, onsubmit: (e: Event) => (e.preventDefault(), send(input)) },
    h("label", {}, h("input", { type: "checkbox", checked: state.noteMode, onchange: () => ((state.noteMode = !state.noteMode), render()) }), ` ${tr("note")}`),
    input,
    h("button", { type: "submit", "data-action": "send", text: state.noteMode ? tr("addNote") : tr("send") }),
  );
  queueMicrotask(() => log.lastElementChild?.scrollIntoView({ block: "end" }));
  return h("section", { class: "conversation", "aria-label": tr("transcript") }, actions, log, state.typing ? h("p", { class: "typing", text: tr("typing") }) : null, composer);
}

function bubble(m: ConsoleMessage) {
  const label = m.internal ? tr("noteLabel") : m.role === "agent" ? tr("you") : tr(m.role as Key);
  const readUpTo = state.conversations.find((c) => c.id === m.conversationId)?.shopperReadSeq ?? 0;
  const seen = m.role === "agent" && !m.internal && m.seq <= readUpTo;
  return h(
    "li",
    { class: `msg ${m.role} ${m.internal ? "internal" : ""}`, "data-seq": m.seq },
    h("span", { class: "meta", text: `${label} · ${new Date(m.createdAt).toLocaleTimeString(lang())}` }),
    h("p", { text: m.text }),
    ...transcriptBlocks(m.blocks as { type: string }[] | undefined),
    seen ? h("span", { class: "seen" }, icon("check", { size: 12 }), ` ${tr("read")}`) : null,
  );
}

/** A held order shows why, in red (risk scoring: api/domain/risk). */
function heldReasons(o: OrderSummary) {
  if (o.status !== "on_hold" || !o.risk) return null;
  return h("span", { class: "risk", "data-risk": o.risk.level, text: `${tr("onHold")} (${o.risk.score}): ${o.risk.reasons.map((r) => riskReasonLabel(r, lang())).join(tr("listSeparator"))}` });
}

function customerPane() {
  const c = current();
  if (!c) return h("aside", { class: "customer" });
  const orders = state.orders.length
    ? h("ul", { class: "orders" }, ...state.orders.map((o) => h("li", { class: `order ${orderTone(o)}`, "data-tone": orderTone(o) }, h("strong", { text: o.number }), h("span", { text: o.lastPayment === "failed" && o.status === "pending_payment" ? `${status(o.status)} · ${status("payment_failed")}` : status(o.status) }), h("span", { text: money(o.total) }), heldReasons(o))))
    : h("p", { class: "muted", text: tr("noOrders") });
  const canned = state.canned.length
    ? h("ul", { class: "canned" }, ...state.canned.map((r) => h("li", {}, h("button", { type: "button", class: "link", text: r.title, onclick: () => fillCanned(r, c) }))))
    : null;
  return h(
    "aside",
    { class: "customer", "aria-label": tr("customer") },
    h("h2", { text: tr("customer") }),
    h("p", { text: c.customer?.name ?? tr("anonymous") }, isVip(c) ? h("span", { class: "badge vip", "data-field": "tier", text: tr("vip") }) : null),
    c.customer?.email ? h("p", { class: "muted", text: c.customer.email }) : null,
    standingList(c),
    h("dl", {}, h("dt", { text: tr("topic") }), h("dd", { text: c.topic ? c.topic.label[lang()] : tr("noTopic") }), h("dt", { text: tr("conversationLanguage") }), h("dd", { text: tr(`lang_${c.locale}` as Key) })),
    h("h2", { text: tr("orders") }),
    orders,
    canned ? h("h2", { text: tr("canned") }) : null,
    canned,
  );
}

/** The opened conversation's standing, once it arrived for this customer (a stale one is ignored). */
const standingOf = (c: ConversationSummary) => (c.customer && state.opened?.customer?.id === c.customer.id ? state.standing : null);
const isVip = (c: ConversationSummary) => (standingOf(c)?.tier ?? (c.customer?.vip ? "vip" : "regular")) === "vip";

/** Tier, paid lifetime spend and the account manager, for a known customer. */
function standingList(c: ConversationSummary) {
  const s = standingOf(c);
  if (!s) return null;
  return h(
    "dl",
    { class: "standing", "data-tier": s.tier },
    h("dt", { text: tr("tier") }),
    h("dd", { "data-field": "tierName", text: tr(s.tier === "vip" ? "tier_vip" : "tier_regular") }),
    h("dt", { text: tr("lifetimeSpend") }),
    h("dd", { "data-field": "lifetimeSpend", "data-value": s.lifetimeSpend.amount, text: money(s.lifetimeSpend) }),
    h("dt", { text: tr("accountManager") }),
    h("dd", { "data-field": "accountManager", text: s.accountManager?.name ?? tr("noAccountManager") }),
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

/** An order status in the console's language (an unknown one as it is). */
const status = (code: string) => (`status_${code}` in resources.en ? tr(`status_${code}` as Key) : code);
const money = (m: { amount: number; currency: string }) => formatMoney(m, lang());
/** How long ago, in the console's language ("4 min", "4分钟"). */
const since = (iso: string) => duration(Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000)), lang());

function send(input: HTMLTextAreaElement) {
  const text = input.value.trim();
  if (!text || !state.selected) return;
  const event = state.noteMode ? "note:add" : "message:send";
  const payload = state.noteMode ? { conversationId: state.selected, text } : { conversationId: state.selected, clientMessageId: crypto.randomUUID(), text };
  socket?.emit(event, payload, (ack: { data?: ConsoleMessage; error?: { message: string } }) => {
    if (ack.error) alert(tr("failed", { message: ack.error.message }));
    else {
      input.value = "";
      state.drafts.delete(payload.conversationId);
    }
  });
}

function act(event: string, extra: Record<string, string> = {}) {
  socket?.emit(event, { conversationId: state.selected, ...extra }, (ack: { error?: { message: string } }) => {
    if (ack.error) alert(tr("failed", { message: ack.error.message }));
  });
}

function open(id: string) {
  state.selected = id;
  state.typing = false;
  socket?.emit("conversation:open", { conversationId: id }, (ack: { data?: { conversation?: ConversationSummary; messages: ConsoleMessage[]; orders?: OrderSummary[]; canned?: Canned[]; customer?: CustomerStanding | null } }) => {
    if (!ack.data || state.selected !== id) return;
    state.opened = ack.data.conversation ?? null;
    state.messages = ack.data.messages;
    state.orders = ack.data.orders ?? [];
    state.canned = ack.data.canned ?? [];
    state.standing = ack.data.customer ?? null;
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

/** Keyboard shortcuts for triage: claim, next waiting, resolve, move in the list, reply. */
shortcuts({
  claim: () => state.selected && act("conversation:claim"),
  resolve: () => state.selected && act("conversation:resolve"),
  next: () => {
    const waiting = state.conversations.find((c) => c.status === "queued" && c.id !== state.selected) ?? state.conversations.find((c) => c.status === "queued");
    if (waiting) focusConversation(waiting.id);
  },
  move: (by) => {
    const ids = [...root.querySelectorAll<HTMLElement>("[data-conversation]")].map((el) => el.dataset.conversation!);
    if (ids.length === 0) return;
    const at = ids.indexOf(state.selected ?? "");
    focusConversation(ids[Math.min(ids.length - 1, Math.max(0, at + by))]!);
  },
  reply: () => root.querySelector<HTMLTextAreaElement>(".composer textarea")?.focus(),
});

function focusConversation(id: string) {
  open(id);
  root.querySelector<HTMLElement>(`[data-conversation="${CSS.escape(id)}"]`)?.focus();
}

if (state.token) connect();
render();
setInterval(() => state.conversations.some((c) => c.status === "queued") && render(), 15_000);
