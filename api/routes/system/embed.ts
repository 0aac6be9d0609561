import { translate } from "../../../bot/render.ts";
import { matchLocale } from "../../contracts/common.ts";
import { settingsOf } from "../../domain/merchants/settings.ts";
import { Hono } from "hono";
import type { PrismaClient } from "../../db/generated/client.ts";
import type { MerchantsService } from "../../domain/merchants/merchants.service.ts";
import type { AppBindings } from "../../http/bindings.ts";
import { errorBody } from "../../errors.ts";
import { escapeHtml } from "./help.ts";
import type { BrowserAssets } from "./assets.ts";

/**
 * The embeddable widget: /widget.js (launcher), /widget/app.js (the UI, on first open),
 * the public look of a shop's widget (/api/v1/widget/config) and a demo shop page (/demo).
 */
export function embedRoutes(prisma: PrismaClient, merchants: Pick<MerchantsService, "byWidgetKey">, assets: BrowserAssets) {
  const get = () => assets.embed();
  const script = (body: string, c: { header(name: string, value: string): void }) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=300");
    c.header("Access-Control-Allow-Origin", "*");
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    return body;
  };
  return new Hono<AppBindings>()
    .get("/widget.js", async (c) => c.body(script((await get()).loader, c)))
    .get("/widget/app.js", async (c) => c.body(script((await get()).app, c)))
    .get("/api/v1/widget/config", async (c) => {
      c.header("Access-Control-Allow-Origin", "*");
      const widgetKey = c.req.query("widgetKey") ?? "";
      const merchant = widgetKey ? await merchants.byWidgetKey(widgetKey) : null;
      if (!merchant) return c.json(errorBody("widget:unknown_key", "This widget key is not valid."), 404);
      return c.json(widgetConfig(merchant));
    })
    .get("/demo", async (c) => {
      const merchant = await prisma.merchant.findFirst({ orderBy: { createdAt: "asc" } });
      if (!merchant) return c.html("<p>No shop yet.</p>", 404);
      const products = await prisma.product.findMany({ where: { merchantId: merchant.id, status: "active" }, orderBy: { sku: "asc" }, take: 12 });
      const locale = c.req.query("locale") === "en" ? "en" : merchant.defaultLocale;
      const money = (amount: number) => new Intl.NumberFormat(locale, { style: "currency", currency: merchant.currency }).format(amount / 100);
      const cards = products
        .map((p) => {
          const name = (p.name as Record<string, string>)[locale] ?? (p.name as Record<string, string>).en ?? p.sku;
          const img = p.imageUrl && /^(data:image\/|\/media\/|https:\/\/)/.test(p.imageUrl) ? `<img src="${escapeHtml(p.imageUrl)}" alt="">` : "";
          return `<li>${img}<strong>${escapeHtml(name)}</strong><span>${escapeHtml(money(p.priceAmount))}</span></li>`;
        })
        .join("");
      return c.html(`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(merchant.name)} · demo shop</title>
<style>body{margin:0;font:16px/1.5 system-ui,"PingFang SC",sans-serif;color:#0f172a;background:#fff}header{padding:1rem 2rem;background:#0f172a;color:#fff}main{padding:1.5rem 2rem}ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:1rem}li{border:1px solid #e2e8f0;border-radius:10px;padding:.6rem;display:grid;gap:.25rem}img{width:100%;border-radius:8px}
/* The host page's own styles must not leak into the widget (and the widget's not into the page). */
button{background:hotpink!important;font-size:40px!important}</style>
</head><body><header><h1>${escapeHtml(merchant.name)}</h1></header>
<main><p>${escapeHtml(translate(matchLocale(locale) ?? "en", "demo_page_hint"))}</p><ul>${cards}</ul></main>
<script src="/widget.js" data-widget-key="${escapeHtml(merchant.widgetKey)}" data-locale="${locale}" async></script>
</body></html>`);
    });
}

export function widgetConfig(merchant: { name: string; locales: string[]; defaultLocale: string; settings: unknown }) {
  const settings = settingsOf(merchant.settings).widget;
  const color = settings.color ?? "#1d4ed8";
  return {
    name: merchant.name,
    locales: merchant.locales,
    defaultLocale: merchant.defaultLocale,
    theme: {
      color,
      textColor: readableOn(color),
      position: settings.position ?? "right",
      title: settings.title ?? {},
      avatar: settings.avatar ?? null,
    },
  };
}

/** Black or white text, whichever has the higher WCAG contrast on the brand colour. */
export function readableOn(hex: string): "#000000" | "#ffffff" {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#000000" : "#ffffff";
}
