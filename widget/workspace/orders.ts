import { orderTone, paymentFailed, paymentTone } from "../../api/contracts/order-tone.ts";
import { ORDER_STATUSES } from "../../api/contracts/order-statuses.ts";
import { riskReasonLabel } from "../../api/contracts/risk-reasons.ts";
import { clear, h } from "../shared/dom.ts";
import { append } from "./dom.ts";
import { api } from "./api.ts";
import { dateTime, failure, money } from "./format.ts";
import { hasKey, lang, t } from "./i18n.ts";
import { may } from "./session.ts";

interface Order {
  id: string;
  number: string;
  status: string;
  customer: { email: string; name: string | null; phone: string | null };
  items: { sku: string; name: { en?: string; "zh-CN"?: string }; quantity: number; unitPrice: { amount: number; currency: string } }[];
  subtotal: { amount: number; currency: string };
  shipping: { amount: number; currency: string };
  discount: { amount: number; currency: string };
  total: { amount: number; currency: string };
  payBy: string | null;
  shippingAddress: { name: string; phone: string; line1: string; city: string; country: string; [k: string]: string | undefined };
  note: string | null;
  history: { status: string; at: string; actor: string; note: string | null }[];
  risk: { score: number; level: "low" | "medium" | "high"; reasons: string[] };
  /** The latest payment attempt (GET /orders and GET /orders/{id}). */
  lastPayment?: { status: string; provider: string; failedAt: string | null; failureReason: string | null; at: string } | null;
  createdAt: string;
}

interface Payment {
  id: string;
  provider: string;
  status: string;
  amount: { amount: number; currency: string };
  refunded: { amount: number; currency: string };
  paidAt: string | null;
  failureReason: string | null;
  createdAt: string;
}

const filters = { status: "", email: "", number: "" };
const statusText = (s: string) => (hasKey(`orderStatus.${s}`) ? t(`orderStatus.${s}` as "orderStatus.paid") : s);

const paymentStatusText = (s: string) => (hasKey(`paymentStatus.${s}`) ? t(`paymentStatus.${s}` as "paymentStatus.failed") : s);
const providerText = (p: string) => (hasKey(`provider.${p}`) ? t(`provider.${p}` as "provider.sandbox") : p);
const reasonsText = (reasons: string[]) => reasons.map((r) => riskReasonLabel(r, lang())).join(t("listSeparator"));

/**
 * A status with its colour (the one rule in contracts/order-tone.ts) and its name, so colour is
 * never the only cue: an unpaid order whose last payment failed says so.
 */
export function statusChip(order: { status: string; payBy?: string | null; lastPayment?: { status: string } | null }) {
  const tone = orderTone(order);
  const text = paymentFailed(order) ? `${statusText(order.status)} · ${t("orders.paymentFailed")}` : statusText(order.status);
  return h("span", { class: `chip ${tone}`, "data-tone": tone, text });
}

/** Why risk scoring holds an order: its score and reasons, in the page's language. */
function heldFor(o: Order) {
  return h("span", { class: "risk small", text: t("orders.heldFor", { score: o.risk.score, reasons: reasonsText(o.risk.reasons) }) });
}

/** Orders: filters, colour-coded statuses, a detail with history, and edit/cancel/refund/ship. */
export async function ordersSection(main: HTMLElement) {
  const status = h("p", { role: "status", class: "status" });
  const body = h("tbody");
  const detail = h("section", { class: "detail card", hidden: true, tabindex: "-1", "aria-labelledby": "order-title" });
  const moreButton = h("button", { type: "button", text: t("loadMore"), hidden: true, onclick: () => void load(true) });
  let orders: Order[] = [];
  let next: string | null = null;
  // History names team members by id ("agent:<id>"); those who may read the team see their names.
  const names = new Map<string, string>();
  if (may("team:read")) for (const a of ((await api("/team")).body?.data ?? []) as { id: string; name: string }[]) names.set(`agent:${a.id}`, a.name);
  const actorName = (actor: string) => names.get(actor) ?? actor;

  async function load(more = false) {
    const q = new URLSearchParams({ limit: "30" });
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    if (more && next) q.set("cursor", next);
    const res = await api(`/orders?${q}`);
    if (!res.ok) return void (status.textContent = failure(res));
    orders = more ? [...orders, ...res.body.data] : res.body.data;
    next = res.body.nextCursor;
    clear(body);
    for (const o of orders) {
      body.append(
        h(
          "tr",
          { "data-status": o.status, "data-tone": orderTone(o) },
          h("td", {}, h("button", { type: "button", class: "link mono", text: o.number, "aria-label": t("orders.open", { number: o.number }), onclick: () => show(o) })),
          h("td", { class: "when", text: dateTime(o.createdAt) }),
          h("td", { text: o.customer.name ? `${o.customer.name} · ${o.customer.email}` : o.customer.email }),
          h("td", { class: "num", text: money(o.total) }),
          h("td", {}, statusChip(o), o.status === "on_hold" ? h("br") : null, o.status === "on_hold" ? heldFor(o) : null),
          h("td", { class: "num", text: String(o.items.reduce((n, i) => n + i.quantity, 0)) }),
        ),
      );
    }
    if (!orders.length) body.append(h("tr", {}, h("td", { colspan: "6", text: t("none") })));
    moreButton.hidden = !next;
  }

  async function act(order: Order, path: string, bodyJson: unknown, method = "POST") {
    const res = await api(`/orders/${order.id}${path}`, { method, body: bodyJson });
    if (!res.ok) return void (status.textContent = failure(res));
    const fresh = (await api(`/orders/${order.id}`)).body as Order;
    status.textContent = t("orders.done", { number: order.number });
    await load();
    show(fresh);
  }

  /** Every payment attempt of the order, newest first, each with its colour and outcome. */
  async function fillPayments(o: Order, list: HTMLElement) {
    const res = await api<{ data: Payment[] }>(`/orders/${o.id}/payments`);
    clear(list);
    if (!res.ok) return void list.append(h("li", { text: failure(res) }));
    const payments = [...res.body.data].reverse();
    if (!payments.length) return void list.append(h("li", { class: "muted", text: t("orders.noPayments") }));
    for (const p of payments) {
      const tone = paymentTone(p.status);
      list.append(
        h(
          "li",
          { "data-payment-status": p.status },
          h("span", { class: `chip ${tone}`, "data-tone": tone, text: paymentStatusText(p.status) }),
          " ",
          h("span", { text: t("orders.paymentLine", { provider: providerText(p.provider), amount: money(p.amount), at: dateTime(p.createdAt) }) }),
          p.failureReason ? h("span", { class: "muted", text: ` — ${p.failureReason}` }) : null,
        ),
      );
    }
  }

  function show(o: Order) {
    clear(detail);
    detail.hidden = false;
    const editable = may("orders:write");
    const payments = h("ul", { class: "payments", "aria-live": "polite" }, h("li", { class: "muted", text: t("loading") }));
    void fillPayments(o, payments);
    // A held order waits for a person: approve releases it to payment, reject cancels it.
    const review =
      o.status === "on_hold"
        ? h(
            "section",
            { class: "review", "aria-labelledby": "review-title" },
            h("h4", { id: "review-title", text: t("orders.review") }),
            h("p", { text: t("orders.heldFor", { score: o.risk.score, reasons: reasonsText(o.risk.reasons) }) }),
            editable
              ? h(
                  "div",
                  { class: "actions" },
                  h("button", { type: "button", class: "primary", text: t("orders.approve"), onclick: () => void act(o, "/review", { decision: "approve" }) }),
                  h("button", { type: "button", class: "danger", text: t("orders.reject"), onclick: () => void act(o, "/review", { decision: "reject" }) }),
                )
              : h("p", { class: "muted small", text: t("orders.reviewBySupervisor") }),
          )
        : null;
    const reason = h("input", { id: "order-reason", maxlength: "500" });
    const needReason = (fn: () => void) => () => (reason.value.trim() ? fn() : void (status.textContent = t("orders.reasonRequired")));
    const field = (key: "orders.recipient" | "orders.phone" | "orders.line1" | "orders.city", name: string) => {
      const id = `addr-${name}`;
      return [h("label", { for: id, text: t(key) }), h("input", { id, name, value: o.shippingAddress[name] ?? "", disabled: !editable })];
    };
    const note = h("textarea", { id: "order-note", rows: 2, disabled: !editable }, o.note ?? "");
    append(
      detail,
      h("div", { class: "detail-head" }, h("h3", { id: "order-title", text: t("orders.detail", { number: o.number }) }), statusChip(o), h("button", { type: "button", class: "link", text: t("orders.close"), onclick: () => (detail.hidden = true) })),
      review,
      h("p", { text: `${o.customer.name ?? ""} ${o.customer.email} ${o.customer.phone ?? ""}`.trim() }),
      o.status !== "on_hold" && o.risk.level !== "low" ? h("p", { class: "risk small", text: t("orders.riskNote", { score: o.risk.score, reasons: reasonsText(o.risk.reasons) }) }) : null,
      h("ul", { class: "items" }, ...o.items.map((i) => h("li", { text: `${i.quantity} × ${i.name[lang()] ?? i.name.en ?? i.sku} (${i.sku}) · ${money(i.unitPrice)}` }))),
      h(
        "dl",
        { class: "totals" },
        h("dt", { text: t("orders.subtotal") }), h("dd", { text: money(o.subtotal) }),
        h("dt", { text: t("orders.shipping") }), h("dd", { text: money(o.shipping) }),
        h("dt", { text: t("orders.discount") }), h("dd", { text: money(o.discount) }),
        h("dt", { text: t("orders.total") }), h("dd", { text: money(o.total) }),
      ),
      h("h4", { text: t("orders.payments") }),
      payments,
      h("h4", { text: t("orders.history") }),
      h("ol", { class: "history" }, ...o.history.map((e) => h("li", {}, statusChip({ status: e.status }), " ", h("span", { text: t("orders.historyLine", { at: dateTime(e.at), actor: actorName(e.actor) }) }), e.note ? h("span", { class: "muted", text: ` — ${e.note}` }) : null))),
      h(
        "form",
        {
          class: "edit-order",
          onsubmit: (e: Event) => {
            e.preventDefault();
            const form = e.target as HTMLFormElement;
            const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
            void act(o, "", { shippingAddress: { ...o.shippingAddress, name: value("name"), phone: value("phone"), line1: value("line1"), city: value("city") }, note: note.value.trim() || null }, "PATCH");
          },
        },
        h("fieldset", { disabled: !editable }, h("legend", { text: t("orders.address") }), ...field("orders.recipient", "name"), ...field("orders.phone", "phone"), ...field("orders.line1", "line1"), ...field("orders.city", "city"), h("label", { for: "order-note", text: t("orders.note") }), note, editable ? h("button", { type: "submit", text: t("orders.edit") }) : null),
      ),
      editable
        ? h(
            "div",
            { class: "actions" },
            h("label", { for: "order-reason", text: t("orders.reason") }),
            reason,
            o.status === "paid" ? h("button", { type: "button", text: t("orders.process"), onclick: () => void act(o, "/status", { status: "processing" }) }) : null,
            o.status === "processing" ? h("button", { type: "button", class: "primary", text: t("orders.ship"), onclick: () => void act(o, "/status", { status: "shipped" }) }) : null,
            ["pending_payment", "paid", "processing"].includes(o.status) ? h("button", { type: "button", class: "danger", text: t("orders.cancelOrder"), onclick: needReason(() => void act(o, "/cancel", { reason: reason.value.trim() })) }) : null,
            ["paid", "processing", "shipped", "delivered", "completed", "refund_requested"].includes(o.status) ? h("button", { type: "button", text: t("orders.refund"), onclick: needReason(() => void act(o, "/refunds", { reason: reason.value.trim() })) }) : null,
          )
        : null,
    );
    detail.focus();
  }

  const input = (key: "email" | "number", label: "orders.email" | "orders.number") =>
    h("input", { type: key === "email" ? "email" : "text", value: filters[key], placeholder: t(label), "aria-label": t(label), oninput: (e: Event) => (filters[key] = (e.target as HTMLInputElement).value.trim()) });
  main.append(
    h("h2", { text: t("nav.orders") }),
    h(
      "form",
      { class: "toolbar", role: "search", "aria-label": t("orders.filters"), onsubmit: (e: Event) => (e.preventDefault(), void load()) },
      h(
        "select",
        { "aria-label": t("orders.status"), onchange: (e: Event) => ((filters.status = (e.target as HTMLSelectElement).value), void load()) },
        h("option", { value: "", text: t("orders.allStatuses") }),
        ...ORDER_STATUSES.map((s) => h("option", { value: s, selected: filters.status === s, text: statusText(s) })),
      ),
      input("email", "orders.email"),
      input("number", "orders.number"),
      h("button", { type: "submit", text: t("apply") }),
    ),
    h("p", { class: "muted small", text: t("orders.legend") }),
    status,
    h(
      "div",
      { class: "split" },
      h(
        "div",
        { class: "table-wrap" },
        h("table", { class: "grid-table" }, h("thead", {}, h("tr", {}, ...(["orders.number", "orders.placed", "orders.customer", "orders.total", "orders.status", "orders.items"] as const).map((k) => h("th", { scope: "col", text: t(k) })))), body),
        moreButton,
      ),
      detail,
    ),
  );
  await load();
}
