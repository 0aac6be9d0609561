import type { Locale } from "../../bot/locales/locales.ts";
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

const words = {
  en: {
    title: "Pay for your order",
    order: "Order",
    subtotal: "Items",
    shipping: "Shipping",
    free: "free",
    discount: "Discount",
    total: "To pay",
    payBy: "Pay before",
    scan: "Scan with your phone to pay there",
    pay: "Pay",
    fail: "Fail",
    sandbox: "Sandbox: no real money moves. Pay sends the shop a signed payment notification; Fail sends a failed one.",
    succeeded: "Paid, thank you! You can go back to the chat.",
    failed: "The payment failed. Go back to the chat to try again.",
    expired: "This payment has expired: the order was not paid in time.",
    refunded: "This payment was refunded.",
    closed: "This order can no longer be paid.",
    other: "This payment is made with the provider's own page:",
    wechat: "Open WeChat and scan the code above to pay.",
    language: "中文",
  },
  "zh-CN": {
    title: "订单付款",
    order: "订单",
    subtotal: "商品金额",
    shipping: "运费",
    free: "包邮",
    discount: "优惠",
    total: "应付金额",
    payBy: "请在此时间前付款",
    scan: "用手机扫码付款",
    pay: "确认付款",
    fail: "模拟失败",
    sandbox: "沙箱环境：不会产生真实扣款。“确认付款”会向商店发送一条签名的支付通知，“模拟失败”发送失败通知。",
    succeeded: "已付款，谢谢！您可以回到聊天窗口。",
    failed: "付款失败，请回到聊天窗口重新付款。",
    expired: "此付款已过期：订单未在规定时间内付款。",
    refunded: "此付款已退款。",
    closed: "此订单已无法付款。",
    other: "此付款在支付平台的页面完成：",
    wechat: "请打开微信扫描上方二维码付款。",
    language: "English",
  },
} as const;

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const tone = { pending: "yellow", succeeded: "green", failed: "red", expired: "yellow", refunded: "blue", closed: "yellow" } as const;

export function renderPayPage(v: PayPageView): string {
  const t = words[v.locale];
  const other = v.locale === "en" ? "zh-CN" : "en";
  const lines = v.items.map((i) => `<li>${escape(i.name)} × ${i.quantity} <span>${escape(i.priceText)}</span></li>`).join("");
  const status =
    v.state === "pending"
      ? ""
      : `<p class="status ${tone[v.state]}" role="status" data-state="${v.state}">${escape(t[v.state])}</p>`;
  const actions =
    v.state !== "pending"
      ? ""
      : v.provider === "sandbox"
        ? `<form method="post" action="/pay/${escape(v.token)}/complete">
  <input type="hidden" name="lang" value="${v.locale}">
  <div class="actions"><button type="submit" name="outcome" value="succeeded" class="pay">${escape(t.pay)}</button>
  <button type="submit" name="outcome" value="failed" class="fail">${escape(t.fail)}</button></div>
  <p class="note">${escape(t.sandbox)}</p>
</form>`
        : v.provider === "wechatpay"
          ? `<p class="note">${escape(t.wechat)}</p>`
          : `<p>${escape(t.other)} <a href="${escape(v.payUrl)}" rel="noopener noreferrer">${escape(v.provider)}</a></p>`;
  return `<!doctype html>
<html lang="${v.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title)} · ${escape(v.shop)}</title>
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
<a class="lang" href="/pay/${escape(v.token)}?lang=${other}">${escape(t.language)}</a>
<h1>${escape(t.title)}</h1>
<p class="shop">${escape(v.shop)} · ${escape(t.order)} ${escape(v.orderNumber)}</p>
${v.error ? `<p class="status red" role="alert">${escape(v.error)}</p>` : ""}
${status}
<ul>${lines}</ul>
<dl>
<dt>${escape(t.subtotal)}</dt><dd>${escape(v.subtotalText)}</dd>
<dt>${escape(t.shipping)}</dt><dd>${escape(v.shippingText)}</dd>
${v.discountText ? `<dt>${escape(t.discount)}</dt><dd>-${escape(v.discountText)}</dd>` : ""}
<dt>${escape(t.total)}</dt><dd class="total" data-amount>${escape(v.amountText)}</dd>
</dl>
${v.state === "pending" ? `<p>${escape(t.payBy)}: <time>${escape(v.expiresAtText)}</time></p>` : ""}
${v.state === "pending" && v.qr ? `<img class="qr" src="${escape(v.qr)}" alt="${escape(t.scan)}"><p class="note" style="text-align:center">${escape(t.scan)}</p>` : ""}
${actions}
</main>
</body>
</html>`;
}
