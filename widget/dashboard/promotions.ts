import { h } from "../shared/dom.ts";
import type { PromotionsReport } from "../../api/contracts/promotions.ts";
import { duration, type Vars } from "../shared/i18n.ts";
import { money, pct } from "./format.ts";
import { lang, tr, type Key } from "./i18n.ts";

/**
 * The promotion tiles: the VIP tier (how many, their share of the period's revenue, the top
 * spenders), red-packet campaigns running now (claimed, left, time left) and coupon use
 * (uses, discount given, top codes), all from GET /analytics/promotions. Each panel fills
 * itself when the numbers arrive; every number also sits in a data-value (minor units or the
 * raw share) and all text goes in as text.
 */
type Api = (path: string) => Promise<any>;

const t = (key: string, vars?: Vars) => tr(`promo_${key}` as Key, vars);

function stat(field: string, label: string, value: string, raw: number) {
  return h("div", { class: "tile plain", "data-field": field, "data-value": raw }, h("span", { class: "label", text: label }), h("strong", { text: value }));
}

export function promotionPanels(api: Api, period: { from: string; to: string }): HTMLElement[] {
  const panel = (name: string) => h("section", { class: "card promo", "aria-label": t(name), "data-panel": name }, h("h2", { text: t(name) }), h("p", { class: "muted", text: t("loading") }));
  const vip = panel("vip");
  const campaigns = panel("campaigns");
  const coupons = panel("coupons");
  const panels = [vip, campaigns, coupons];
  api(`/analytics/promotions?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`)
    .then((report: PromotionsReport & { error?: unknown }) => {
      if (!report || report.error) throw new Error("promotions report failed");
      fillVip(vip, report);
      fillCampaigns(campaigns, report);
      fillCoupons(coupons, report);
    })
    .catch((error: unknown) => {
      console.warn("dashboard: promotions failed to load", error);
      for (const [i, name] of ["vip", "campaigns", "coupons"].entries()) panels[i]!.replaceChildren(h("h2", { text: t(name) }), h("p", { class: "error", role: "alert", text: t("failed") }));
    });
  return panels;
}

function fillVip(section: HTMLElement, r: PromotionsReport) {
  const v = r.vip;
  const hint = v.threshold ? t("vipHint", { amount: money(v.threshold.amount, v.threshold.currency) }) : t("vipNoThreshold");
  section.replaceChildren(
    h("h2", { text: t("vip") }),
    h("p", { class: "muted", text: hint }),
    h(
      "div",
      { class: "mini-tiles" },
      stat("vipCustomers", t("vipCustomers"), String(v.customers), v.customers),
      stat("vipRevenueShare", t("vipRevenueShare"), pct(v.revenueShare), v.revenueShare),
      stat("vipRevenue", t("vipRevenue"), money(v.revenue.amount, v.revenue.currency), v.revenue.amount),
    ),
    v.top.length
      ? h(
          "ol",
          { class: "top-vips", "aria-label": t("topVips") },
          ...v.top.map((c) =>
            h(
              "li",
              { "data-customer": c.id, "data-value": c.lifetimeSpend.amount },
              h("strong", { text: c.name ?? t("unnamed") }),
              ` · ${money(c.lifetimeSpend.amount, c.lifetimeSpend.currency)}`,
              c.accountManager ? ` · ${t("manager", { name: c.accountManager.name })}` : "",
            ),
          ),
        )
      : h("p", { class: "muted", text: t("noVips") }),
  );
}

function fillCampaigns(section: HTMLElement, r: PromotionsReport) {
  section.replaceChildren(
    h("h2", { text: `${t("campaigns")} (${r.campaigns.length})` }),
    r.campaigns.length
      ? h(
          "ul",
          { class: "campaigns" },
          ...r.campaigns.map((c) =>
            h(
              "li",
              { class: c.left === 0 ? "yellow" : "green", "data-campaign": c.id, "data-claimed": c.claimed, "data-left": c.left, "data-packets": c.packets },
              h("strong", { text: c.name ?? t("unnamedCampaign") }),
              h("span", { text: ` · ${t("claimed", { claimed: c.claimed, packets: c.packets })} · ${c.left === 0 ? t("soldOut") : t("left", { count: c.left })} · ${t("ends", { left: duration(c.secondsLeft, lang()) })}` }),
            ),
          ),
        )
      : h("p", { class: "muted", text: t("noCampaigns") }),
  );
}

function fillCoupons(section: HTMLElement, r: PromotionsReport) {
  const c = r.coupons;
  section.replaceChildren(
    h("h2", { text: t("coupons") }),
    h(
      "div",
      { class: "mini-tiles" },
      stat("redemptions", t("redemptions"), String(c.redemptions), c.redemptions),
      stat("discount", t("discount"), money(c.discount.amount, c.discount.currency), c.discount.amount),
      stat("couponRevenue", t("couponRevenue"), money(c.revenue.amount, c.revenue.currency), c.revenue.amount),
    ),
    c.topCodes.length
      ? h(
          "ol",
          { class: "top-codes", "aria-label": t("topCodes") },
          ...c.topCodes.map((code) =>
            h("li", { "data-code": code.code, "data-redemptions": code.redemptions, "data-value": code.discount.amount }, h("strong", { text: code.code }), ` · ${t("uses", { count: code.redemptions })} · ${t("off", { amount: money(code.discount.amount, code.discount.currency) })}`),
          ),
        )
      : h("p", { class: "muted", text: t("noCodes") }),
    ...(c.redPackets.redemptions ? [h("p", { class: "muted", "data-field": "redPackets", "data-value": c.redPackets.redemptions, text: t("redPackets", { count: c.redPackets.redemptions, amount: money(c.redPackets.discount.amount, c.redPackets.discount.currency) }) })] : []),
  );
}
