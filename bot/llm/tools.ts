import { z } from "zod";
import { findProducts } from "../dialogue/products.ts";
import type { Outcome, TurnContext } from "../dialogue/context.ts";
import { handOff } from "../dialogue/handoff.ts";
import { promptOrderTask } from "../dialogue/order-tasks.ts";
import { promptPlaceOrder } from "../dialogue/place-order.ts";
import { privacyKindOf, startPrivacy } from "../dialogue/privacy.ts";
import type { OrderTask, PlaceOrderForm } from "../dialogue/state.ts";
import type { OrderView, Passage, ProductView } from "../ports.ts";
import { minorUnits, type Block } from "../render.ts";
import type { ToolSpec } from "./client.ts";
import { learnFrom, type Grounding } from "./guards.ts";

/** What the agent collects from its tools during one turn. */
export interface ToolState {
  grounding: Grounding;
  /** Help-center passages returned this turn, numbered from 1 as the model sees them. */
  passages: Passage[];
  products: ProductView[];
  orders: OrderView[];
}

/**
 * A tool either answers the model (data it writes a reply from) or ends the turn with
 * replies of the deterministic dialogue: an order form or a confirmation block the shopper
 * must click, a handover. Refusals are answers too: the model learns it cannot do that.
 */
export type ToolOutcome = { kind: "data"; data: unknown } | { kind: "refused"; error: string; message: string } | { kind: "final"; outcome: Outcome };

interface Tool<S extends z.ZodType> {
  description: string;
  schema: S;
  run(ctx: TurnContext, args: z.infer<S>, state: ToolState): Promise<ToolOutcome>;
}

const tool = <S extends z.ZodType>(t: Tool<S>) => t;

/** Order numbers look like "LL482913"; anything else is not worth a lookup. */
const orderNumber = z.string().trim().toUpperCase().regex(/^[A-Z]{2}\d{6}$/, "an order number looks like LL482913");

/**
 * The agent's tools. They run over the same ports as the local engine and always act as
 * the session's verified shopper: no tool takes a customer id or an email, an order is
 * only ever one of the shopper's own, and the tools that change something stop at a
 * confirmation block (only the shopper's click acts).
 */
export const TOOLS = {
  search_help_center: tool({
    description: "Search the shop's help center (policies, shipping, returns, payment, accounts). Answer policy questions only from what this returns, citing passages as [1], [2].",
    schema: z.object({ query: z.string().trim().min(1).max(300) }).strict(),
    async run(ctx, { query }, state) {
      // The best few, however weak: the model judges relevance (and says so when none fits).
      const passages = (await ctx.ports.knowledge.search(ctx.merchant.id, ctx.r.locale, { text: query }, 3)).filter((p) => p.score > 0);
      const first = state.passages.length;
      state.passages.push(...passages);
      for (const p of passages) learnFrom(state.grounding, `${p.title}\n${p.text}`);
      return { kind: "data", data: { passages: passages.map((p, i) => ({ ref: first + i + 1, title: p.title, relevance: Math.round(p.score * 100) / 100, text: p.text.slice(0, 1200) })) } };
    },
  }),

  find_products: tool({
    description: "Find products in the shop's catalog by what the shopper describes. Returns ids, names, prices, stock and descriptions.",
    schema: z.object({ query: z.string().trim().min(1).max(200), max_price: z.number().positive().max(1e9).optional() }).strict(),
    async run(ctx, { query, max_price }, state) {
      const parsed = ctx.parse(query);
      let products = findProducts({ ...ctx, nlu: parsed }, 6);
      if (products.length === 0) products = byWords(ctx, query);
      if (max_price !== undefined) products = products.filter((p) => p.price.amount / minorUnits(p.price.currency) <= max_price);
      products = products.slice(0, 4);
      state.products.push(...products.filter((p) => !state.products.includes(p)));
      const view = products.map((p) => ({
        product_id: p.id,
        name: ctx.r.name(p.name),
        price: ctx.r.money(p.price),
        in_stock: p.stock,
        description: ctx.r.name(p.description).slice(0, 300),
      }));
      for (const p of view) learnFrom(state.grounding, p.price);
      return { kind: "data", data: { products: view } };
    },
  }),

  my_orders: tool({
    description: "The current shopper's own orders (status, items, totals), newest first. Optionally only the one with this order number. Shoppers who are not signed in only see orders they proved in this chat.",
    schema: z.object({ order_number: orderNumber.optional() }).strict(),
    async run(ctx, { order_number }, state) {
      const own = await ownOrders(ctx);
      const orders = order_number ? own.filter((o) => o.number === order_number) : own.slice(0, 5);
      if (orders.length === 0) {
        return order_number || !ctx.shopper.verified
          ? { kind: "refused", error: "not_found", message: "No such order for this shopper. They can track an order by giving its number and the email or phone on it; do not guess." }
          : { kind: "data", data: { orders: [] } };
      }
      state.orders.push(...orders.filter((o) => !state.orders.some((x) => x.id === o.id)));
      const view = orders.map((o) => ({
        number: o.number,
        status: ctx.r.status(o.status),
        total: ctx.r.money(o.total),
        items: o.items.map((i) => `${ctx.r.name(i.name)} × ${i.quantity}`),
        placed: ctx.r.date(o.createdAt),
        last_update: ctx.r.date(o.history.at(-1)?.at ?? o.createdAt),
      }));
      for (const o of view) learnFrom(state.grounding, `${o.number} ${o.total}`);
      return { kind: "data", data: { orders: view } };
    },
  }),

  start_order: tool({
    description: "Start an order for one product the shopper wants. The shop computes the total and shows the shopper a confirmation to click; nothing is bought until they click.",
    schema: z.object({ product_id: z.string().min(1).max(64), quantity: z.number().int().min(1).max(99).optional() }).strict(),
    async run(ctx, { product_id, quantity }) {
      const product = ctx.catalog.find((p) => p.id === product_id && p.status === "active");
      if (!product) return { kind: "refused", error: "unknown_product", message: "No such product in this shop. Use find_products first." };
      const form: PlaceOrderForm = { name: "place_order", step: "ask_product", productId: product.id, ...(quantity ? { quantity } : {}) };
      ctx.state.form = form;
      return { kind: "final", outcome: { ...(await promptPlaceOrder(ctx, form)), intent: "place_order" } };
    },
  }),

  request_cancellation: tool({
    description: "Ask to cancel one of the shopper's own orders. The shopper sees a confirmation to click; nothing is cancelled until they click.",
    schema: z.object({ order_number: orderNumber }).strict(),
    async run(ctx, { order_number }) {
      const order = (await ownOrders(ctx)).find((o) => o.number === order_number);
      if (!order) return { kind: "refused", error: "not_found", message: "This shopper has no order with that number. Do not guess numbers." };
      const task: OrderTask = { name: "cancel_order", step: "ask_number", number: order.number, orderId: order.id, failedProofs: 0 };
      ctx.state.form = task;
      return { kind: "final", outcome: { ...(await promptOrderTask(ctx, task)), intent: "cancel_order" } };
    },
  }),

  privacy_request: tool({
    description:
      "The shopper asks what personal data the shop holds about them, for a copy of it (kind: export), or for it to be erased (kind: erasure). Starts the shop's own data-request journey: it checks who the shopper is (signed in, or one of their orders with its email or phone), says what will happen and waits for their explicit yes. Nothing is shown or erased until they confirm.",
    schema: z.object({ kind: z.enum(["export", "erasure"]).optional() }).strict(),
    async run(ctx, { kind }) {
      // Always about the session's own shopper: the journey takes no id, email or order from the model.
      return { kind: "final", outcome: { ...(await startPrivacy(ctx, kind ?? privacyKindOf(ctx.text))), intent: "privacy_request" } };
    },
  }),

  hand_over: tool({
    description: "Hand the conversation to a human agent: when the shopper asks for a person, complains, or you cannot help.",
    schema: z.object({ reason: z.enum(["requested", "complaint", "order_help"]).default("requested") }).strict(),
    async run(ctx, { reason }) {
      return { kind: "final", outcome: { ...(await handOff(ctx, reason)), intent: "contact_human_agent" } };
    },
  }),
} as const;

export type ToolName = keyof typeof TOOLS;

/** The tools for the model, their parameters as JSON Schema from the zod schemas (the client binds them for its provider). */
export function toolDefinitions(): ToolSpec[] {
  return Object.entries(TOOLS).map(([name, t]) => {
    const { $schema: _, ...parameters } = z.toJSONSchema(t.schema, { io: "input" }) as Record<string, unknown>;
    return { name, description: t.description, parameters };
  });
}

/** Product cards for the products the reply is about, so the shopper can buy with a click. */
export function productBlocks(ctx: TurnContext, products: ProductView[]): Block[] {
  return products.length ? [{ type: "products", items: products.slice(0, 4).map((p) => ctx.r.productCard(p)) }] : [];
}

/** The verified shopper's orders, or for anyone else the orders they proved in this chat. */
async function ownOrders(ctx: TurnContext): Promise<OrderView[]> {
  if (ctx.shopper.verified && ctx.shopper.customerId) return ctx.ports.commerce.ordersOf(ctx.merchant.id, ctx.shopper, 20);
  const proven = await Promise.all(ctx.state.provenOrders.map((id) => ctx.ports.commerce.getOrder(ctx.merchant.id, id)));
  return proven.filter((o): o is OrderView => o !== null);
}

/** Catalog products whose name, tags or description share words with the query (Chinese by character pairs, or the lone character). */
function byWords(ctx: TurnContext, query: string): ProductView[] {
  const latin = query.toLowerCase().match(/[a-z0-9]{3,}/g) ?? [];
  const han = (query.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => (run.length === 1 ? [run] : Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2))));
  const words = [...latin, ...han];
  if (words.length === 0) return [];
  const scored = ctx.catalog
    .filter((p) => p.status === "active")
    .map((p) => {
      const hay = `${p.name.en ?? ""} ${p.name["zh-CN"] ?? ""} ${p.tags.join(" ")} ${p.description.en ?? ""} ${p.description["zh-CN"] ?? ""}`.toLowerCase();
      return { p, score: words.filter((w) => hay.includes(w)).length };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  return scored.map((s) => s.p);
}
