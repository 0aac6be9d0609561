import { h, safeHref } from "../shared/dom.ts";
import { tr } from "./i18n.ts";

type Block = { type: string; [key: string]: unknown };
const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/**
 * Every block the bot sent, as the agent needs to read it: product cards, order cards,
 * confirmations, pay blocks and payment notices, citations, quick replies, the CSAT request.
 * Read-only (an agent never buys or confirms for the shopper) and text only, never HTML.
 */
export function transcriptBlocks(blocks: Block[] | undefined): HTMLElement[] {
  return (blocks ?? []).flatMap((block): HTMLElement[] => {
    switch (block.type) {
      case "products":
        return [
          h(
            "ul",
            { class: "block cards", "data-block": "products" },
            ...list<Record<string, unknown>>(block.items).map((p) =>
              h("li", { class: "card" }, h("strong", { text: str(p.name) }), h("span", { text: str(p.priceText) }), h("span", { class: `tone-${str(p.tone)}`, text: str(p.stockText) })),
            ),
          ),
        ];
      case "order": {
        const o = (block.order ?? {}) as Record<string, unknown>;
        return [
          h(
            "div",
            { class: `block order-card ${str(o.tone)}`, "data-block": "order" },
            h("strong", { text: `#${str(o.number)} · ${str(o.statusText)}` }),
            h("ul", {}, ...list<Record<string, unknown>>(o.items).map((i) => h("li", { text: `${str(i.name)} × ${str(i.quantity)} · ${str(i.priceText)}` }))),
            h("span", { text: `${tr("total")}: ${str(o.totalText)}` }),
          ),
        ];
      }
      case "confirm":
        return [h("div", { class: "block", "data-block": "confirm" }, h("strong", { text: str(block.title) }), block.totalText ? h("span", { text: ` · ${tr("total")}: ${str(block.totalText)}` }) : null)];
      case "pay":
        return [h("div", { class: "block", "data-block": "pay" }, h("span", { text: `${tr("toPay")}: ${str(block.amountText)}` }), block.status ? h("span", { text: ` · ${str(block.status)}` }) : null)];
      case "payment_status":
        return [h("div", { class: `block tone-${str(block.tone)}`, "data-block": "payment_status", text: `${tr("payment_status")}: ${str(block.text)}` })];
      case "citation": {
        const href = safeHref(str(block.url));
        return [h("div", { class: "block", "data-block": "citation" }, `${tr("source")}: `, href ? h("a", { href, target: "_blank", rel: "noopener noreferrer", text: str(block.title) }) : h("span", { text: str(block.title) }))];
      }
      case "quick_replies":
        return [h("ul", { class: "block chips", "data-block": "quick_replies" }, ...list<Record<string, unknown>>(block.options).map((o) => h("li", { text: str(o.label) })))];
      case "csat_request":
        return [h("div", { class: "block muted", "data-block": "csat_request", text: str(block.text) })];
      default:
        return [];
    }
  });
}
