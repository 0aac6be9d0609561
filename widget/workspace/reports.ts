import { clear, h } from "../shared/dom.ts";
import { append } from "./dom.ts";
import { api, download } from "./api.ts";
import { dateTime, failure, money, percent } from "./format.ts";
import { t } from "./i18n.ts";
import { may } from "./session.ts";

interface Report {
  id: string;
  period: "weekly" | "monthly";
  from: string;
  to: string;
  trigger: "schedule" | "manual";
  createdAt: string;
  emailedTo: string[];
  data: { sales: { revenue: { amount: number; currency: string } }; satisfaction: { csat: { average: number | null; count: number } }; bot: { containmentRate: number } };
}

/** Reports: written on demand or on schedule, listed with their main figures, viewed, printed, downloaded as PDF or CSV. */
export async function reportsSection(main: HTMLElement) {
  const status = h("p", { role: "status", class: "status" });
  const body = h("tbody");
  const viewer = h("section", { class: "viewer", hidden: true, "aria-label": t("reports.frame") });
  const send = h("input", { type: "checkbox", id: "report-send" });

  async function load() {
    const res = await api("/reports?limit=50");
    if (!res.ok) return void (status.textContent = failure(res));
    clear(body);
    for (const r of res.body.data as Report[]) {
      const range = `${r.from} – ${r.to}`;
      body.append(
        h(
          "tr",
          { "data-report": r.id },
          h("td", { text: t(`reports.${r.period}`) }),
          h("td", {}, h("button", { type: "button", class: "link", text: range, "aria-label": t("reports.view", { range }), onclick: () => void view(r) })),
          h("td", { text: `${t(`reports.${r.trigger}`)}${r.emailedTo.length ? ` · ${t("reports.emailed", { count: r.emailedTo.length })}` : ""}` }),
          h("td", { text: dateTime(r.createdAt) }),
          h("td", { class: "num revenue", text: money(r.data.sales.revenue) }),
          h("td", { class: "num", text: r.data.satisfaction.csat.average === null ? "—" : `${r.data.satisfaction.csat.average}/5` }),
          h("td", { class: "num", text: percent(r.data.bot.containmentRate) }),
          h("td", { class: "downloads" }, ...(["pdf", "csv"] as const).map((format) => h("button", { type: "button", "data-format": format, text: t(`reports.${format}`), "aria-label": t("reports.downloadAs", { range, format: t(`reports.${format}`) }), onclick: () => void save(r, format) }))),
        ),
      );
    }
    if (!res.body.data.length) body.append(h("tr", {}, h("td", { colspan: "8", text: t("none") })));
  }

  /** The report's PDF (drawn by the server, in the shop's language) or CSV, saved as a file. */
  async function save(r: Report, format: "pdf" | "csv") {
    const res = await api(`/reports/${r.id}.${format}`);
    if (!res.ok) return void (status.textContent = failure(res));
    download(`report-${r.from}-${r.to}.${format}`, res.body, format === "pdf" ? "application/pdf" : "text/csv;charset=utf-8");
  }

  async function view(r: Report) {
    const res = await api(`/reports/${r.id}.html`);
    if (!res.ok) return void (status.textContent = failure(res));
    clear(viewer);
    viewer.hidden = false;
    // The server escaped every value; the frame is sandboxed (no scripts) all the same.
    const frame = h("iframe", { title: t("reports.frame"), sandbox: "allow-same-origin allow-modals", class: "report-frame" });
    frame.srcdoc = res.body;
    viewer.append(h("button", { type: "button", text: t("reports.print"), onclick: () => frame.contentWindow?.print() }), frame);
    frame.focus();
  }

  async function create(period: "weekly" | "monthly") {
    const res = await api("/reports", { method: "POST", body: { period, send: send.checked } });
    status.textContent = res.ok ? t("saved") : failure(res);
    if (res.ok) await load();
  }

  append(
    main,
    h("h2", { text: t("nav.reports") }),
    may("reports:write")
      ? h("div", { class: "toolbar" }, h("button", { type: "button", class: "primary", text: t("reports.weeklyNow"), onclick: () => void create("weekly") }), h("button", { type: "button", text: t("reports.monthlyNow"), onclick: () => void create("monthly") }), h("label", { class: "check", for: "report-send" }, send, t("reports.send")))
      : null,
    status,
    h(
      "div",
      { class: "table-wrap" },
      h("table", { class: "grid-table" }, h("thead", {}, h("tr", {}, ...(["reports.period", "reports.range", "reports.trigger", "reports.created", "reports.revenue", "reports.csat", "reports.containment", "reports.download"] as const).map((k) => h("th", { scope: "col", text: t(k) })))), body),
    ),
    viewer,
  );
  await load();
}
