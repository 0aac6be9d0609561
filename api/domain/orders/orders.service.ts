import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import type { Order, OrderCreate, OrderStatus, OrderUpdate } from "../../contracts/orders.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { pageArgs, toPage } from "../shared/pagination.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";
import { settingsOf } from "../merchants/settings.ts";
import { newOrderNumber } from "./order-number.ts";
import { computeTotals } from "./totals.ts";
import { orderDiscounts } from "../promotions/order-discounts.ts";
import { randomUUID } from "node:crypto";
import { orderInclude, orderReadInclude, toOrderDto, toOrderReadDto } from "./order-mapper.ts";
import { canTransition, EDITABLE_STATUSES, isCancellable, ITEMS_EDITABLE_STATUSES } from "./order-status.ts";
import type { RiskService } from "../risk/risk.service.ts";
import type { AuditTrail } from "../audit/audit.service.ts";

export interface OrderScope {
  merchantId: string;
  currency: string;
  orderPrefix: string;
}

/** Who did it, as kept in the order history: "api-key:mk_ab12", "agent:<id>", "bot", "customer:<id>". */
export type Actor = string;

export interface OrderQuery {
  limit: number;
  cursor?: string;
  status?: OrderStatus;
  email?: string;
  number?: string;
  customerId?: string;
}

type Tx = Prisma.TransactionClient;
type ItemInput = { productId: string; quantity: number };

/** PGlite runs one transaction at a time, so a burst of orders queues for the lock. */
const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

/**
 * Orders: creation with stock reservation, edits before shipment, cancellation with
 * restock, and status changes through the state machine in order-status.ts. Stock is
 * taken with a conditional UPDATE (stock >= quantity) inside the order's transaction, so
 * it never goes negative however many orders race for the last unit.
 */
export type OrderEvent = { type: "order.created" | "order.status_changed"; merchantId: string; order: Order };

/** Money going back through the order's payments (wired to the payments area); false when nothing was paid through one. */
export type RefundHook = (scope: OrderScope, orderId: string, reason: string, actor: Actor) => Promise<boolean>;

export class OrdersService {
  private refundHook: RefundHook | null = null;
  private risk: RiskService | null = null;
  private audit: AuditTrail | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
    /** Told after an order is created or changes status (webhooks listen here). */
    private readonly onEvent: (event: OrderEvent) => void = () => undefined,
  ) {}

  async create(
    scope: OrderScope,
    input: OrderCreate,
    actor: Actor,
    options: { channel?: "api" | "bot" | "console"; customerId?: string; clientAddress?: string | null; deviceToken?: string | null } = {},
  ): Promise<Order> {
    const items = mergeItems(input.items);
    for (let attempt = 1; ; attempt++) {
      const number = newOrderNumber(scope.orderPrefix);
      try {
        const row = await this.prisma.$transaction(async (tx) => {
          const rules = await merchantRules(tx, scope.merchantId);
          // Risk is assessed before stock is taken: its reads stay outside the product row locks
          // that concurrent orders queue on. The total is priced from the same catalog rows.
          const assessed = this.risk
            ? await this.risk.assess(tx, scope.merchantId, {
                email: input.customer.email,
                name: input.customer.name,
                phone: input.customer.phone,
                shippingAddress: input.shippingAddress,
                total: await estimatedTotal(tx, scope, items, rules.shipping),
                clientAddress: options.clientAddress ?? input.client?.address,
                deviceToken: options.deviceToken ?? input.client?.deviceToken,
                // Orders that carry a coupon code are scored for coupon abuse.
                couponCode: input.couponCode ?? null,
              }, rules.risk)
            : null;
          const lines = await reserveStock(tx, scope, items);
          const customerId = options.customerId ?? (await upsertCustomer(tx, scope.merchantId, input.customer));
          // Promotions work out the discount inside this transaction: a coupon use taken here is
          // given back by the rollback if anything later fails.
          const id = randomUUID();
          const promo = await orderDiscounts.apply(tx, { merchantId: scope.merchantId, orderId: id, customerId, couponCode: input.couponCode, referralCode: input.referralCode, lines });
          const totals = computeTotals(lines, rules.shipping, promo.discount);
          const risk = assessed?.risk ?? { score: 0, level: "low", reasons: [] };
          const held = risk.level === "high";
          const created = await tx.order.create({
            data: {
              id,
              couponCode: promo.couponCode,
              referralCode: promo.referralCode,
              merchantId: scope.merchantId,
              number,
              customerId,
              customerEmail: input.customer.email,
              customerName: input.customer.name ?? null,
              customerPhone: input.customer.phone ?? null,
              // A high-risk order waits for review: no payment window runs while it is held.
              status: held ? "on_hold" : "pending_payment",
              riskScore: risk.score,
              riskLevel: risk.level,
              riskReasons: risk.reasons,
              subtotalAmount: totals.subtotal,
              shippingAmount: totals.shipping,
              discountAmount: totals.discount,
              totalAmount: totals.total,
              payBy: held ? null : new Date(Date.now() + rules.windowMinutes * 60_000),
              currency: scope.currency,
              shippingAddress: input.shippingAddress,
              channel: options.channel ?? "api",
              note: input.note ?? null,
              items: { create: lines },
              history: { create: held ? { status: "on_hold", actor, note: `risk ${risk.score}: ${risk.reasons.join(", ")}` } : { status: "pending_payment", actor } },
            },
            include: orderInclude,
          });
          await assessed?.record(created.id, created.number);
          return created;
        }, TX_OPTIONS);
        this.log.info({ merchantId: scope.merchantId, orderId: row.id, number: row.number, actor, riskScore: row.riskScore, status: row.status }, "order created");
        const order = toOrderDto(row);
        this.onEvent({ type: "order.created", merchantId: scope.merchantId, order });
        return order;
      } catch (error) {
        // A collision on the random order number, or a concurrent first order creating the
        // same customer: the transaction rolled back whole, so simply run it again.
        if (isUniqueViolation(error) && attempt < 5) continue;
        throw error;
      }
    }
  }

  /** Scores every new order and holds the risky ones (api/domain/risk). */
  useRisk(risk: RiskService) {
    this.risk = risk;
  }

  /** Where order edits and reviews are recorded (api/domain/audit). */
  useAudit(audit: AuditTrail) {
    this.audit = audit;
  }

  /**
   * A person's decision on an order held by risk scoring: approve releases it to
   * pending_payment with a fresh payment window; reject cancels it and releases its stock.
   */
  async review(scope: OrderScope, id: string, decision: "approve" | "reject", actor: Actor, context: { clientAddress?: string } = {}): Promise<Order> {
    if (decision === "reject") {
      const current = await this.get(scope, id);
      if (current.status !== "on_hold") throw conflict("orders:not_on_hold", `Only an order on hold can be reviewed; this one is ${current.status}.`, { status: current.status });
      const order = await this.cancel(scope, id, actor, "rejected after risk review");
      await this.audit?.record({ merchantId: scope.merchantId, actor, action: "order.review.reject", entity: "order", entityId: id, clientAddress: context.clientAddress });
      return order;
    }
    const row = await this.prisma.$transaction(async (tx) => {
      const rules = await merchantRules(tx, scope.merchantId);
      const moved = await tx.order.updateMany({
        where: { id, merchantId: scope.merchantId, status: "on_hold" },
        data: { status: "pending_payment", payBy: new Date(Date.now() + rules.windowMinutes * 60_000) },
      });
      if (moved.count === 0) {
        const order = await this.findRow(tx, scope, id);
        throw conflict("orders:not_on_hold", `Only an order on hold can be reviewed; this one is ${order.status}.`, { status: order.status });
      }
      await tx.orderStatusChange.create({ data: { orderId: id, fromStatus: "on_hold", status: "pending_payment", actor, note: "approved after risk review" } });
      await this.audit?.record({ merchantId: scope.merchantId, actor, action: "order.review.approve", entity: "order", entityId: id, clientAddress: context.clientAddress }, tx);
      return tx.order.findUniqueOrThrow({ where: { id }, include: orderInclude });
    }, TX_OPTIONS);
    const order = toOrderDto(row);
    this.onEvent({ type: "order.status_changed", merchantId: scope.merchantId, order });
    return order;
  }

  /** Lets cancellations of paid orders and refunds go through the payment provider. */
  useRefunds(hook: RefundHook) {
    this.refundHook = hook;
  }

  /**
   * The payment window ended: an order still unpaid is cancelled (actor `system`) and its
   * stock released, by a conditional update that a payment landing at the same moment
   * cannot also win. Returns null when the order was paid, cancelled or is not due.
   */
  async expireUnpaid(orderId: string, now = new Date()): Promise<Order | null> {
    const row = await this.prisma.$transaction(async (tx) => {
      const moved = await tx.order.updateMany({ where: { id: orderId, status: "pending_payment", payBy: { lte: now } }, data: { status: "cancelled" } });
      if (moved.count === 0) return null;
      await tx.orderStatusChange.create({ data: { orderId, fromStatus: "pending_payment", status: "cancelled", actor: "system", note: "not paid within the payment window" } });
      const items = await tx.orderItem.findMany({ where: { orderId } });
      await releaseStock(tx, items);
      await orderDiscounts.release(tx, orderId);
      await tx.payment.updateMany({ where: { orderId, status: "pending" }, data: { status: "expired" } });
      return tx.order.findUniqueOrThrow({ where: { id: orderId }, include: orderInclude });
    }, TX_OPTIONS);
    if (!row) return null;
    this.log.info({ merchantId: row.merchantId, orderId, number: row.number }, "unpaid order cancelled at the end of its payment window");
    const order = toOrderDto(row);
    this.onEvent({ type: "order.status_changed", merchantId: row.merchantId, order });
    return order;
  }

  async list(scope: OrderScope, query: OrderQuery) {
    const where: Prisma.OrderWhereInput = { merchantId: scope.merchantId };
    if (query.status) where.status = query.status;
    if (query.email) where.customerEmail = query.email;
    if (query.number) where.number = query.number;
    if (query.customerId) where.customerId = query.customerId;
    const rows = await this.prisma.order.findMany({
      where,
      include: orderReadInclude(scope.merchantId),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(query.limit, query.cursor),
    });
    return toPage(rows, query.limit, toOrderReadDto);
  }

  /** The order with its latest payment attempt (`lastPayment`). */
  async get(scope: OrderScope, id: string): Promise<Order> {
    const row = await this.prisma.order.findFirst({ where: { id, merchantId: scope.merchantId }, include: orderReadInclude(scope.merchantId) });
    if (!row) throw notFound("orders", "order");
    return toOrderReadDto(row);
  }

  /** The order a shopper proves by its number plus the email or phone on it (for anonymous shoppers). */
  async findByNumberAndContact(scope: OrderScope, number: string, contact: string): Promise<Order | null> {
    const normalized = number.replace(/[\s-]/g, "").toUpperCase();
    const row = await this.prisma.order.findUnique({
      where: { merchantId_number: { merchantId: scope.merchantId, number: normalized } },
      include: orderInclude,
    });
    if (!row) return null;
    const digits = (s: string | null) => (s ?? "").replace(/\D/g, "");
    const byEmail = contact.trim().toLowerCase() === row.customerEmail;
    const byPhone = digits(contact).length >= 6 && [row.customerPhone, (row.shippingAddress as { phone?: string }).phone ?? null]
      .some((phone) => digits(phone).endsWith(digits(contact)) && digits(phone).length - digits(contact).length <= 3);
    return byEmail || byPhone ? toOrderDto(row) : null;
  }

  async update(scope: OrderScope, id: string, changes: OrderUpdate, actor: Actor, context: { clientAddress?: string } = {}): Promise<Order> {
    const row = await this.prisma.$transaction(async (tx) => {
      const order = await this.lockRow(tx, scope, id);
      if (!EDITABLE_STATUSES.includes(order.status)) {
        throw conflict("orders:not_editable", `An order that is ${order.status} can no longer be edited.`);
      }
      const data: Prisma.OrderUpdateInput = {};
      if (changes.items) {
        if (!ITEMS_EDITABLE_STATUSES.includes(order.status)) {
          throw conflict("orders:items_locked", "Items can only change before payment.");
        }
        const wanted = mergeItems(changes.items);
        await moveStock(tx, scope, order.items, wanted);
        await tx.orderItem.deleteMany({ where: { orderId: order.id } });
        const lines = await priceLines(tx, scope, wanted);
        data.items = { create: lines };
        const totals = computeTotals(lines, (await merchantRules(tx, scope.merchantId)).shipping, order.discountAmount);
        data.subtotalAmount = totals.subtotal;
        data.shippingAmount = totals.shipping;
        data.discountAmount = totals.discount;
        data.totalAmount = totals.total;
      }
      if (changes.shippingAddress) data.shippingAddress = changes.shippingAddress;
      if (changes.note !== undefined) data.note = changes.note;
      if (changes.customer?.name !== undefined) data.customerName = changes.customer.name;
      if (changes.customer?.phone !== undefined) data.customerPhone = changes.customer.phone;
      // Which fields changed, never their values: the audit log holds no personal data.
      const fields = Object.keys(changes).flatMap((k) => (k === "customer" && changes.customer ? Object.keys(changes.customer).map((f) => `customer.${f}`) : [k]));
      if (this.audit) await this.audit.record({ merchantId: scope.merchantId, actor, action: "order.updated", entity: "order", entityId: order.id, clientAddress: context.clientAddress, data: { fields } }, tx);
      else await tx.auditLog.create({ data: { merchantId: scope.merchantId, actor, action: "order.updated", entity: "order", entityId: order.id, data: { fields } } });
      return tx.order.update({ where: { id: order.id }, data, include: orderInclude });
    }, TX_OPTIONS);
    return toOrderDto(row);
  }

  /** Cancels before shipment and puts the items back in stock. */
  async cancel(scope: OrderScope, id: string, actor: Actor, reason?: string): Promise<Order> {
    let from: OrderStatus = "pending_payment";
    const row = await this.prisma.$transaction(async (tx) => {
      const order = await this.lockRow(tx, scope, id);
      from = order.status;
      if (!isCancellable(order.status)) {
        throw conflict("orders:not_cancellable", `An order that is ${order.status} can no longer be cancelled.`, {
          status: order.status,
        });
      }
      await moveStatus(tx, order.id, order.status, "cancelled", actor, reason);
      await releaseStock(tx, order.items);
      // An unpaid order gives its coupon use back; a paid one keeps it (the money goes back instead).
      if (order.status === "pending_payment") await orderDiscounts.release(tx, order.id);
      // Its open payments close with it; money arriving for them later is refunded.
      await tx.payment.updateMany({ where: { orderId: order.id, status: "pending" }, data: { status: "expired" } });
      return tx.order.findUniqueOrThrow({ where: { id: order.id }, include: orderInclude });
    }, TX_OPTIONS);
    this.log.info({ merchantId: scope.merchantId, orderId: row.id, actor }, "order cancelled");
    // A paid order's money goes back through its provider once the cancellation has committed.
    if (from !== "pending_payment" && from !== "on_hold" && this.refundHook && (await this.refundHook(scope, row.id, reason ?? "order cancelled", actor))) {
      const order = await this.get(scope, row.id);
      this.onEvent({ type: "order.status_changed", merchantId: scope.merchantId, order });
      return order;
    }
    const order = toOrderDto(row);
    this.onEvent({ type: "order.status_changed", merchantId: scope.merchantId, order });
    return order;
  }

  async changeStatus(scope: OrderScope, id: string, to: OrderStatus, actor: Actor, note?: string): Promise<Order> {
    if (to === "cancelled") return this.cancel(scope, id, actor, note);
    if (to === "refunded" && this.refundHook) {
      // Approving a refund: money back through the provider first; the order follows.
      const current = await this.get(scope, id);
      if (!canTransition(current.status, to)) {
        throw conflict("orders:illegal_transition", `An order cannot go from ${current.status} to ${to}.`, { from: current.status, to });
      }
      if (await this.refundHook(scope, id, note ?? "refund approved", actor)) return this.get(scope, id);
    }
    const row = await this.prisma.$transaction(async (tx) => {
      const order = await this.findRow(tx, scope, id);
      if (!canTransition(order.status, to)) {
        throw conflict("orders:illegal_transition", `An order cannot go from ${order.status} to ${to}.`, {
          from: order.status,
          to,
        });
      }
      await moveStatus(tx, order.id, order.status, to, actor, note);
      return tx.order.findUniqueOrThrow({ where: { id: order.id }, include: orderInclude });
    }, TX_OPTIONS);
    const changed = toOrderDto(row);
    this.onEvent({ type: "order.status_changed", merchantId: scope.merchantId, order: changed });
    return changed;
  }

  /**
   * Reads the order after locking its row (SELECT ... FOR UPDATE), so that edits and
   * cancellations of one order run one after the other and each sees the items the one
   * before left. Every writer of stock takes the order row first, then products in id order:
   * one lock order, so no deadlock between an edit and a cancel (red team, PostgreSQL).
   */
  private async lockRow(tx: Tx, scope: OrderScope, id: string) {
    await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${id} AND "merchantId" = ${scope.merchantId} FOR UPDATE`;
    return this.findRow(tx, scope, id);
  }

  private async findRow(db: Tx | PrismaClient, scope: OrderScope, id: string) {
    const row = await db.order.findFirst({ where: { id, merchantId: scope.merchantId }, include: orderInclude });
    if (!row) throw notFound("orders", "order");
    return row;
  }
}

function mergeItems(items: ItemInput[]): ItemInput[] {
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.productId, (merged.get(item.productId) ?? 0) + item.quantity);
  // A fixed lock order keeps two orders for the same products from deadlocking on PostgreSQL.
  return [...merged].sort(([a], [b]) => a.localeCompare(b)).map(([productId, quantity]) => ({ productId, quantity }));
}

/** Takes stock for every item or throws (rolling the transaction back); returns the priced lines. */
async function reserveStock(tx: Tx, scope: OrderScope, items: ItemInput[]) {
  const lines = [];
  for (const item of items) {
    const taken = await tx.product.updateMany({
      where: { id: item.productId, merchantId: scope.merchantId, status: "active", stock: { gte: item.quantity } },
      data: { stock: { decrement: item.quantity } },
    });
    const product = await tx.product.findFirst({ where: { id: item.productId, merchantId: scope.merchantId } });
    if (taken.count === 0) {
      if (!product) throw new AppError(422, "orders:unknown_product", `No product ${item.productId} in this shop.`, { productId: item.productId });
      if (product.status !== "active") {
        throw conflict("orders:product_unavailable", `${product.sku} is no longer sold.`, { productId: product.id });
      }
      throw conflict("orders:out_of_stock", `Only ${product.stock} of ${product.sku} left.`, {
        productId: product.id,
        available: product.stock,
        requested: item.quantity,
      });
    }
    if (!product) throw new Error("product vanished inside its own transaction");
    lines.push({ productId: product.id, sku: product.sku, name: product.name as object, quantity: item.quantity, unitPrice: product.priceAmount });
  }
  return lines;
}

/** The order's total at the catalog's current prices, before any stock is taken (for risk scoring). */
async function estimatedTotal(tx: Tx, scope: OrderScope, items: ItemInput[], shipping: Parameters<typeof computeTotals>[1]) {
  const products = await tx.product.findMany({ where: { merchantId: scope.merchantId, id: { in: items.map((i) => i.productId) } }, select: { id: true, priceAmount: true } });
  const price = new Map(products.map((p) => [p.id, p.priceAmount]));
  return computeTotals(items.map((i) => ({ unitPrice: price.get(i.productId) ?? 0, quantity: i.quantity })), shipping).total;
}

/** The merchant's shipping rule and payment window, read inside the order's transaction. */
async function merchantRules(tx: Tx, merchantId: string) {
  const merchant = await tx.merchant.findUnique({ where: { id: merchantId }, select: { settings: true } });
  const settings = settingsOf(merchant?.settings);
  return { shipping: settings.shipping, windowMinutes: settings.payments.windowMinutes, risk: settings.risk };
}

/**
 * Changes what an order holds from `held` to `wanted` with one conditional update per product,
 * in product id order (net change only: a product whose quantity grows takes only the extra
 * units, and only if there are that many).
 */
async function moveStock(tx: Tx, scope: OrderScope, held: ItemInput[], wanted: ItemInput[]) {
  const delta = new Map<string, number>();
  for (const item of mergeItems(held)) delta.set(item.productId, -item.quantity);
  for (const item of wanted) delta.set(item.productId, (delta.get(item.productId) ?? 0) + item.quantity);
  const heldIds = new Set(held.map((i) => i.productId));
  for (const [productId, change] of [...delta].sort(([a], [b]) => a.localeCompare(b))) {
    if (change < 0) {
      await tx.product.update({ where: { id: productId }, data: { stock: { increment: -change } } });
    } else if (change > 0 || !heldIds.has(productId)) {
      // A product newly added must be sellable even when the change is zero.
      await reserveStock(tx, scope, [{ productId, quantity: change }]);
    }
  }
}

/** The priced lines for items whose stock is already taken. */
async function priceLines(tx: Tx, scope: OrderScope, items: ItemInput[]) {
  const products = await tx.product.findMany({ where: { id: { in: items.map((i) => i.productId) }, merchantId: scope.merchantId } });
  const byId = new Map(products.map((p) => [p.id, p]));
  return items.map((item) => {
    const product = byId.get(item.productId);
    if (!product) throw new AppError(422, "orders:unknown_product", `No product ${item.productId} in this shop.`, { productId: item.productId });
    return { productId: product.id, sku: product.sku, name: product.name as object, quantity: item.quantity, unitPrice: product.priceAmount };
  });
}

async function releaseStock(tx: Tx, items: ItemInput[]) {
  for (const item of mergeItems(items)) {
    await tx.product.update({ where: { id: item.productId }, data: { stock: { increment: item.quantity } } });
  }
}

/** Moves status only from the state we read, so two concurrent changes cannot both win. */
async function moveStatus(tx: Tx, orderId: string, from: OrderStatus, to: OrderStatus, actor: Actor, note?: string) {
  const moved = await tx.order.updateMany({ where: { id: orderId, status: from }, data: { status: to } });
  if (moved.count === 0) throw conflict("orders:status_changed", "The order changed meanwhile; reload and try again.");
  await tx.orderStatusChange.create({ data: { orderId, fromStatus: from, status: to, actor, note: note ?? null } });
}

async function upsertCustomer(tx: Tx, merchantId: string, contact: OrderCreate["customer"]): Promise<string> {
  const customer = await tx.customer.upsert({
    where: { merchantId_email: { merchantId, email: contact.email } },
    create: { merchantId, email: contact.email, name: contact.name ?? null, phone: contact.phone ?? null },
    update: {},
  });
  return customer.id;
}
