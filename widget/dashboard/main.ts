import { LOCALES, type Locale } from "../../api/contracts/common.ts";
import { clear, h, linkButton } from "../shared/dom.ts";
import { riskReasonLabel } from "../../api/contracts/risk-reasons.ts";
import { barChart, rankChart } from "./charts.ts";
import { growthPanels } from "./growth.ts";
import { money, pct } from "./format.ts";
import { promotionPanels } from "./promotions.ts";
import { icon } from "../shared/icons.ts";
import { lang, nextLang, setLang, tr, type Key } from "./i18n.ts";

/** The merchant dashboard: how the bot and the agents serve shoppers, what sold, what to fix next. */
const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const state = {
  token: sessionStorage.getItem("dashboard.token"),
  from: iso(new Date(Date.now() - 29 * DAY)),
  to: iso(new Date()),
  feedback: null as any,
  sales: null as any,
  /** Orders held by risk scoring (GET /risk/holds). */
  held: null as { data?: { id: string; number: string; total: { amount: number; currency: string }; risk: { score: number; reasons: string[] } }[] } | null,
  /** What the last approve/reject did, said once. */
  reviewed: "",
  error: "",
  email: "",
  notice: "",
  draftTitle: "",
  /** The language of the gap an article is being written for. */
  draftLocale: null as Locale | null,
};
const root = document.getElementById("app")!;

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(`/api/v1${path}`, { ...init, headers: { "content-type": "application/json", authorization: `Bearer ${state.token}`, ...(init.headers ?? {}) } });
  if (res.status === 401 || res.status === 403) {
    signOut();
    throw new Error("signed out");
  }
  return res.json();
}

async function load() {
  const q = `from=${state.from}&to=${state.to}`;
  [state.feedback, state.sales, state.held] = await Promise.all([api(`/analytics/feedback?${q}&locale=${lang()}`), api(`/analytics/sales?${q}`), api("/risk/holds")]);
  render();
}

function render() {
  document.documentElement.lang = lang();
  document.title = tr("title");
  clear(root);
  root.append(state.token ? dashboard() : login());
}

function login() {
  const email = h("input", { type: "email", placeholder: tr("email"), "aria-label": tr("email"), value: state.email, oninput: (e: Event) => (state.email = (e.target as HTMLInputElement).value) });
  const password = h("input", { type: "password", placeholder: tr("password"), "aria-label": tr("password") });
  return h(
    "main",
    { class: "center" },
    h(
      "form",
      {
        class: "login",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const res = await fetch("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: email.value, password: password.value }) });
          const body = res.ok ? await res.json() : null;
          if (!body || body.agent.role === "agent") {
            state.error = tr("badLogin");
            return render();
          }
          state.token = body.token;
          state.error = "";
          sessionStorage.setItem("dashboard.token", body.token);
          await load();
        },
      },
      h("h1", { text: tr("title") }),
      email,
      password,
      h("button", { type: "submit", text: tr("signIn") }),
      state.error ? h("p", { role: "alert", class: "error", text: state.error }) : null,
      langButton(),
    ),
  );
}

function langButton() {
  const button = linkButton(tr("language"), () => {
    setLang(nextLang());
    if (state.token) void load();
    else render();
  });
  button.setAttribute("lang", nextLang());
  button.setAttribute("title", tr("switchLanguage"));
  return button;
}


/** With a language model configured: how many messages it answered, and how often the engine had to step in. */
function modelTile(by: { local: number; model: number; fallback: number } | undefined) {
  const total = by ? by.local + by.model + by.fallback : 0;
  if (!by || by.model + by.fallback === 0) return [];
  const fallbackShare = by.fallback / (by.model + by.fallback);
  return [tile(tr("answeredByModel"), `${pct(by.model / total)} · ${tr("fallbacks")} ${pct(fallbackShare)}`, fallbackShare <= 0.05 ? "green" : fallbackShare <= 0.15 ? "yellow" : "red")];
}

function tile(label: string, value: string, tone: "green" | "yellow" | "red" | "plain") {
  return h("div", { class: `tile ${tone}` }, h("span", { class: "label", text: label }), h("strong", { text: value }));
}

function dashboard() {
  const f = state.feedback;
  const s = state.sales;
  const header = h(
    "header",
    {},
    h("h1", { text: tr("title") }),
    h(
      "form",
      { class: "range", onsubmit: (e: Event) => (e.preventDefault(), void load()) },
      h("label", {}, `${tr("from")} `, h("input", { type: "date", value: state.from, onchange: (e: Event) => (state.from = (e.target as HTMLInputElement).value) })),
      h("label", {}, `${tr("to")} `, h("input", { type: "date", value: state.to, onchange: (e: Event) => (state.to = (e.target as HTMLInputElement).value) })),
      h("button", { type: "submit", text: tr("apply") }),
    ),
    langButton(),
    linkButton(tr("signOut"), signOut),
  );
  if (!f || !s) return h("div", {}, header);
  const csat = f.csat.average as number | null;
  const tiles = h(
    "section",
    { class: "tiles" },
    tile(tr("csat"), csat === null ? "—" : `${csat}/5`, csat === null ? "plain" : csat >= 4 ? "green" : csat >= 3 ? "yellow" : "red"),
    tile(tr("containment"), pct(f.containmentRate), f.containmentRate >= 0.7 ? "green" : f.containmentRate >= 0.5 ? "yellow" : "red"),
    tile(tr("escalation"), pct(f.escalationRate), f.escalationRate <= 0.3 ? "green" : f.escalationRate <= 0.5 ? "yellow" : "red"),
    tile(tr("conversations"), String(f.conversations), "plain"),
    tile(tr("orders"), String(s.orders), "plain"),
    tile(tr("revenue"), money(s.revenue.amount, s.currency), "plain"),
    tile(tr("refunded"), money(s.refunded?.amount ?? 0, s.currency), "plain"),
    tile(tr("refundRequested"), String(s.refundRequested ?? 0), s.refundRequested ? "yellow" : "plain"),
    // Green completed, yellow a warning, red an error (the seed's colours).
    tile(tr("paidOrders"), String(s.paidOrders ?? 0), "green"),
    tile(tr("awaitingPayment"), String(s.awaitingPayment ?? 0), s.awaitingPayment ? "yellow" : "plain"),
    tile(tr("failedPayments"), String(s.failedPayments ?? 0), s.failedPayments ? "red" : "green"),
    tile(tr("lowStock"), String(s.lowStock ?? 0), s.lowStock ? "yellow" : "green"),
    ...modelTile(f.answeredBy),
  );
  const card = (title: string, ...body: (Node | null)[]) => h("section", { class: "card", "aria-label": title }, h("h2", { text: title }), ...body);
  const empty = () => h("p", { class: "muted", text: tr("none") });
  const trend = f.trend as { date: string; conversations: number; escalations: number; csat: number | null }[];
  return h(
    "div",
    {},
    header,
    h(
      "main",
      { class: "grid" },
      tiles,
      ...promotionPanels(api, { from: state.from, to: state.to }),
      card(tr("summary"), h("p", { class: "summary", text: f.summary.text }), h("p", { class: "muted", text: tr(f.summary.source === "model" ? "byModel" : "byRules") })),
      card(tr("csatTrend"), trend.some((d) => d.csat !== null) ? barChart(trend.filter((d) => d.csat !== null).map((d) => ({ label: d.date, value: d.csat! })), { title: tr("csatTrend"), color: "#15803d", format: (v) => v.toFixed(1) }) : empty()),
      card(tr("containmentTrend"), trend.length ? barChart(trend.map((d) => ({ label: d.date, value: d.conversations })), { title: tr("containmentTrend"), color: "#1d4ed8" }) : empty()),
      card(tr("escalations"), trend.length ? barChart(trend.map((d) => ({ label: d.date, value: d.escalations })), { title: tr("escalations"), color: "#b91c1c" }) : empty()),
      card(tr("intents"), f.topIntents.length ? rankChart(f.topIntents.slice(0, 10).map((i: { intent: string; label?: Record<string, string>; count: number }) => ({ label: i.label?.[lang()] ?? i.intent, value: i.count })), { title: tr("intents"), color: "#6d28d9" }) : empty()),
      card(tr("sales"), s.trend.length ? barChart(s.trend.map((t: { period: string; revenue: { amount: number } }) => ({ label: t.period, value: t.revenue.amount })), { title: tr("sales"), color: "#0f766e", format: (v) => money(v, s.currency) }) : empty()),
      card(tr("channels"), rankChart(Object.entries(s.byChannel as Record<string, { orders: number }>).map(([k, v]) => ({ label: k === "bot" || k === "api" ? tr(k) : k, value: v.orders })), { title: tr("channels"), color: "#a16207" })),
      card(
        tr("gaps"),
        h("p", { class: "muted", text: tr("gapsHint") }),
        f.knowledgeGaps.length ? h("div", {}, ...gapLists(f.knowledgeGaps)) : empty(),
      ),
      card(tr("tags"), f.complaintTags?.length ? rankChart(f.complaintTags.slice(0, 8).map((t: { tag: string; count: number }) => ({ label: t.tag, value: t.count })), { title: tr("tags"), color: "#b91c1c" }) : empty()),
      card(tr("lowRated"), f.lowRated.length ? h("ul", { class: "low" }, ...f.lowRated.map((l: { conversationId: string; csat: number | null; thumbs: string | null; comment: string | null; at: string }) => h("li", {}, l.csat ? h("span", { class: "score", "aria-label": tr("csatScore", { n: l.csat }) }, icon("star", { size: 14, filled: true }), String(l.csat)) : h("span", { class: "score", "aria-label": tr("thumbsDown") }, icon("thumbsDown", { size: 14 })), ` ${l.comment ?? ""} · ${new Date(l.at).toLocaleString(lang())} `, h("a", { href: `/console#conversation=${encodeURIComponent(l.conversationId)}`, text: tr("openConversation") })))) : empty()),
      card(tr("held"), h("p", { class: "muted", text: tr("heldHint") }), state.held?.data?.length ? h("ul", { class: "held" }, ...state.held.data.map((o) => h("li", { class: "order red", "data-tone": "red" }, h("strong", { text: o.number }), ` ${money(o.total.amount, o.total.currency)} · ${o.risk.score} · `, h("span", { class: "risk", text: o.risk.reasons.map((r) => riskReasonLabel(r, lang())).join(tr("listSeparator")) }), " ", reviewButton(o, "approve"), " ", reviewButton(o, "reject")))) : empty(), state.reviewed ? h("p", { role: "status", text: state.reviewed }) : null),
      card(tr("newArticle"), articleForm()),
      ...growthPanels(api),
    ),
  );
}

/** Approve (the shopper may pay) or reject (cancelled, stock released) a held order: POST /orders/:id/review. */
function reviewButton(o: { id: string; number: string }, decision: "approve" | "reject") {
  return h("button", {
    type: "button",
    class: decision === "reject" ? "danger" : "",
    text: tr(decision === "approve" ? "approveOrder" : "rejectOrder"),
    "aria-label": tr(decision === "approve" ? "approveOrderLabel" : "rejectOrderLabel", { number: o.number }),
    onclick: async () => {
      const res = await api(`/orders/${o.id}/review`, { method: "POST", body: JSON.stringify({ decision }) });
      state.reviewed = res.error ? res.error.message : tr("reviewed", { number: o.number, status: tr(decision === "approve" ? "approveOrder" : "rejectOrder") });
      await load();
    },
  });
}

interface Gap {
  question: string;
  count: number;
  locale: Locale;
  answered?: boolean;
  answeredBy?: { title: string } | null;
}

/** The gaps per language they were asked in; an answered one says which article answers it. */
function gapLists(gaps: Gap[]) {
  return LOCALES.filter((l) => gaps.some((g) => g.locale === l)).map((l) =>
    h(
      "section",
      { class: "gap-locale", "data-locale": l },
      h("h3", { text: tr("gapsIn", { language: tr(`lang_${l}` as Key) }) }),
      h(
        "ol",
        { class: "gaps" },
        ...gaps
          .filter((g) => g.locale === l)
          .map((g) =>
            h(
              "li",
              { class: g.answered ? "answered" : "open", lang: g.locale },
              h("span", { text: `${g.question} (${tr("times", { count: g.count })})` }),
              " ",
              g.answered
                ? h("span", { class: "done", lang: lang() }, icon("check", { size: 14 }), ` ${tr("gapAnswered", { title: g.answeredBy?.title ?? "" })}`)
                : h("button", { type: "button", class: "link", lang: lang(), text: tr("write"), onclick: () => ((state.draftTitle = g.question), (state.draftLocale = g.locale), render(), document.getElementById("article-title")?.focus()) }),
            ),
          ),
      ),
    ),
  );
}

function articleForm() {
  const title = h("input", { id: "article-title", "aria-label": tr("articleTitle"), placeholder: tr("articleTitle"), value: state.draftTitle });
  const body = h("textarea", { rows: 5, "aria-label": tr("articleBody"), placeholder: tr("articleBody") });
  return h(
    "form",
    {
      class: "article",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const slug = `faq-${Date.now().toString(36)}`;
        const res = await api("/knowledge/articles", { method: "POST", body: JSON.stringify({ slug, locale: state.draftLocale ?? (/[\u4e00-\u9fff]/.test(title.value) ? "zh-CN" : "en"), title: title.value, body: body.value }) });
        state.notice = res.error ? res.error.message : tr("saved");
        state.draftTitle = "";
        state.draftLocale = null;
        await load(); // the gap it answers is marked answered now
      },
    },
    title,
    body,
    h("button", { type: "submit", text: tr("save") }),
    state.notice ? h("p", { role: "status", text: state.notice }) : null,
  );
}

function signOut() {
  state.token = null;
  sessionStorage.removeItem("dashboard.token");
  render();
}

render();
if (state.token) void load();
