import { randomUUID } from "node:crypto";
import type { Address, CommercePort, CommerceResult, OrderView, ProductView, ShopperIdentity } from "../../bot/ports.ts";

interface StoredOrder extends OrderView {
  merchantId: string;
  customerId?: string;
}

/** An in-memory shop behind the bot's commerce port, with the same rules as the real one. */
export class InMemoryCommerce implements CommercePort {
  readonly orders: StoredOrder[] = [];
  readonly idempotency = new Map<string, string>();
  private seq = 100000;

  constructor(readonly products: ProductView[]) {}

  async catalog(): Promise<ProductView[]> {
    return this.products.map((p) => ({ ...p }));
  }

  async quote(_merchantId: string, items: { productId: string; quantity: number }[]) {
    const lines: OrderView["items"] = [];
    for (const item of items) {
      const p = this.products.find((x) => x.id === item.productId);
      if (!p || p.status !== "active") return fail("orders:product_unavailable");
      if (p.stock < item.quantity) return fail("orders:out_of_stock", { available: p.stock });
      lines.push({ productId: p.id, sku: p.sku, name: p.name, quantity: item.quantity, unitPrice: p.price });
    }
    return ok({ lines, total: { amount: lines.reduce((s, l) => s + l.unitPrice.amount * l.quantity, 0), currency: "CNY" } });
  }

  async placeOrder(merchantId: string, order: Parameters<CommercePort["placeOrder"]>[1], shopper: ShopperIdentity, key: string): Promise<CommerceResult<OrderView>> {
    const existing = this.idempotency.get(key);
    if (existing) return ok(this.orders.find((o) => o.id === existing)!);
    const quote = await this.quote(merchantId, order.items);
    if (!quote.ok) return quote;
    for (const item of order.items) this.products.find((p) => p.id === item.productId)!.stock -= item.quantity;
    const created: StoredOrder = {
      id: randomUUID(),
      merchantId,
      customerId: shopper.verified ? shopper.customerId : undefined,
      number: `LL${this.seq++}`,
      status: "pending_payment",
      items: quote.value.lines,
      total: quote.value.total,
      shippingAddress: order.shippingAddress,
      customer: { email: order.customer.email, name: order.customer.name ?? null, phone: order.customer.phone ?? null },
      history: [{ status: "pending_payment", at: new Date().toISOString() }],
      createdAt: new Date().toISOString(),
    };
    this.orders.push(created);
    this.idempotency.set(key, created.id);
    return ok(created);
  }

  /** Test helper: an order in a given status for a customer. */
  addOrder(order: Partial<StoredOrder> & { number: string; status: string; customerEmail: string; customerId?: string }): StoredOrder {
    const product = this.products[0]!;
    const stored: StoredOrder = {
      id: randomUUID(),
      merchantId: "m1",
      customerId: order.customerId,
      number: order.number,
      status: order.status,
      items: [{ productId: product.id, sku: product.sku, name: product.name, quantity: 1, unitPrice: product.price }],
      total: product.price,
      shippingAddress: { name: "陈美", phone: "+86 138 0013 8000", line1: "文三路 90 号", city: "杭州", country: "CN" },
      customer: { email: order.customerEmail, name: "Mei", phone: "+86 138 0013 8000" },
      history: [{ status: order.status, at: new Date("2026-11-20T08:00:00Z").toISOString() }],
      createdAt: new Date("2026-11-20T08:00:00Z").toISOString(),
    };
    this.orders.push(stored);
    return stored;
  }

  async ordersOf(_merchantId: string, shopper: ShopperIdentity, limit: number) {
    if (!shopper.verified || !shopper.customerId) return [];
    return this.orders.filter((o) => o.customerId === shopper.customerId).slice(0, limit);
  }

  async findOrder(_merchantId: string, number: string, contact: string) {
    const order = this.orders.find((o) => o.number === number.toUpperCase());
    if (!order) return null;
    const digits = (s: string | null) => (s ?? "").replace(/\D/g, "");
    const match = contact.toLowerCase() === order.customer.email || (digits(contact).length >= 6 && digits(order.customer.phone).endsWith(digits(contact)));
    return match ? order : null;
  }

  async getOrder(_merchantId: string, id: string) {
    return this.orders.find((o) => o.id === id) ?? null;
  }

  async cancelOrder(_m: string, id: string) {
    return this.move(id, ["pending_payment", "paid", "processing"], "cancelled");
  }

  async requestRefund(_m: string, id: string) {
    return this.move(id, ["shipped", "delivered", "completed", "paid", "processing"], "refund_requested");
  }

  async changeAddress(_m: string, id: string, address: Address) {
    const order = this.orders.find((o) => o.id === id);
    if (!order) return fail("orders:not_found");
    if (!["pending_payment", "paid", "processing"].includes(order.status)) return fail("orders:not_editable");
    order.shippingAddress = address;
    return ok(order);
  }

  async changeQuantity(merchantId: string, id: string, items: { productId: string; quantity: number }[]) {
    const order = this.orders.find((o) => o.id === id);
    if (!order) return fail("orders:not_found");
    if (order.status !== "pending_payment") return fail("orders:items_locked");
    const quote = await this.quote(merchantId, items);
    if (!quote.ok) return quote;
    order.items = quote.value.lines;
    order.total = quote.value.total;
    return ok(order);
  }

  private move(id: string, from: string[], to: string): CommerceResult<OrderView> {
    const order = this.orders.find((o) => o.id === id);
    if (!order) return fail("orders:not_found");
    if (!from.includes(order.status)) return fail("orders:illegal_transition");
    order.status = to;
    order.history.push({ status: to, at: new Date().toISOString() });
    return ok(order);
  }
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (code: string, details?: Record<string, unknown>) => ({ ok: false as const, code, details });
