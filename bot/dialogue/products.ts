import { hasConstraints, parseConstraints, type ProductConstraints } from "../nlu/entities/constraints.ts";
import type { Intent } from "../nlu/intents.ts";
import type { ProductView } from "../ports.ts";
import type { BotReply } from "../render.ts";
import { say, type Outcome, type TurnContext } from "./context.ts";

/** Product cards for what the shopper named: catalog matches, close contenders only. */
export function findProducts(ctx: Pick<TurnContext, "nlu" | "catalog">, limit = 4): ProductView[] {
  const found = ctx.nlu.entities.filter((e) => e.entity === "product").map((e) => e.value as { id: string; score: number });
  // Only the close contenders: "phone cases" should not bring every phone accessory.
  const bar = (found[0]?.score ?? 0) * 0.75;
  return found
    .filter((v) => v.score >= bar)
    .map((v) => ctx.catalog.find((p) => p.id === v.id))
    .filter((p): p is ProductView => p !== undefined && p.status === "active")
    .slice(0, limit);
}

/**
 * What the shopper is looking for, with the constraints of the message applied: price
 * bounds, category, gift, availability. Named products come first; when none of them fits
 * the constraints (or none was named) the category and gift tags choose from the catalog,
 * and the other words of the message (e.g. "green") rank what is left.
 */
export function searchProducts(ctx: Pick<TurnContext, "nlu" | "catalog" | "text">, limit = 4): ProductView[] {
  const c = parseConstraints(ctx.text);
  const named = findProducts(ctx, 8);
  const fits = (p: ProductView) => inRange(p, c) && inCategory(p, c) && (!c.inStock || p.stock > 0);
  const namedFitting = named.filter(fits);
  if (namedFitting.length) return giftFirst(namedFitting, c).slice(0, limit);
  if (!hasConstraints(c)) return named.slice(0, limit);
  let pool = ctx.catalog.filter((p) => p.status === "active" && fits(p) && (c.categories.length > 0 || !c.gift || isGift(p)));
  if (c.categories.length === 0 && c.minPrice === undefined && c.maxPrice === undefined && !c.gift) return [];
  // An open search ("a gift under ¥200") shows what can be bought now.
  if (named.length === 0) pool = pool.filter((p) => p.stock > 0);
  const words = descriptiveWords(ctx.text);
  const overlap = (p: ProductView) => words.filter((w) => `${p.name.en} ${p.description.en} ${p.tags.join(" ")}`.toLowerCase().includes(w)).length;
  const most = Math.max(0, ...pool.map(overlap));
  if (most > 0) pool = pool.filter((p) => overlap(p) === most);
  return giftFirst(pool, c).slice(0, limit);
}

/** Answers a product request: one or two products in detail, more as a list with prices. */
export async function productAnswer(ctx: TurnContext, intent: Intent): Promise<Outcome> {
  const { r } = ctx;
  if (intent === "recommend" && ctx.ports.recommendations && findProducts(ctx).length === 0) {
    const picked = await recommendFor(ctx);
    if (picked.length) {
      remember(ctx, picked);
      return { replies: [say(r.text("recommend_for_you"), [{ type: "products", items: picked.map((p) => r.productCard(p)) }])] };
    }
  }
  let products = searchProducts(ctx);
  if (intent === "recommend" && products.length === 0 && !hasConstraints(parseConstraints(ctx.text))) {
    products = ctx.catalog.filter((p) => p.status === "active" && p.stock > 5).slice(0, 4);
    remember(ctx, products);
    return { replies: [say(r.text("recommend"), [{ type: "products", items: products.map((p) => r.productCard(p)) }])] };
  }
  // A product we do not carry is not a gap in the help center, and not a reason to hand over.
  if (products.length === 0) return { replies: [say(r.text("product_none"), [r.quickReplies(["qr_products", "qr_human"])])] };
  remember(ctx, products);
  const cards = [{ type: "products" as const, items: products.map((p) => r.productCard(p)) }];
  if (products.length <= 2) return { replies: [say(products.map((p) => productFacts(ctx, p, intent === "product_info" || COMPARE.test(ctx.text))).join("\n\n"), cards)] };
  const intro = r.text("product_found_other", { count: products.length });
  return { replies: [say(`${intro}\n${products.map((p) => `• ${productFacts(ctx, p, false)}`).join("\n")}`, cards)] };
}

/**
 * "推荐一款适合送礼的茶", "a gift under ¥100", "what would you recommend?": the recommender
 * ranks the shop's sellable products under the message's constraints, with what the shopper
 * looked at last and (when verified) bought before.
 */
async function recommendFor(ctx: TurnContext, limit = 4): Promise<ProductView[]> {
  const c = parseConstraints(ctx.text);
  const ids = await ctx.ports.recommendations!.recommend(ctx.merchant.id, ctx.shopper, {
    // "Anything else you'd suggest?" builds on what was just shown; a new request with its own constraints starts afresh.
    productIds: ctx.state.topic.last === "product" && !hasConstraints(c) ? ctx.state.topic.productIds.slice(0, 3) : undefined,
    minPrice: c.minPrice,
    maxPrice: c.maxPrice,
    categories: c.categories,
    gift: c.gift,
    limit,
  });
  return ids.map((id) => ctx.catalog.find((p) => p.id === id)).filter((p): p is ProductView => p !== undefined && p.status === "active" && p.stock > 0);
}

/**
 * After an order: what other shoppers bought with it, as a titled products block that goes
 * under the order's own blocks (the confirmation stays one message). Null without a recommender.
 */
export async function boughtTogether(ctx: TurnContext, productIds: string[]): Promise<NonNullable<BotReply["blocks"]>[number] | null> {
  if (!ctx.ports.recommendations) return null;
  const ids = await ctx.ports.recommendations.recommend(ctx.merchant.id, ctx.shopper, { productIds, limit: 3 });
  const products = ids.map((id) => ctx.catalog.find((p) => p.id === id)).filter((p): p is ProductView => p !== undefined && p.status === "active");
  if (!products.length) return null;
  return { type: "products", title: ctx.r.text("bought_together"), items: products.map((p) => ctx.r.productCard(p)) };
}

/** "How much are they?", "还有货吗？": the products last shown answer the question. */
export function productFollowUp(ctx: TurnContext, products: ProductView[]): Outcome {
  remember(ctx, products);
  const cards = [{ type: "products" as const, items: products.map((p) => ctx.r.productCard(p)) }];
  return { replies: [say(products.map((p) => productFacts(ctx, p, products.length === 1)).join("\n"), cards)] };
}

/** Name, price and stock; with the description when there are few products to show. */
function productFacts(ctx: TurnContext, p: ProductView, detailed: boolean): string {
  const { r } = ctx;
  const card = r.productCard(p);
  const line = r.text("product_line", { name: r.name(p.name), price: r.money(p.price), stock: card.stockText });
  return detailed ? `${line}\n${plainDescription(r.name(p.description))}` : line;
}

/**
 * Catalog text is data, not ours: links, markup and price claims in it are not repeated in
 * chat (the card carries the real price; a description saying "¥0 today" must not).
 */
function plainDescription(text: string): string {
  return text
    .split(/(?<=[.!?。！？])\s*/)
    .filter((sentence) => !/[¥￥$]\s?\d|\d\s?(元|块|yuan|rmb)|\b(price|free|discount)\b|价格|免费|特价|优惠/i.test(sentence))
    .join(" ")
    .replace(/(?:https?:\/\/|www\.)\S+|\b[\w-]+\.(?:example|com|cn|net|org|io)\b\S*|javascript:\S*|<[^>]*>/gi, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

function remember(ctx: TurnContext, products: ProductView[]) {
  ctx.state.topic.productIds = products.map((p) => p.id);
  ctx.state.topic.last = "product";
}

const inRange = (p: ProductView, c: ProductConstraints) => (c.minPrice === undefined || p.price.amount >= c.minPrice) && (c.maxPrice === undefined || p.price.amount <= c.maxPrice);
const inCategory = (p: ProductView, c: ProductConstraints) => c.categories.every((tags) => p.tags.some((t) => tags.includes(t.toLowerCase())));
const isGift = (p: ProductView) => p.tags.includes("gift");
const giftFirst = (products: ProductView[], c: ProductConstraints) => (c.gift && products.some(isGift) ? products.filter(isGift) : products);

/** Choosing between products wants their details side by side. */
const COMPARE = /\b(between|difference|differ|compare|versus|vs\.?|which (one|is better|should i)|talk me through|help me (choose|decide)|torn)\b|区别|哪个好|哪款好|对比|比较|选哪个|纠结/i;

const FILLER = new Set(
  "the a an any some do you have got sell show me looking for need want find under below above over between and less than more cheaper yuan rmb kuai that would make nice gift present for my budget around about tell what which is are there in stock please recommend one ones something".split(" "),
);

/** Words that describe what is wanted beyond category and price ("green", "wireless"). */
function descriptiveWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => !FILLER.has(w) && !/^(teas?|snacks?|skincare|cases?|phone|toys?|clothes|clothing)$/.test(w));
}
