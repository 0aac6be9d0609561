import { h, safeHref } from "../shared/dom.ts";
import { icon } from "../shared/icons.ts";
import { renderPayBlock, renderPaymentStatus } from "./pay.ts";
import { strings, type WidgetLocale } from "./strings.ts";

/** What a click on a block asks the app to do. */
export type BlockAction =
  | { kind: "text"; text: string }
  | { kind: "action"; text: string; action: { type: "confirm" | "cancel"; token: string } | { type: "select_product"; productId: string } | { type: "quick_reply" } }
  | { kind: "csat"; score: number };

type Block = { type: string; [key: string]: unknown };

/** Renders structured blocks as DOM built from text nodes only: nothing in them can run. */
export function renderBlocks(blocks: Block[], locale: WidgetLocale, origin: string, act: (a: BlockAction) => void): HTMLElement[] {
  const t = strings[locale];
  return blocks.flatMap((block): HTMLElement[] => {
    switch (block.type) {
      case "quick_replies": {
        const options = (block.options as { label: string; text: string }[]) ?? [];
        return [h("div", { class: "chips" }, ...options.map((o) => h("button", { type: "button", text: o.label, onclick: () => act({ kind: "action", text: o.text, action: { type: "quick_reply" } }) })))];
      }
      case "products": {
        const items = (block.items as { id: string; name: string; priceText: string; stockText: string; tone: string; imageUrl: string | null; buyText: string }[]) ?? [];
        return [
          ...(typeof block.title === "string" ? [h("p", { class: "cards-title", text: block.title })] : []),
          h(
            "div",
            { class: "cards", role: "list" },
            ...items.map((p) =>
              h(
                "div",
                { class: "card", role: "listitem" },
                imageOf(p.imageUrl, p.name, origin),
                h("strong", { text: p.name }),
                h("span", { class: "price", text: p.priceText }),
                h("span", { class: `tone-${p.tone}`, text: p.stockText }),
                h("button", { type: "button", "aria-label": p.buyText, text: t.buy, onclick: () => act({ kind: "action", text: p.buyText, action: { type: "select_product", productId: p.id } }) }),
              ),
            ),
          ),
        ];
      }
      case "order": {
        const o = block.order as { number: string; statusText: string; tone: string; items: { name: string; quantity: number; priceText: string }[]; totalText: string; discountText?: string; couponCode?: string; history: { statusText: string; atText: string }[] };
        return [
          h(
            "div",
            { class: `order ${o.tone}` },
            h("strong", { text: `#${o.number} · ` }),
            h("span", { class: `tone-${o.tone}`, text: o.statusText }),
            h("ul", {}, ...o.items.map((i) => h("li", { text: `${i.name} × ${i.quantity} · ${i.priceText}` }))),
            o.discountText ? h("div", { class: "discount", text: `${t.discount}${o.couponCode ? ` (${o.couponCode})` : ""}: -${o.discountText}` }) : null,
            h("div", { text: `${t.total}: ${o.totalText}` }),
            h("ol", { class: "history" }, ...o.history.map((s) => h("li", { text: `${s.statusText} · ${s.atText}` }))),
          ),
        ];
      }
      case "confirm": {
        const token = String(block.token);
        return [
          h(
            "div",
            { class: "confirm", role: "group", "aria-label": String(block.title ?? "") },
            block.shippingText ? h("div", { text: `${t.subtotal}: ${String(block.subtotalText)} · ${t.shipping}: ${String(block.shippingText)}` }) : null,
            block.discountText ? h("div", { class: "discount", text: `${t.discount}${block.couponCode ? ` (${String(block.couponCode)})` : ""}: -${String(block.discountText)}` }) : null,
            block.totalText ? h("div", { class: "price", text: `${t.total}: ${String(block.totalText)}` }) : null,
            h(
              "div",
              { class: "actions" },
              h("button", { type: "button", class: "primary", text: String(block.confirmLabel), onclick: () => act({ kind: "action", text: String(block.confirmLabel), action: { type: "confirm", token } }) }),
              h("button", { type: "button", text: String(block.cancelLabel), onclick: () => act({ kind: "action", text: String(block.cancelLabel), action: { type: "cancel", token } }) }),
            ),
          ),
        ];
      }
      case "pay":
        return [renderPayBlock(block, locale, origin)];
      case "payment_status":
        return [renderPaymentStatus(block, locale)];
      case "citation": {
        const href = safeHref(String(block.url), origin);
        const title = String(block.title ?? "");
        return [h("div", {}, `${t.source}: `, href ? h("a", { href, target: "_blank", rel: "noopener noreferrer", text: title }) : h("span", { text: title }))];
      }
      case "csat_request":
        return [
          h(
            "div",
            { class: "stars", role: "group", "aria-label": t.rate },
            ...[1, 2, 3, 4, 5].map((n) => h("button", { type: "button", "aria-label": `${n}/5`, onclick: () => act({ kind: "csat", score: n }) }, ...Array.from({ length: n }, () => icon("star", { size: 14, filled: true })))),
          ),
        ];
      default:
        return [];
    }
  });
}

function imageOf(url: string | null, alt: string, origin: string) {
  if (!url) return null;
  const ok = url.startsWith("data:image/") || safeHref(url, origin) !== null;
  return ok ? h("img", { src: url.startsWith("data:image/") ? url : safeHref(url, origin)!, alt, loading: "lazy" }) : null;
}
