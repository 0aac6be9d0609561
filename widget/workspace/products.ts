import { LOW_STOCK } from "../../api/contracts/stock.ts";
import { clear, h } from "../shared/dom.ts";
import { append } from "./dom.ts";
import { all, api, download } from "./api.ts";
import { csvLine, parseCsv } from "./csv.ts";
import { day, failure, toMajor, toMinor } from "./format.ts";
import { lang, t } from "./i18n.ts";
import { may } from "./session.ts";

interface Product {
  id: string;
  sku: string;
  name: { en?: string; "zh-CN"?: string };
  price: { amount: number; currency: string };
  stock: number;
  status: "active" | "delisted";
  imageUrl: string | null;
  tags: string[];
  /** The demand forecast (GET /products, active products): yellow when it runs out within the restock lead time. */
  forecast?: { weeklyDemand: number; daysOfStockLeft: number | null; restockBy: string | null; warning: boolean } | null;
}

const COLUMNS = ["sku", "name_en", "name_zh", "price", "currency", "stock", "status", "tags", "imageUrl"] as const;
const filters = { q: "", status: "", lowStock: false, runningOut: false };
const nameOf = (p: Product) => p.name[lang()] ?? p.name.en ?? p.name["zh-CN"] ?? p.sku;

/** A product the forecast says runs out before a restock ordered today arrives: when, and by when to order (a warning, yellow). */
function restockBadge(f: NonNullable<Product["forecast"]>, stock: number) {
  const text = stock <= 0 || f.daysOfStockLeft === null || f.daysOfStockLeft < 1 || !f.restockBy ? t("products.runsOutNow") : t("products.runsOut", { days: Math.round(f.daysOfStockLeft), date: day(f.restockBy) });
  return h("span", { class: "badge yellow restock", text });
}

/** The catalog: search, inline price/stock/status, images, CSV in and out through the batch API, bulk delist, low stock. */
export async function productsSection(main: HTMLElement) {
  const selected = new Set<string>();
  const status = h("p", { role: "status", class: "status" });
  const report = h("div", { class: "import-report" });
  const body = h("tbody");
  const count = h("p", { class: "muted" });
  let products: Product[] = [];
  let next: string | null = null;
  const editable = may("catalog:write");

  const delistButton = h("button", { type: "button", disabled: true, onclick: () => void delist() });
  const refreshSelection = () => {
    delistButton.textContent = t("products.delistSelected", { count: selected.size });
    delistButton.disabled = selected.size === 0;
  };

  async function load(more = false) {
    const q = new URLSearchParams({ limit: "50" });
    if (filters.q) q.set("q", filters.q);
    if (filters.status) q.set("status", filters.status);
    if (filters.lowStock) q.set("lowStock", "true");
    if (filters.runningOut) q.set("runningOut", "true");
    if (more && next) q.set("cursor", next);
    const res = await api(`/products?${q}`);
    if (!res.ok) return void (status.textContent = failure(res));
    products = more ? [...products, ...res.body.data] : res.body.data;
    next = res.body.nextCursor;
    if (!more) selected.clear();
    draw();
  }

  function draw() {
    clear(body);
    for (const p of products) body.append(row(p));
    if (!products.length) body.append(h("tr", {}, h("td", { colspan: "8", text: t("none") })));
    count.textContent = t("products.count", { count: products.length });
    moreButton.hidden = !next;
    refreshSelection();
  }

  function row(p: Product) {
    const name = nameOf(p);
    const price = h("input", { type: "number", min: "0", step: "0.01", value: toMajor(p.price), "aria-label": t("products.priceOf", { name }), class: "num", disabled: !editable });
    const stock = h("input", { type: "number", min: "0", step: "1", value: String(p.stock), "aria-label": t("products.stockOf", { name }), class: "num", disabled: !editable });
    const state = h(
      "select",
      { "aria-label": t("products.statusOf", { name }), disabled: !editable },
      ...(["active", "delisted"] as const).map((s) => h("option", { value: s, selected: p.status === s, text: t(`status.${s}`) })),
    );
    const image = h("input", { type: "file", accept: "image/png,image/jpeg,image/webp", class: "visually-hidden", tabindex: "-1", "aria-hidden": "true", id: `img-${p.id}`, onchange: (e: Event) => void uploadImage(p, (e.target as HTMLInputElement).files?.[0]) });
    const low = p.status === "active" && p.stock <= LOW_STOCK;
    const runsOut = p.forecast?.warning ? restockBadge(p.forecast, p.stock) : null;
    return h(
      "tr",
      { class: low || runsOut ? "low" : "", "data-sku": p.sku, "data-restock": runsOut ? "warning" : undefined },
      h("td", {}, editable ? h("input", { type: "checkbox", "aria-label": t("products.select", { name }), checked: selected.has(p.id), onchange: (e: Event) => ((e.target as HTMLInputElement).checked ? selected.add(p.id) : selected.delete(p.id), refreshSelection()) }) : null),
      h(
        "td",
        { class: "thumb" },
        p.imageUrl ? h("img", { src: p.imageUrl, alt: name, width: "40", height: "40", loading: "lazy" }) : h("span", { class: "muted", text: t("products.noImage") }),
        editable ? h("button", { type: "button", class: "link small", text: t("products.image"), "aria-label": t("products.changeImage", { name }), onclick: () => image.click() }) : null,
        editable ? image : null,
      ),
      h("td", { class: "mono", text: p.sku }),
      h("td", {}, h("span", { text: name }), low ? h("span", { class: "badge yellow", text: t("products.lowStock") }) : null, runsOut),
      h("td", {}, price, " ", h("span", { class: "muted small", text: p.price.currency })),
      h("td", {}, stock),
      h("td", {}, state),
      h(
        "td",
        {},
        editable
          ? h("button", {
              type: "button",
              text: t("save"),
              "aria-label": t("products.saveRow", { name }),
              onclick: async () => {
                const amount = toMinor(price.value, p.price.currency);
                if (amount === null || !/^\d+$/.test(stock.value.trim())) return void (status.textContent = t("products.badRow"));
                const res = await api(`/products/${p.id}`, { method: "PATCH", body: { price: { amount, currency: p.price.currency }, stock: Number(stock.value), status: state.value } });
                if (!res.ok) return void (status.textContent = failure(res));
                Object.assign(p, res.body);
                status.textContent = t("products.savedRow", { name });
                draw();
              },
            })
          : null,
      ),
    );
  }

  async function uploadImage(p: Product, file: File | undefined) {
    if (!file) return;
    const dataUrl = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsDataURL(file);
    });
    const res = await api(`/products/${p.id}`, { method: "PATCH", body: { imageUrl: dataUrl } });
    status.textContent = res.ok ? t("products.savedRow", { name: nameOf(p) }) : failure(res);
    if (res.ok) Object.assign(p, res.body), draw();
  }

  async function delist() {
    const items = [...selected].map((id) => ({ op: "delist", ref: { id } }));
    const res = await api("/products/batch", { method: "POST", body: { items } });
    if (!res.ok) return void (status.textContent = failure(res));
    showReport(res.body.results.map((r: any, i: number) => ({ row: i + 1, sku: products.find((p) => p.id === items[i]!.ref.id)?.sku ?? "", op: "delisted", result: r })), res.body.summary);
    await load();
  }

  async function exportCsv() {
    const rows = await all<Product>("/products");
    const lines = [csvLine([...COLUMNS]), ...rows.map((p) => csvLine([p.sku, p.name.en ?? "", p.name["zh-CN"] ?? "", toMajor(p.price), p.price.currency, p.stock, p.status, p.tags.join(";"), p.imageUrl?.startsWith("data:") ? "" : (p.imageUrl ?? "")]))];
    download("products.csv", `${lines.join("\r\n")}\r\n`, "text/csv;charset=utf-8");
  }

  async function importCsv(file: File | undefined) {
    if (!file) return;
    const [header, ...rows] = parseCsv(await file.text());
    const col = (name: string) => header?.map((c) => c.trim().toLowerCase()).indexOf(name.toLowerCase()) ?? -1;
    if (!header || !rows.length || col("sku") < 0) return void (status.textContent = t("products.badCsv"));
    const existing = new Set((await all<Product>("/products")).map((p) => p.sku));
    const cell = (r: string[], name: string) => (col(name) >= 0 ? (r[col(name)] ?? "").trim() : "");
    const plan = rows.map((r, i) => {
      const sku = cell(r, "sku");
      const currency = cell(r, "currency") || "CNY";
      const fields: Record<string, unknown> = {};
      const name: Record<string, string> = {};
      if (cell(r, "name_en")) name.en = cell(r, "name_en");
      if (cell(r, "name_zh")) name["zh-CN"] = cell(r, "name_zh");
      if (Object.keys(name).length) fields.name = name;
      // A cell that is not a number goes through as text: the batch API rejects that row alone.
      if (cell(r, "price")) fields.price = { amount: toMinor(cell(r, "price"), currency) ?? cell(r, "price"), currency };
      if (cell(r, "stock")) fields.stock = /^\d+$/.test(cell(r, "stock")) ? Number(cell(r, "stock")) : cell(r, "stock");
      if (cell(r, "status")) fields.status = cell(r, "status");
      if (cell(r, "tags")) fields.tags = cell(r, "tags").split(/[;|]/).map((s) => s.trim()).filter(Boolean);
      if (cell(r, "imageurl")) fields.imageUrl = cell(r, "imageurl");
      const item = existing.has(sku) ? { op: "update", ref: { sku }, changes: fields } : { op: "create", product: { sku, ...fields } };
      return { row: i + 2, sku, op: existing.has(sku) ? "updated" : "created", item };
    });
    const res = await api("/products/batch", { method: "POST", body: { items: plan.map((p) => p.item) } });
    if (!res.ok) return void (status.textContent = failure(res));
    showReport(plan.map((p, i) => ({ ...p, result: res.body.results[i] })), res.body.summary);
    await load();
  }

  function showReport(lines: { row: number; sku: string; op: string; result: { ok: boolean; error?: { code: string; message: string } } }[], summary: { succeeded: number; failed: number }) {
    clear(report);
    report.append(
      h("h3", { text: t("products.importReport", { ok: summary.succeeded, failed: summary.failed }) }),
      h(
        "table",
        { class: "report-table" },
        h("tbody", {}, ...lines.map((l) => h("tr", { class: l.result.ok ? "ok" : "failed" }, h("td", { text: t("products.row", { row: l.row }) }), h("td", { class: "mono", text: l.sku }), h("td", { text: l.result.ok ? t(`products.${l.op}` as "products.created") : failure({ status: 400, body: { error: l.result.error } }) })))),
      ),
    );
    report.focus();
  }

  const search = h("input", { type: "search", value: filters.q, "aria-label": t("products.search"), placeholder: t("products.search"), oninput: (e: Event) => (filters.q = (e.target as HTMLInputElement).value) });
  const statusFilter = h(
    "select",
    { "aria-label": t("products.status"), onchange: (e: Event) => ((filters.status = (e.target as HTMLSelectElement).value), void load()) },
    h("option", { value: "", text: t("products.allStatuses") }),
    ...(["active", "delisted"] as const).map((s) => h("option", { value: s, selected: filters.status === s, text: t(`status.${s}`) })),
  );
  const lowStock = h("label", { class: "check" }, h("input", { type: "checkbox", checked: filters.lowStock, onchange: (e: Event) => ((filters.lowStock = (e.target as HTMLInputElement).checked), void load()) }), t("products.lowStockOnly"));
  const runningOut = h("label", { class: "check" }, h("input", { type: "checkbox", checked: filters.runningOut, onchange: (e: Event) => ((filters.runningOut = (e.target as HTMLInputElement).checked), void load()) }), t("products.runningOutOnly"));
  const moreButton = h("button", { type: "button", text: t("loadMore"), hidden: true, onclick: () => void load(true) });
  const fileInput = h("input", { type: "file", accept: ".csv,text/csv", id: "csv-import", class: "visually-hidden", tabindex: "-1", "aria-hidden": "true", onchange: (e: Event) => void importCsv((e.target as HTMLInputElement).files?.[0]).finally(() => ((e.target as HTMLInputElement).value = "")) });
  report.setAttribute("tabindex", "-1");

  append(
    main,
    h("h2", { text: t("nav.products") }),
    h(
      "form",
      { class: "toolbar", role: "search", onsubmit: (e: Event) => (e.preventDefault(), void load()) },
      search,
      statusFilter,
      lowStock,
      runningOut,
      h("button", { type: "submit", text: t("apply") }),
      h("span", { class: "spacer" }),
      h("button", { type: "button", text: t("products.export"), onclick: () => void exportCsv() }),
      editable ? h("button", { type: "button", text: t("products.import"), onclick: () => fileInput.click() }) : null,
      editable ? fileInput : null,
      editable ? delistButton : null,
    ),
    editable ? h("p", { class: "muted small", text: t("products.importHint") }) : null,
    status,
    report,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "grid-table" },
        h(
          "thead",
          {},
          h("tr", {}, h("th", { scope: "col" }, h("span", { class: "visually-hidden", text: t("products.selectCol") })), h("th", { scope: "col", text: t("products.image") }), h("th", { scope: "col", text: t("products.sku") }), h("th", { scope: "col", text: t("products.name") }), h("th", { scope: "col", text: t("products.priceCol") }), h("th", { scope: "col", text: t("products.stock") }), h("th", { scope: "col", text: t("products.status") }), h("th", { scope: "col" }, h("span", { class: "visually-hidden", text: t("save") }))),
        ),
        body,
      ),
    ),
    count,
    moreButton,
  );
  await load();
}
