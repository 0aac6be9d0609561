import { defaultCountry, parseAddress, parseContact } from "./address.ts";
import { confirmToken, entity, say, type Outcome, type TurnContext } from "./context.ts";
import { boughtTogether, findProducts } from "./products.ts";
import { isPlainNo, isPlainYes } from "./signals.ts";
import { placedWithPayment, shippingNote } from "./pay.ts";
import type { PlaceOrderForm } from "./state.ts";
import type { Address, ProductView } from "../ports.ts";
import { couponIn, couponProblemText, problemFromFailure } from "./coupons.ts";

const MAX_QUANTITY = 99;

/** Starts an order: whatever the first message already says (product, quantity) fills the form. */
export async function startPlaceOrder(ctx: TurnContext, productId?: string): Promise<Outcome> {
  const form: PlaceOrderForm = { name: "place_order", step: "ask_product" };
  ctx.state.form = form;
  const quantity = entity<number>(ctx, "quantity");
  if (quantity) form.quantity = quantity;
  const code = couponIn(ctx.text);
  if (code) form.couponCode = code;
  if (!productId) {
    const choices = ambiguousProducts(ctx);
    if (choices) return choices;
  }
  const product = productId ? ctx.catalog.find((p) => p.id === productId) : findProducts(ctx, 1)[0];
  if (product) form.productId = product.id;
  return advance(ctx, form);
}

/** Several products fit equally well ("a T-shirt": which colour and size?): let the shopper pick. */
function ambiguousProducts(ctx: TurnContext): Outcome | null {
  const scores = ctx.nlu.entities.filter((e) => e.entity === "product").map((e) => (e.value as { id: string; score: number }));
  const top = scores[0];
  if (!top || top.score >= 0.95) return null;
  const tied = scores.filter((s) => s.score >= top.score - 0.01).map((s) => ctx.catalog.find((p) => p.id === s.id)).filter((p): p is ProductView => Boolean(p && p.status === "active"));
  if (tied.length < 2) return null;
  return { replies: [say(ctx.r.text("which_product"), [{ type: "products", items: tied.map((p) => ctx.r.productCard(p)) }])] };
}

/**
 * Feeds one message to the order form. Returns null when the message is not an answer to
 * the current question (a digression the caller handles before coming back here).
 */
export async function continuePlaceOrder(ctx: TurnContext, form: PlaceOrderForm): Promise<Outcome | null> {
  const { text, action } = ctx;
  if (form.step !== "confirm") form.token = undefined;
  // A coupon code at any step ("用券 SPRING10"), or alone at the confirmation ("SPRING10").
  const code = action ? undefined : couponIn(text, form.step === "confirm");
  if (code) {
    form.couponCode = code;
    form.token = undefined;
    if (form.step === "confirm") return advance(ctx, form);
    const next = await advance(ctx, form);
    const [first, ...rest] = next.replies;
    return { ...next, replies: [say(`${ctx.r.text("coupon_noted", { code })} ${first?.text ?? ""}`.trim(), first?.blocks), ...rest] };
  }
  if (action?.type === "select_product") {
    form.productId = action.productId;
    form.quantity = undefined;
    form.step = "ask_quantity";
    return advance(ctx, form);
  }
  // A correction at any step: "make it 3", "改成3件".
  const quantity = entity<number>(ctx, "quantity");
  const correction = quantity !== undefined && /make it|change (it )?to|改成|改为|换成|instead/i.test(text);
  if (correction && form.productId) {
    form.quantity = quantity;
    form.token = undefined;
    // Say what changed, then carry on where the form was.
    const next = await advance(ctx, form);
    const [first, ...rest] = next.replies;
    return { ...next, replies: [say(`${ctx.r.text("correction_ack", { quantity: quantity! })} ${first?.text ?? ""}`.trim(), first?.blocks), ...rest] };
  }
  switch (form.step) {
    case "ask_product": {
      const choices = ambiguousProducts(ctx);
      if (choices) return choices;
      const product = findProducts(ctx, 1)[0];
      if (!product) return null;
      form.productId = product.id;
      if (quantity) form.quantity = quantity;
      return advance(ctx, form);
    }
    case "ask_quantity": {
      const n = quantity ?? (/^\s*(\d{1,3})\s*$/.exec(text) ? Number(text.trim()) : undefined);
      if (n === undefined) return null;
      form.quantity = n;
      return advance(ctx, form);
    }
    case "ask_address": {
      const reuse = /use (this|that|the same|my last)|same address|上次的地址|使用这个地址|用这个地址|老地址/i.test(text) || isPlainYes(text);
      if (reuse) {
        const last = await lastAddress(ctx);
        if (last) {
          form.address = last;
          return advance(ctx, form);
        }
      }
      if (ctx.nlu.intent.confidence >= 0.8 && !looksLikeAddress(text)) return null;
      const address = parseAddress(text, defaultCountry(ctx.merchant.currency));
      if (!address) return { replies: [say(ctx.r.text("ask_address"))] };
      form.address = { ...form.address, ...address };
      return advance(ctx, form);
    }
    case "ask_name": {
      // "确认" or "yes" here is not a name; ask again.
      if (isPlainYes(text) || isPlainNo(text)) return { replies: [say(ctx.r.text("ask_name"))] };
      const contact = parseContact(text);
      // "how much is shipping?" reads like words, not a name: a confident intent without
      // contact details or "my name is" is a digression.
      const plain = !contact.phone && !contact.email && !contact.introduced;
      if (!contact.name || (plain && ctx.nlu.intent.confidence >= 0.7)) return null;
      form.address = { ...form.address, name: contact.name, ...(contact.phone && !form.address?.phone ? { phone: contact.phone } : {}) };
      if (contact.email && !form.email) form.email = contact.email;
      return advance(ctx, form);
    }
    case "ask_phone": {
      const phone = entity<string>(ctx, "phone") ?? (/^\+?[\d\s()-]{7,20}$/.test(text.trim()) ? text.trim() : undefined);
      if (!phone) return { replies: [say(ctx.r.text("phone_invalid"))] };
      form.address = { ...form.address, phone };
      return advance(ctx, form);
    }
    case "ask_email": {
      const email = entity<string>(ctx, "email");
      if (!email) return { replies: [say(ctx.r.text("email_invalid"))] };
      form.email = email;
      return advance(ctx, form);
    }
    case "confirm": {
      const confirmed = action?.type === "confirm" ? action.token === form.token : isPlainYes(text) || ctx.nlu.intent.name === "affirm" && ctx.nlu.intent.confidence >= 0.6;
      const declined = action?.type === "cancel" || isPlainNo(text) || (ctx.nlu.intent.name === "deny" && ctx.nlu.intent.confidence >= 0.6);
      if (confirmed) return place(ctx, form, action?.type === "confirm" ? action.token : form.token!);
      if (declined) {
        ctx.state.form = undefined;
        return { replies: [say(ctx.r.text("form_cancelled"))] };
      }
      return null;
    }
  }
}

/** Asks for the first missing slot, or shows the confirmation with a server-computed total. */
export async function promptPlaceOrder(ctx: TurnContext, form: PlaceOrderForm): Promise<Outcome> {
  return advance(ctx, form);
}

async function advance(ctx: TurnContext, form: PlaceOrderForm): Promise<Outcome> {
  const { r } = ctx;
  const product = form.productId ? ctx.catalog.find((p) => p.id === form.productId) : undefined;
  if (!product) {
    form.step = "ask_product";
    const popular = ctx.catalog.filter((p) => p.status === "active" && p.stock > 0).slice(0, 4);
    return { replies: [say(r.text("ask_product"), [{ type: "products", items: popular.map((p) => r.productCard(p)) }])] };
  }
  if (product.stock === 0 || product.status !== "active") {
    ctx.state.form = undefined;
    return { replies: [say(r.text("product_sold_out", { name: r.name(product.name) }), [r.quickReplies(["qr_products", "qr_human"])])] };
  }
  if (form.quantity !== undefined && (form.quantity < 1 || form.quantity > MAX_QUANTITY)) {
    form.quantity = undefined;
    form.step = "ask_quantity";
    return { replies: [say(r.text("quantity_invalid"))] };
  }
  if (form.quantity !== undefined && form.quantity > product.stock) {
    form.quantity = undefined;
    form.step = "ask_quantity";
    return { replies: [say(r.text("quantity_too_many", { stock: product.stock, name: r.name(product.name) }))] };
  }
  if (form.quantity === undefined) {
    form.step = "ask_quantity";
    const options = [1, 2, 3].filter((n) => n <= product.stock).map((n) => ({ label: String(n), text: String(n) }));
    return { replies: [say(r.text("ask_quantity", { name: r.name(product.name), stock: product.stock, price: r.money(product.price) }), [{ type: "quick_replies", options }])] };
  }
  const address = form.address ?? {};
  if (!address.line1 || !address.city) {
    form.step = "ask_address";
    const last = await lastAddress(ctx);
    if (last) {
      return { replies: [say(r.text("ask_address_reuse", { address: r.address(last) }), [{ type: "quick_replies", options: [{ label: r.text("use_this_address"), text: r.text("use_this_address") }] }])] };
    }
    return { replies: [say(r.text("ask_address"))] };
  }
  if (!address.name) {
    form.step = "ask_name";
    return { replies: [say(r.text("ask_name"))] };
  }
  if (!address.phone) {
    form.step = "ask_phone";
    return { replies: [say(r.text("ask_phone"))] };
  }
  const email = form.email ?? (ctx.shopper.verified ? ctx.shopper.email : undefined);
  if (!email) {
    form.step = "ask_email";
    return { replies: [say(r.text("ask_email"))] };
  }
  return confirmation(ctx, form, product);
}

async function confirmation(ctx: TurnContext, form: PlaceOrderForm, product: ProductView, note = ""): Promise<Outcome> {
  const { r } = ctx;
  const quote = await ctx.ports.commerce.quote(ctx.merchant.id, [{ productId: product.id, quantity: form.quantity! }], { couponCode: form.couponCode, shopper: ctx.shopper });
  if (!quote.ok) {
    ctx.state.form = undefined;
    return { replies: [say(r.text("action_failed", { reason: quote.code }))], fallback: true };
  }
  form.step = "confirm";
  // The same confirmation shown again keeps its token, so an earlier button still works.
  form.token ??= confirmToken(ctx, "order");
  const { total, subtotal, shipping, discount, couponCode, couponProblem } = quote.value;
  // A code that does not apply is dropped with its reason; the order goes on without it.
  if (couponProblem) {
    form.couponCode = undefined;
    note = `${note} ${couponProblemText(ctx, couponProblem)}`.trim();
  }
  const discounted = discount && discount.amount > 0 ? discount : undefined;
  const discountNote = discounted ? (couponCode ? r.text("coupon_applied", { code: couponCode, discount: r.money(discounted) }) : r.text("discount_applied", { discount: r.money(discounted) })) : "";
  const text = `${note} ${r.text("confirm_order", { quantity: form.quantity!, name: r.name(product.name), total: r.money(total), address: r.address(form.address ?? {}) })} ${discountNote} ${shippingNote(ctx, shipping)}`.replace(/\s+/g, " ").trim();
  const breakdown = {
    ...(subtotal && shipping ? { subtotal, shipping, subtotalText: r.money(subtotal), shippingText: r.money(shipping) } : {}),
    ...(discounted ? { discount: discounted, discountText: r.money(discounted), ...(couponCode ? { couponCode } : {}) } : {}),
  };
  return {
    replies: [
      say(text, [
        { type: "confirm", action: "place_order", token: form.token, title: r.text("confirm_order_title"), text, total, totalText: r.money(total), ...breakdown, confirmLabel: r.text("confirm"), cancelLabel: r.text("cancel") },
      ]),
    ],
  };
}

/** Places the order once per confirmation token: a double click replays the same order. */
async function place(ctx: TurnContext, form: PlaceOrderForm, token: string): Promise<Outcome> {
  const { r } = ctx;
  const product = ctx.catalog.find((p) => p.id === form.productId)!;
  const email = (form.email ?? ctx.shopper.email)!;
  const address = form.address as Address;
  const result = await ctx.ports.commerce.placeOrder(
    ctx.merchant.id,
    { customer: { email, name: address.name, phone: address.phone }, items: [{ productId: product.id, quantity: form.quantity! }], shippingAddress: address, ...(form.couponCode ? { couponCode: form.couponCode } : {}) },
    ctx.shopper,
    `bot:${ctx.conversationId}:${token}`,
    { conversationId: ctx.conversationId },
  );
  if (!result.ok) {
    // The coupon went meanwhile (used up, limit reached): say so and confirm again without it.
    const problem = form.couponCode ? problemFromFailure(form.couponCode, result) : null;
    if (problem) {
      form.couponCode = undefined;
      form.token = undefined;
      return confirmation(ctx, form, product, couponProblemText(ctx, problem));
    }
    if (result.code === "orders:out_of_stock") {
      form.quantity = undefined;
      form.step = "ask_quantity";
      return { replies: [say(r.text("order_out_of_stock", { name: r.name(product.name), available: String(result.details?.available ?? 0) }))] };
    }
    ctx.state.form = undefined;
    return { replies: [say(r.text("order_failed"), [r.quickReplies(["qr_human"])])], fallback: true };
  }
  const order = result.value;
  ctx.state.form = undefined;
  ctx.state.confirmed[token] = order.id;
  if (!ctx.state.provenOrders.includes(order.id)) ctx.state.provenOrders.push(order.id);
  const placed = await placedWithPayment(ctx, order, { type: "order", order: r.orderCard(order) });
  const together = await boughtTogether(ctx, [product.id]);
  if (!together) return placed;
  const last = placed.replies.at(-1)!;
  return { ...placed, replies: [...placed.replies.slice(0, -1), { ...last, blocks: [...(last.blocks ?? []), together] }] };
}

async function lastAddress(ctx: TurnContext): Promise<Address | undefined> {
  if (!ctx.shopper.verified) return undefined;
  const [last] = await ctx.ports.commerce.ordersOf(ctx.merchant.id, ctx.shopper, 1);
  return last?.shippingAddress;
}

const looksLikeAddress = (text: string) => /\d/.test(text) && (/[,，]/.test(text) || /(路|街|号|区|市|省|村|镇|大道|弄|巷)/.test(text) || /\b(st|street|rd|road|ave|avenue|blvd|lane|ln|dr|drive|way|apt)\b/i.test(text));
