import { h } from "../shared/dom.ts";

/**
 * The dashboard's growth panels, self-contained: restock warnings from the demand forecasts
 * (yellow: runs out within the lead time) and the greeting experiments with each variant's
 * rate and 95% interval. Fills itself once its data arrives; all text goes in as text.
 */
type Lang = "en" | "zh-CN";
type Api = (path: string) => Promise<any>;

const STRINGS = {
  en: {
    restock: "Restock warnings", restockHint: "Forecast from daily sales (Holt-Winters); lead time 14 days.", restockNone: "No product runs out within the lead time.",
    perWeek: "per week", daysLeft: "days of stock left", soldOut: "sold out", inStock: "in stock",
    experiments: "Experiments", experimentsNone: "No experiment yet: POST /api/v1/experiments.", sessions: "sessions", conversions: "conversions",
    winner: "Clear winner", noWinner: "No clear winner yet", running: "running", stopped: "stopped", loading: "Loading…", failed: "Could not load this panel; try again later.",
  },
  "zh-CN": {
    restock: "补货提醒", restockHint: "根据每日销量预测（Holt-Winters），到货周期 14 天。", restockNone: "到货周期内没有会售罄的商品。",
    perWeek: "件/周", daysLeft: "天后售罄", soldOut: "已售罄", inStock: "库存",
    experiments: "A/B 实验", experimentsNone: "暂无实验：POST /api/v1/experiments。", sessions: "会话", conversions: "转化",
    winner: "明确胜出", noWinner: "暂无明确胜出", running: "进行中", stopped: "已停止", loading: "加载中…", failed: "加载失败，请稍后再试。",
  },
} as const;

export function growthPanels(api: Api, lang: Lang): HTMLElement[] {
  const t = STRINGS[lang];
  const restock = h("section", { class: "card", "aria-label": t.restock, "data-panel": "restock" }, h("h2", { text: t.restock }), h("p", { class: "muted", text: t.loading }));
  const experiments = h("section", { class: "card", "aria-label": t.experiments, "data-panel": "experiments" }, h("h2", { text: t.experiments }), h("p", { class: "muted", text: t.loading }));
  // A failed load says so in its panel (and in the console) instead of staying on "Loading…".
  const failed = (section: HTMLElement, title: string) => (error: unknown) => {
    console.warn(`dashboard: ${title} failed to load`, error);
    section.replaceChildren(h("h2", { text: title }), h("p", { class: "error", role: "alert", text: t.failed }));
  };
  void fillRestock(restock, api, lang).catch(failed(restock, t.restock));
  void fillExperiments(experiments, api, lang).catch(failed(experiments, t.experiments));
  return [restock, experiments];
}

async function fillRestock(section: HTMLElement, api: Api, lang: Lang) {
  const t = STRINGS[lang];
  const res = await api("/analytics/forecasts?leadDays=14");
  const warned = (res.data ?? []).filter((f: any) => f.restockWarning);
  const body = warned.length
    ? h(
        "ul",
        { class: "restock" },
        ...warned.slice(0, 12).map((f: any) =>
          h(
            "li",
            { class: "yellow" },
            h("strong", { text: f.name?.[lang] ?? f.name?.en ?? f.sku }),
            h("span", { text: ` · ${f.sku} · ${t.inStock} ${f.stock} · ${f.weeklyDemand} ${t.perWeek} · ${f.stock === 0 ? t.soldOut : `${f.daysOfStockLeft} ${t.daysLeft}`}` }),
          ),
        ),
      )
    : h("p", { class: "muted", text: t.restockNone });
  section.replaceChildren(h("h2", { text: `${t.restock} (${warned.length})` }), h("p", { class: "muted", text: t.restockHint }), body);
}

async function fillExperiments(section: HTMLElement, api: Api, lang: Lang) {
  const t = STRINGS[lang];
  const list = (await api("/experiments")).data ?? [];
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const blocks = await Promise.all(
    list.slice(0, 5).map(async (e: any) => {
      const r = await api(`/experiments/${encodeURIComponent(e.id)}/results`);
      return h(
        "div",
        { class: "experiment" },
        h("h3", { text: `${e.key} · ${e.status === "running" ? t.running : t.stopped}` }),
        h(
          "ul",
          {},
          ...(r.variants ?? []).map((v: any) =>
            h("li", { class: r.winner === v.name ? "green" : "" }, `${v.name}: ${pct(v.rate)} [${pct(v.interval[0])}–${pct(v.interval[1])}] · ${v.conversions}/${v.sessions} ${t.conversions}/${t.sessions}`),
          ),
        ),
        h("p", { class: "muted", text: r.clear ? `${t.winner}: ${r.winner}` : t.noWinner }),
      );
    }),
  );
  section.replaceChildren(h("h2", { text: t.experiments }), ...(blocks.length ? blocks : [h("p", { class: "muted", text: t.experimentsNone })]));
}
