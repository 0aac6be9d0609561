import { h } from "../shared/dom.ts";
import { lang, tr, type Key } from "./i18n.ts";

/**
 * The dashboard's growth panels, self-contained: restock warnings from the demand forecasts
 * (yellow: runs out within the lead time) and the greeting experiments (greeting, quick replies,
 * promotion) with their goal and each variant's rate and 95% interval. Fills itself once its data arrives; all text goes in as text.
 */
type Api = (path: string) => Promise<any>;

/** Strings: the dashboard's JSON resources (widget/dashboard/locales), keys growth_*. */
const t = (key: string) => tr(`growth_${key}` as Key);

export function growthPanels(api: Api): HTMLElement[] {
  const restock = h("section", { class: "card", "aria-label": t("restock"), "data-panel": "restock" }, h("h2", { text: t("restock") }), h("p", { class: "muted", text: t("loading") }));
  const experiments = h("section", { class: "card", "aria-label": t("experiments"), "data-panel": "experiments" }, h("h2", { text: t("experiments") }), h("p", { class: "muted", text: t("loading") }));
  // A failed load says so in its panel (and in the console) instead of staying on "Loading…".
  const failed = (section: HTMLElement, title: string) => (error: unknown) => {
    console.warn(`dashboard: ${title} failed to load`, error);
    section.replaceChildren(h("h2", { text: title }), h("p", { class: "error", role: "alert", text: t("failed") }));
  };
  void fillRestock(restock, api).catch(failed(restock, t("restock")));
  void fillExperiments(experiments, api).catch(failed(experiments, t("experiments")));
  return [restock, experiments];
}

async function fillRestock(section: HTMLElement, api: Api) {
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
            h("strong", { text: f.name?.[lang()] ?? f.name?.en ?? f.sku }),
            h("span", { text: ` · ${f.sku} · ${t("inStock")} ${f.stock} · ${f.weeklyDemand} ${t("perWeek")} · ${f.stock === 0 ? t("soldOut") : `${f.daysOfStockLeft} ${t("daysLeft")}`}` }),
          ),
        ),
      )
    : h("p", { class: "muted", text: t("restockNone") });
  section.replaceChildren(h("h2", { text: `${t("restock")} (${warned.length})` }), h("p", { class: "muted", text: t("restockHint") }), body);
}

async function fillExperiments(section: HTMLElement, api: Api) {
  const list = (await api("/experiments")).data ?? [];
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const blocks = await Promise.all(
    list.slice(0, 5).map(async (e: any) => {
      const r = await api(`/experiments/${encodeURIComponent(e.id)}/results`);
      return h(
        "div",
        { class: "experiment" },
        h("h3", { text: `${e.key} · ${e.status === "running" ? t("running") : t("stopped")} · ${t("goal")}: ${t(`goal_${e.goal}`)}` }),
        h(
          "ul",
          {},
          ...(r.variants ?? []).map((v: any) =>
            h("li", { class: r.winner === v.name ? "green" : "" }, `${v.name}: ${pct(v.rate)} [${pct(v.interval[0])}–${pct(v.interval[1])}] · ${v.conversions}/${v.sessions} ${t("conversions")}/${t("sessions")}`),
          ),
        ),
        h("p", { class: "muted", text: r.clear ? `${t("winner")}: ${r.winner}` : t("noWinner") }),
      );
    }),
  );
  section.replaceChildren(h("h2", { text: t("experiments") }), ...(blocks.length ? blocks : [h("p", { class: "muted", text: t("experimentsNone") })]));
}
