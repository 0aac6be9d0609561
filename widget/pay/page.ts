import { LOCALES, type Locale } from "../../bot/locales/locales.ts";
import { translator } from "../shared/i18n.ts";
import en from "./locales/en.json" with { type: "json" };
import zhCN from "./locales/zh-CN.json" with { type: "json" };
/**
 * The sandbox provider's hosted pay page, rendered on the server as plain HTML. Every piece
 * of data goes through `escape` (no markup from data), and the page needs no script: Pay
 * and Fail are two submit buttons of one form.
 */
export interface PayPageView {
  locale: Locale;
  token: string;
  shop: string;
  orderNumber: string;
  items: { name: string; quantity: number; priceText: string }[];
  subtotalText: string;
  shippingText: string;
  discountText: string | null;
  amountText: string;
  expiresAtText: string;
  qr: string | null;
  /** pending: can pay; the rest show the outcome. */
  state: "pending" | "succeeded" | "failed" | "expired" | "refunded" | "closed";
  provider: string;
  payUrl: string;
  error?: string;
}

/** The page's words (widget/pay/locales), every key in every language. */
const RESOURCES: Record<Locale, typeof en> = { en, "zh-CN": zhCN };

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const tone = { pending: "yellow", succeeded: "green", failed: "red", expired: "yellow", refunded: "blue", closed: "yellow" } as const;

export function renderPayPage(v: PayPageView): string {
  const t = translator(RESOURCES, () => v.locale);
  // The link to the page in the next language, named in that language.
  const other = LOCALES[(LOCALES.indexOf(v.locale) + 1) % LOCALES.length]!;
  const lines = v.items.map((i) => `<li>${escape(i.name)} × ${i.quantity} <span>${escape(i.priceText)}</span></li>`).join("");
  const status =
    v.state === "pending"
      ? ""
      : `<p class="status ${tone[v.state]}" role="status" data-state="${v.state}">${escape(t(v.state))}</p>`;
  const actions =
    v.state !== "pending"
      ? ""
      : v.provider === "sandbox"
        ? `<form method="post" action="/pay/${escape(v.token)}/complete">
  <input type="hidden" name="lang" value="${v.locale}">
  <div class="actions"><button type="submit" name="outcome" value="succeeded" class="pay">${escape(t("pay"))}</button>
  <button type="submit" name="outcome" value="failed" class="fail">${escape(t("fail"))}</button></div>
  <p class="note">${escape(t("sandbox"))}</p>
</form>`
        : v.provider === "wechatpay"
          ? `<p class="note">${escape(t("wechat"))}</p>`
          : `<p>${escape(t("other"))} <a href="${escape(v.payUrl)}" rel="noopener noreferrer">${escape(v.provider)}</a></p>`;
  return `<!doctype html>
<html lang="${v.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t("title"))} · ${escape(v.shop)}</title>
<style>
body{font:15px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f1f5f9;color:#0f172a;margin:0;padding:24px}
main{max-width:420px;margin:0 auto;background:#fff;border-radius:14px;padding:20px 22px;box-shadow:0 8px 30px #0f172a1f}
h1{font-size:20px;margin:0 0 4px}.shop{color:#475569;margin:0 0 12px}
ul{list-style:none;padding:0;margin:8px 0}li{display:flex;justify-content:space-between;gap:8px}
dl{display:grid;grid-template-columns:1fr auto;gap:2px 12px;margin:8px 0;border-top:1px solid #e2e8f0;padding-top:8px}dd{margin:0;text-align:right}
.total{font-size:22px;font-weight:700}
.qr{display:block;width:180px;height:180px;margin:12px auto}
.actions{display:flex;gap:10px;margin-top:12px}
button{flex:1;font:inherit;font-weight:600;padding:10px;border-radius:10px;border:1px solid #cbd5e1;cursor:pointer;background:#fff}
button.pay{background:#15803d;color:#fff;border-color:#15803d}button.fail{color:#b91c1c;border-color:#b91c1c}
.note{color:#475569;font-size:12px}
.status{padding:10px 12px;border-radius:10px;font-weight:600}
.green{background:#dcfce7;color:#14532d}.yellow{background:#fef3c7;color:#713f12}.red{background:#fee2e2;color:#7f1d1d}.blue{background:#dbeafe;color:#1e3a8a}
.lang{float:right;font-size:13px}
</style>
</head>
<body>
<main>
<a class="lang" href="/pay/${escape(v.token)}?lang=${other}">${escape(RESOURCES[other].languageName)}</a>
<h1>${escape(t("title"))}</h1>
<p class="shop">${escape(v.shop)} · ${escape(t("order"))} ${escape(v.orderNumber)}</p>
${v.error ? `<p class="status red" role="alert">${escape(v.error)}</p>` : ""}
${status}
<ul>${lines}</ul>
<dl>
<dt>${escape(t("subtotal"))}</dt><dd>${escape(v.subtotalText)}</dd>
<dt>${escape(t("shipping"))}</dt><dd>${escape(v.shippingText)}</dd>
${v.discountText ? `<dt>${escape(t("discount"))}</dt><dd>-${escape(v.discountText)}</dd>` : ""}
<dt>${escape(t("total"))}</dt><dd class="total" data-amount>${escape(v.amountText)}</dd>
</dl>
${v.state === "pending" ? `<p>${escape(t("payBy"))}: <time>${escape(v.expiresAtText)}</time></p>` : ""}
${v.state === "pending" && v.qr ? `<img class="qr" src="${escape(v.qr)}" alt="${escape(t("scan"))}"><p class="note" style="text-align:center">${escape(t("scan"))}</p>` : ""}
${actions}
</main>
</body>
</html>`;
}
