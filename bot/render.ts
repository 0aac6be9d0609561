import i18next, { type TFunction } from "i18next";
import en from "./locales/en.json" with { type: "json" };
import zhCN from "./locales/zh-CN.json" with { type: "json" };
import { LOCALES } from "./locales/locales.ts";
import type { Address, Locale, Money, OrderView, ProductView } from "./ports.ts";

export type MessageKey = keyof typeof en;

/** How many minor units make one major unit of a currency (100 fen to the yuan, 1 for the yen). */
export const minorUnits = (currency: string) => 10 ** (new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2);

/** Structured content a reply can carry, rendered by the widget (as text, never as HTML). */
export type Block =
  | { type: "products"; items: ProductCard[]; /** A heading over the cards ("Often bought together:"). */ title?: string }
  | { type: "order"; order: OrderCard }
  | { type: "quick_replies"; options: { label: string; text: string }[] }
  | { type: "confirm"; action: string; token: string; title: string; text: string; total?: Money; totalText?: string; discount?: Money; discountText?: string; couponCode?: string; confirmLabel: string; cancelLabel: string }
  | { type: "citation"; articleId: string; title: string; url: string }
  | { type: "csat_request"; text: string };

export interface ProductCard {
  id: string;
  sku: string;
  name: string;
  price: Money;
  priceText: string;
  stock: number;
  stockText: string;
  tone: "green" | "yellow" | "red";
  imageUrl: string | null;
  buyText: string;
}

export interface OrderCard {
  id: string;
  number: string;
  status: string;
  statusText: string;
  tone: "green" | "yellow" | "red" | "blue";
  items: { name: string; quantity: number; priceText: string }[];
  total: Money;
  totalText: string;
  /** Present when coupons or offers took something off. */
  discount?: Money;
  discountText?: string;
  couponCode?: string;
  history: { status: string; statusText: string; at: string; atText: string }[];
}

export interface BotReply {
  text: string;
  blocks?: Block[];
}

/** The order an address is written in, per language (Chinese from the region down to the person). */
const ADDRESS_ORDER: Record<Locale, (keyof Address)[]> = {
  en: ["name", "line1", "line2", "city", "region", "phone"],
  "zh-CN": ["region", "city", "line1", "line2", "name", "phone"],
};

/** The bot's resources per language: every key in every language (widget/shared/locales.test.ts checks). */
const RESOURCES: Record<Locale, typeof en> = { en, "zh-CN": zhCN };

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(Object.entries(RESOURCES).map(([l, translation]) => [l, { translation }])),
  lng: "en",
  fallbackLng: "en",
  initAsync: false,
  interpolation: { escapeValue: false }, // replies are rendered as text, never as HTML
});

/** One string of the bot's resources in one locale (server code with no Renderer at hand). */
export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return i18n.getFixedT(locale)(key, vars);
}

/** Replies, money, dates and cards in one locale (and the merchant's time zone). */
export class Renderer {
  private readonly t: TFunction;

  constructor(
    readonly locale: Locale,
    private readonly timeZone: string,
  ) {
    this.t = i18n.getFixedT(locale);
  }

  text(key: MessageKey, vars: Record<string, string | number> = {}): string {
    return this.t(key, vars);
  }

  money(money: Money): string {
    return new Intl.NumberFormat(this.locale, { style: "currency", currency: money.currency }).format(money.amount / minorUnits(money.currency));
  }

  date(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: "medium", timeStyle: "short", timeZone: this.timeZone }).format(new Date(iso));
  }

  /** A name in this locale, else in the first other locale that has one. */
  name(text: Partial<Record<Locale, string>>): string {
    return text[this.locale] ?? LOCALES.map((l) => text[l]).find((v) => v !== undefined) ?? "";
  }

  status(status: string): string {
    return this.text(`order_status_${status}` as MessageKey);
  }

  address(a: Partial<Address>): string {
    return ADDRESS_ORDER[this.locale].map((field) => a[field]).filter(Boolean).join(this.text("address_separator"));
  }

  productCard(p: ProductView): ProductCard {
    const tone = p.stock === 0 ? "red" : p.stock <= 5 ? "yellow" : "green";
    const stockText = p.stock === 0 ? this.text("sold_out") : p.stock <= 5 ? this.text("low_stock", { count: p.stock }) : this.text("in_stock", { count: p.stock });
    return {
      id: p.id,
      sku: p.sku,
      name: this.name(p.name),
      price: p.price,
      priceText: this.money(p.price),
      stock: p.stock,
      stockText,
      tone,
      imageUrl: p.imageUrl,
      buyText: this.text("buy_named", { name: this.name(p.name) }),
    };
  }

  orderCard(o: OrderView): OrderCard {
    return {
      id: o.id,
      number: o.number,
      status: o.status,
      statusText: this.status(o.status),
      tone: orderTone(o.status),
      items: o.items.map((i) => ({ name: this.name(i.name), quantity: i.quantity, priceText: this.money(i.unitPrice) })),
      total: o.total,
      totalText: this.money(o.total),
      ...(o.discount && o.discount.amount > 0 ? { discount: o.discount, discountText: this.money(o.discount), ...(o.couponCode ? { couponCode: o.couponCode } : {}) } : {}),
      history: o.history.map((h) => ({ status: h.status, statusText: this.status(h.status), at: h.at, atText: this.date(h.at) })),
    };
  }

  /** "Mon–Fri 09:00–21:00, Sat–Sun 10:00–18:00" in the shopper's language. */
  hours(hours: Record<string, [string, string] | null> | undefined): string {
    if (!hours) return "";
    const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
    const names = days.map((day) => this.text(`day_${day}`));
    const groups: { from: number; to: number; span: string }[] = [];
    days.forEach((day, i) => {
      const h = hours[day];
      if (!h) return;
      const span = `${h[0]}–${h[1]}`;
      const last = groups.at(-1);
      if (last && last.to === i - 1 && last.span === span) last.to = i;
      else groups.push({ from: i, to: i, span });
    });
    return groups.map((g) => `${names[g.from]}${g.to > g.from ? `–${names[g.to]}` : ""} ${g.span}`).join(this.text("list_separator"));
  }

  quickReplies(keys: MessageKey[]): Block {
    return { type: "quick_replies", options: keys.map((key) => ({ label: this.text(key), text: this.text(key) })) };
  }
}

/** Green done, yellow needs attention, red failed or cancelled, blue on its way. */
export function orderTone(status: string): OrderCard["tone"] {
  if (["completed", "delivered", "refunded"].includes(status)) return "green";
  if (["pending_payment", "refund_requested"].includes(status)) return "yellow";
  if (status === "cancelled" || status === "on_hold") return "red";
  return "blue";
}
