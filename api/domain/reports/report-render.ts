import i18next from "i18next";
import { LOCALES, type Locale } from "../../contracts/common.ts";
import type { Report } from "../../contracts/reports.ts";
import { toCsv } from "../analytics/csv.ts";
import { PdfDocument } from "../shared/pdf/document.ts";
import en from "./locales/en.json" with { type: "json" };
import zhCN from "./locales/zh-CN.json" with { type: "json" };

type Key = keyof typeof en;

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
  lng: "en",
  fallbackLng: "en",
  initAsync: false,
  // Values go into text and CSV as they are; the HTML renderer escapes every string itself.
  interpolation: { escapeValue: false },
});

/** Labels, money, percentages and names of a report in its language. */
export function reportText(locale: Locale) {
  const t = i18n.getFixedT(locale);
  const tr = (key: Key, vars: Record<string, string | number> = {}) => t(key, vars);
  const money = (m: { amount: number; currency: string }) => new Intl.NumberFormat(locale, { style: "currency", currency: m.currency }).format(m.amount / 100);
  const pct = (v: number) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(v);
  const name = (n: unknown) => {
    const text = (n ?? {}) as Record<string, string | undefined>;
    return text[locale] ?? LOCALES.map((l) => text[l]).find((v) => v !== undefined) ?? "";
  };
  return { tr, money, pct, name };
}

/** The report as rows of section, metric, value (what the CSV and the printable page list). */
export function reportRows(report: Report): { section: string; rows: [string, string][] }[] {
  const { tr, money, pct, name } = reportText(report.locale);
  const d = report.data;
  const csat = d.satisfaction.csat;
  return [
    {
      section: tr("sales"),
      rows: [
        [tr("orders"), String(d.sales.orders)],
        [tr("paidOrders"), String(d.sales.paidOrders)],
        [tr("revenue"), money(d.sales.revenue)],
        [tr("averageOrder"), money(d.sales.averageOrder)],
        [tr("awaitingPayment"), String(d.sales.awaitingPayment)],
        [tr("failedPayments"), String(d.sales.failedPayments)],
        [tr("cancelled"), String(d.sales.cancelled)],
        ...d.sales.topProducts.map((p): [string, string] => [`${tr("topProducts")}: ${name(p.name)} (${p.sku})`, `${tr("quantity")} ${p.quantity} · ${money(p.revenue)}`]),
      ],
    },
    {
      section: tr("satisfaction"),
      rows: [
        [tr("csat"), csat.average === null ? tr("noRatings") : tr("csatValue", { average: csat.average, count: csat.count })],
        [tr("thumbs"), `${d.satisfaction.thumbs.up} / ${d.satisfaction.thumbs.down}`],
        [tr("lowRated"), String(d.satisfaction.complaints.lowRated)],
        ...d.satisfaction.complaints.tags.map((t): [string, string] => [`${tr("complaintTags")}: ${t.tag}`, String(t.count)]),
      ],
    },
    {
      section: tr("bot"),
      rows: [
        [tr("conversations"), String(d.bot.conversations)],
        [tr("containment"), pct(d.bot.containmentRate)],
        [tr("escalation"), pct(d.bot.escalationRate)],
      ],
    },
    { section: tr("gaps"), rows: d.knowledgeGaps.map((g): [string, string] => [g.question, tr("gapCount", { count: g.count })]) },
  ];
}

export function reportTitle(report: Report, shop: string) {
  const { tr } = reportText(report.locale);
  const range = tr("range", { from: report.from, to: report.to });
  const generated = `${tr("generated", { at: report.createdAt.slice(0, 16).replace("T", " ") })} UTC`;
  return { title: tr("title", { shop, period: tr(report.period) }), range, subtitle: `${range} · ${generated}` };
}

/** The report as a PDF file, drawn on the server (no browser): the printable page's content, in the report's language. */
export function reportPdf(report: Report, shop: string): Buffer {
  const { tr } = reportText(report.locale);
  const { title, subtitle } = reportTitle(report, shop);
  const pdf = new PdfDocument({ title, lang: report.locale, createdAt: new Date(report.createdAt) }).title(title).note(subtitle).heading(tr("summary")).paragraph(report.data.summary);
  for (const { section, rows } of reportRows(report)) {
    pdf.heading(section);
    if (rows.length) pdf.table(rows);
    else pdf.paragraph(tr("none"));
  }
  return pdf.toBuffer();
}

/** A spreadsheet-safe CSV (formula-looking cells neutralised by toCsv). */
export function reportCsv(report: Report): string {
  const { tr } = reportText(report.locale);
  const rows = reportRows(report).flatMap(({ section, rows }) => rows.map(([metric, value]) => [section, metric, value]));
  return toCsv([tr("section"), tr("metric"), tr("value")], [["", "period", `${report.from}..${report.to}`], ...rows]);
}

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A printable page (as the PDF shows it). Every string from data is escaped. */
export function reportHtml(report: Report, shop: string): string {
  const { tr } = reportText(report.locale);
  const { title, subtitle } = reportTitle(report, shop);
  const sections = reportRows(report)
    .map(({ section, rows }) => `<section><h2>${escape(section)}</h2>${rows.length ? `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escape(k)}</th><td>${escape(v)}</td></tr>`).join("")}</tbody></table>` : `<p>${escape(tr("none"))}</p>`}</section>`)
    .join("\n");
  return `<!doctype html>
<html lang="${escape(report.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>
body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#0f172a;max-width:48rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem;margin:0}h2{font-size:1.05rem;margin:1.5rem 0 .4rem;border-bottom:1px solid #cbd5e1}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e2e8f0;vertical-align:top}th{font-weight:500;width:60%}
.muted{color:#475569}@media print{body{margin:0}}
</style></head>
<body><main>
<h1>${escape(title)}</h1>
<p class="muted">${escape(subtitle)}</p>
<section><h2>${escape(tr("summary"))}</h2><p>${escape(report.data.summary)}</p></section>
${sections}
</main></body></html>`;
}
