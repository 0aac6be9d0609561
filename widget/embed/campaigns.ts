import type { Campaign, Claim } from "../../api/contracts/promotions.ts";
import { clear, h } from "../shared/dom.ts";
import { interpolate } from "../shared/i18n.ts";
import { icon } from "../shared/icons.ts";
import { strings, type WidgetLocale } from "./strings.ts";
import { formatMoney } from "../shared/money.ts";

/** How often the open widget asks again which campaigns run (there is no socket event for them). */
const REFRESH_MS = 60_000;
/** How many packets fall in the short rain when the banner appears. */
const DROPS = 10;

export interface RedPacketDeps {
  origin: string;
  locale: () => WidgetLocale;
  /** The widget session's token (the campaign endpoints are the shopper's). */
  token: () => Promise<string>;
}

type Outcome = { kind: "won"; claim: Claim } | { kind: "sold_out" | "ended" | "failed" };

/**
 * Red-packet rain in the widget: while the panel is open, a light banner for a running
 * campaign (its name, the time left, a "grab" button) and a short CSS-only rain of packets
 * that never takes a click (pointer-events none) and is skipped under prefers-reduced-motion.
 * A click claims once; the packet (code, value, minimum spend, expiry) is announced politely.
 * Every server text goes in as text; the banner goes when the campaign's time is up.
 */
export function redPackets(deps: RedPacketDeps) {
  const t = () => strings[deps.locale()];
  // Dismissed banners stay away for this tab's visit (a reload too), not forever.
  const dismissedKey = "shopchat:rp-dismissed";
  const dismissed = new Set<string>(readDismissed(dismissedKey));
  let campaign: Campaign | null = null;
  let outcome: Outcome | null = null;
  let busy = false;
  let tickTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshTimer: ReturnType<typeof setInterval> | undefined;

  const name = h("strong", { class: "rp-name" });
  const left = h("span", { class: "rp-left" });
  const grab = h("button", { type: "button", class: "rp-grab", onclick: () => void claim() });
  const dismiss = h("button", { type: "button", class: "rp-close", onclick: () => close() }, icon("close", { size: 14 }));
  const result = h("div", { class: "rp-result", role: "status", "aria-live": "polite" });
  const banner = h("section", { class: "rp", "aria-labelledby": "shopchat-rp-name", hidden: true }, h("div", { class: "rp-row" }, h("span", { class: "rp-text" }, name, left), grab, dismiss), result);
  name.id = "shopchat-rp-name";
  const rain = h("div", { class: "rp-rain", "aria-hidden": "true" });

  function close() {
    if (campaign) dismissed.add(campaign.id);
    try {
      sessionStorage.setItem(dismissedKey, JSON.stringify([...dismissed].slice(-20)));
    } catch {
      // storage refused (private mode): dismissed until the page goes
    }
    hide();
  }

  function hide() {
    campaign = null;
    outcome = null;
    banner.hidden = true;
    clear(result);
    clear(rain);
    clearTimeout(tickTimer);
  }

  function show(next: Campaign) {
    const fresh = campaign?.id !== next.id;
    campaign = next;
    if (fresh) {
      outcome = null;
      clear(result);
      fall();
    }
    banner.hidden = false;
    draw();
    tick();
  }

  /** A few packets fall once through the panel (CSS only; none under reduced motion). */
  function fall() {
    clear(rain);
    for (let i = 0; i < DROPS; i++) rain.append(h("i"));
    setTimeout(() => clear(rain), 4_000);
  }

  function tick() {
    clearTimeout(tickTimer);
    if (!campaign) return;
    const ms = Date.parse(campaign.endsAt) - Date.now();
    if (!(ms > 0)) return hide();
    left.textContent = ` · ${interpolate(t().rpEndsIn, { time: clock(ms) })}`;
    tickTimer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
  }

  function draw() {
    if (!campaign) return;
    name.textContent = campaign.name ?? t().rpTitle;
    grab.textContent = t().rpGrab;
    grab.hidden = outcome?.kind === "sold_out";
    grab.disabled = busy;
    dismiss.setAttribute("aria-label", t().rpDismiss);
    banner.setAttribute("aria-label", t().rpTitle);
    if (outcome) announce(outcome);
  }

  function announce(o: Outcome) {
    clear(result);
    const l = deps.locale();
    if (o.kind !== "won") {
      result.append(h("p", { text: o.kind === "sold_out" ? t().rpSoldOut : o.kind === "ended" ? t().rpEnded : t().rpFailed }));
      return;
    }
    const { claim: c } = o;
    const lines = [
      o.claim.repeated ? t().rpRepeated : interpolate(t().rpWon, { amount: money(c.amount.amount, c.amount.currency, l) }),
      interpolate(t().rpCode, { code: c.coupon.code }),
      c.coupon.minSpend ? interpolate(t().rpMinSpend, { amount: money(c.coupon.minSpend, c.amount.currency, l) }) : t().rpNoMinSpend,
      c.coupon.endsAt ? interpolate(t().rpValidUntil, { date: new Intl.DateTimeFormat(l, { dateStyle: "medium", timeStyle: "short" }).format(new Date(c.coupon.endsAt)) }) : "",
      t().rpHowTo,
    ];
    result.append(
      h(
        "div",
        { class: "rp-packet", "data-code": c.coupon.code },
        ...lines.filter(Boolean).map((text, i) => h(i === 0 ? "strong" : i === 1 ? "code" : "span", { text })),
      ),
    );
  }

  async function claim() {
    if (!campaign || busy) return;
    const id = campaign.id;
    busy = true;
    draw();
    let next: Outcome;
    try {
      const res = await fetch(`${deps.origin}/api/v1/widget/campaigns/${encodeURIComponent(id)}/claim`, { method: "POST", headers: { authorization: `Bearer ${await deps.token()}` } });
      const body = (await res.json().catch(() => ({}))) as Claim & { error?: { code?: string } };
      if (res.ok && body.coupon) next = { kind: "won", claim: body };
      else if (body.error?.code === "campaigns:sold_out") next = { kind: "sold_out" };
      else if (body.error?.code === "campaigns:not_running" || res.status === 404) next = { kind: "ended" };
      else next = { kind: "failed" };
    } catch {
      next = { kind: "failed" };
    }
    busy = false;
    if (campaign?.id !== id) return;
    outcome = next;
    draw();
  }

  /** Asks which campaigns run now; shows the first one the shopper has not dismissed. */
  async function refresh() {
    try {
      const res = await fetch(`${deps.origin}/api/v1/widget/campaigns`, { headers: { authorization: `Bearer ${await deps.token()}` } });
      if (!res.ok) return;
      const body = (await res.json()) as { data: Campaign[] };
      const next = body.data.find((c) => !dismissed.has(c.id) && Date.parse(c.endsAt) > Date.now());
      if (next) show(next);
      // Gone from the list (all claimed, or over): the banner goes, unless it shows this shopper's result.
      else if (campaign && !outcome) hide();
    } catch {
      // offline: the banner stays as it is and the next refresh tries again
    }
  }

  return {
    banner,
    rain,
    /** The panel opened: look now and every minute while it stays open. */
    start() {
      tick();
      void refresh();
      clearInterval(refreshTimer);
      refreshTimer = setInterval(() => void refresh(), REFRESH_MS);
    },
    stop() {
      clearInterval(refreshTimer);
      clearTimeout(tickTimer);
    },
    refresh,
    /** The language changed: redraw the banner's words. */
    relabel() {
      draw();
      tick();
    },
  };
}

function readDismissed(key: string): string[] {
  try {
    const ids: unknown = JSON.parse(sessionStorage.getItem(key) ?? "[]");
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** Minor units in the shop's currency, the way this language writes money ("¥8.00", "CN¥8.00"). */
export function money(minor: number, currency: string, locale: WidgetLocale) {
  return formatMoney({ amount: minor, currency }, locale);
}

/** Time left as a countdown: "4:05", "1:04:05"; over a day, days and hours. */
function clock(ms: number) {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (s >= 86_400) return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

/** The banner's and the rain's styles (inside the shadow root). Red on white meets WCAG AA. */
export const redPacketCss = (() => {
  let drops = "";
  for (let i = 0; i < DROPS; i++) drops += `.rp-rain i:nth-child(${i + 1}){left:${(i * 37 + 5) % 92}%;animation-delay:${((i * 7) % 10) / 6}s}`;
  return `
.rp{background:#fef2f2;color:#7f1d1d;border-bottom:1px solid #fecaca;padding:8px 10px 8px 12px;font-size:13px}
.rp[hidden],.rp button[hidden]{display:none}
.rp-row{display:flex;align-items:center;gap:8px}
.rp-text{flex:1;min-width:0}
.rp-grab{background:#b91c1c;color:#fff;border:none;border-radius:999px;padding:4px 12px;font:inherit;font-weight:600;cursor:pointer;white-space:nowrap}
.rp-grab:disabled{opacity:.7;cursor:progress}
.rp-close{background:transparent;border:none;color:inherit;cursor:pointer;padding:4px;border-radius:6px;display:grid;place-items:center}
.rp-result:empty{display:none}
.rp-result p{margin:6px 0 0}
.rp-packet{margin-top:6px;display:flex;flex-direction:column;gap:2px;border:1px dashed #b91c1c;border-radius:8px;padding:6px 8px;background:#fff}
.rp-packet code{font:600 14px ui-monospace,monospace;letter-spacing:.5px}
.rp-rain{position:absolute;inset:0;overflow:hidden;pointer-events:none;z-index:1}
.rp-rain i{position:absolute;top:-40px;width:18px;height:24px;border-radius:4px;background:#dc2626;box-shadow:inset 0 7px 0 -4px #fbbf24;opacity:.85;animation:rp-fall 2.6s linear forwards}
${drops}
@keyframes rp-fall{from{transform:translateY(0) rotate(-12deg)}to{transform:translateY(640px) rotate(18deg);opacity:0}}
@media (prefers-reduced-motion:reduce){.rp-rain{display:none}}
`;
})();
