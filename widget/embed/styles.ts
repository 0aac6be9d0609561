/** The panel's styles, scoped by the shadow root. Colours meet WCAG AA on white. */
export function panelCss(color: string, textColor: string, side: "left" | "right") {
  return `
.panel{position:fixed;${side}:20px;bottom:88px;width:min(380px,calc(100vw - 40px));height:min(600px,calc(100vh - 120px));background:#fff;color:#0f172a;border-radius:14px;box-shadow:0 12px 40px #0f172a33;display:flex;flex-direction:column;overflow:hidden;z-index:2147483001;font:14px/1.45 system-ui,"PingFang SC","Microsoft YaHei",sans-serif}
.panel[hidden]{display:none}
@media (max-width:520px){.panel{inset:0;width:100vw;height:100vh;border-radius:0;bottom:0;${side}:0}}
.head{display:flex;align-items:center;gap:8px;padding:12px 14px;background:${color};color:${textColor}}
.head h2{font-size:15px;margin:0;flex:1}
.head img{width:28px;height:28px;border-radius:50%}
.head button{background:transparent;border:1px solid currentColor;color:inherit;border-radius:6px;padding:2px 8px;cursor:pointer;font:inherit}
.notice{background:#fef3c7;color:#713f12;padding:6px 12px;font-size:13px}
.notice[hidden]{display:none}
.log{flex:1;overflow:auto;margin:0;padding:12px;list-style:none;display:flex;flex-direction:column;gap:8px;background:#f8fafc}
.msg{max-width:85%;padding:8px 11px;border-radius:12px;background:#fff;border:1px solid #e2e8f0;white-space:pre-wrap;overflow-wrap:anywhere}
.msg.shopper{align-self:flex-end;background:${color};color:${textColor};border-color:transparent}
.msg.system{align-self:center;background:transparent;border:none;color:#475569;font-size:12px;text-align:center}
.msg.pending{opacity:.6}
.msg.draft{opacity:.85}
.who{display:block;font-size:11px;color:#475569;margin-bottom:2px}
.msg.shopper .who{color:inherit;opacity:.85}
.rate{display:flex;gap:6px;margin-top:6px}
.rate button,.chips button,.confirm button,.card button,.stars button{font:inherit;cursor:pointer;border-radius:999px;border:1px solid #cbd5e1;background:#fff;color:#0f172a;padding:3px 10px}
.rate button[aria-pressed=true]{background:#e0e7ff;border-color:#4338ca}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.cards{display:flex;gap:8px;overflow-x:auto;margin-top:6px}
.card{min-width:150px;max-width:170px;border:1px solid #e2e8f0;border-radius:10px;padding:8px;background:#fff;display:flex;flex-direction:column;gap:4px}
.card img{width:100%;aspect-ratio:1;object-fit:cover;border-radius:8px;background:#f1f5f9}
.price{font-weight:600}
.tone-green{color:#15803d}.tone-yellow{color:#a16207}.tone-red{color:#b91c1c}.tone-blue{color:#1d4ed8}
.order{border:1px solid #e2e8f0;border-left:5px solid #1d4ed8;border-radius:10px;padding:8px;margin-top:6px;background:#fff}
.order.green{border-left-color:#15803d}.order.yellow{border-left-color:#a16207}.order.red{border-left-color:#b91c1c}
.order ul{margin:4px 0;padding-left:16px}
.confirm{border:1px solid #c7d2fe;background:#eef2ff;border-radius:10px;padding:8px;margin-top:6px}
.confirm .actions{display:flex;gap:8px;margin-top:6px}
.confirm button.primary{background:${color};color:${textColor};border-color:transparent}
a{color:#1d4ed8}
.typing{padding:0 14px 4px;color:#475569;font-size:12px;min-height:18px;background:#f8fafc}
form{display:flex;gap:8px;padding:10px;border-top:1px solid #e2e8f0}
textarea{flex:1;resize:none;font:inherit;border:1px solid #cbd5e1;border-radius:8px;padding:8px;max-height:120px}
form button{background:${color};color:${textColor};border:none;border-radius:8px;padding:0 14px;cursor:pointer;font:inherit}
button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #4338ca;outline-offset:2px}
.stars{display:flex;gap:4px;margin-top:6px}
.pay{border:1px solid #e2e8f0;border-left:5px solid #1d4ed8;border-radius:10px;padding:8px;margin-top:6px;background:#fff;display:flex;flex-direction:column;gap:4px}
.pay.green{border-left-color:#15803d;background:#f0fdf4}.pay.yellow{border-left-color:#a16207}.pay.red{border-left-color:#b91c1c;background:#fef2f2}
.pay.yellow .left{color:#a16207;font-weight:600}
.pay .pay-status:empty{display:none}
.pay.green .pay-status{color:#15803d;font-weight:700}.pay.red .pay-status{color:#b91c1c;font-weight:700}.pay.yellow .pay-status{color:#a16207;font-weight:600}
.pay-button{align-self:flex-start;background:${color};color:${textColor};border-radius:999px;padding:5px 14px;text-decoration:none;font-weight:600}
.pay .qr{width:120px;height:120px;align-self:center}
.pay .scan{color:#475569;text-align:center}
.payment-status{font-weight:600;margin-top:4px}
`;
}
