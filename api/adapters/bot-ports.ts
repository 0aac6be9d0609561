import type { Address, BotPorts, CommerceResult, OrderView, ProductView, ShopperIdentity } from "../../bot/ports.ts";
import type { Order } from "../contracts/orders.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import type { CatalogService } from "../domain/catalog/catalog.service.ts";
import type { HandoffService } from "../domain/handoff/handoff.service.ts";
import type { KnowledgeService } from "../domain/knowledge/knowledge.service.ts";
import type { OrdersService, OrderScope } from "../domain/orders/orders.service.ts";
import type { PaymentsService } from "../domain/payments/payments.service.ts";
import { paymentPorts, quoteWithShipping } from "./bot-payment-ports.ts";
import type { IdempotencyStore } from "../domain/shared/idempotency.ts";
import type { Caches } from "../domain/shared/caches.ts";
import { TtlCache } from "../domain/shared/ttl-cache.ts";
import type { MerchantsService } from "../domain/merchants/merchants.service.ts";
import { shopperKey, type RecommendationsService } from "../domain/recommendations/recommendations.service.ts";
import { AppError } from "../errors.ts";
import type { CouponsService } from "../domain/promotions/coupons.service.ts";
import { quoteDiscounts, referralOf } from "./bot-promotion-ports.ts";

import type { ProofAttempts } from "../domain/orders/proof-attempts.ts";
import type { PrivacyService } from "../domain/privacy/privacy.service.ts";
import { privacyPort } from "./bot-privacy-ports.ts";

export interface BotPortDeps {
  prisma: PrismaClient;
  catalog: CatalogService;
  orders: OrdersService;
  knowledge: KnowledgeService;
  idempotency: IdempotencyStore;
  handoff: Pick<HandoffService, "enqueue">;
  caches: Pick<Caches, "register">;
  /** The merchant rows, cached per node and kept right across nodes. */
  merchants: Pick<MerchantsService, "get">;
  /** Payments for the pay block and the "I paid but…" check (absent: no pay block). */
  payments?: PaymentsService;
  /** The recommender behind the bot's recommend answers and "often bought together". */
  recommendations?: Pick<RecommendationsService, "recommend">;
  /** Told after the bot placed an order in a conversation (experiment conversions). */
  onOrderPlaced?: (merchantId: string, conversationId: string, order: OrderView) => Promise<unknown>;
  /** Coupons the bot can list and try (absent: no coupons in chat). */
  coupons?: CouponsService;
  /** How long a merchant's catalog snapshot serves the NLU before it is read again. @defaultValue 5000 */
  catalogTtlMs?: number;
  /** Caps order proofs (number + contact) per conversation, shopper and shop. */
  proofs?: ProofAttempts;
  /** Shoppers' data requests in chat (absent: the bot hands them to a person). */
  privacy?: PrivacyService;
}

/** The bot's ports over the domain services. Every order call acts as the bot, for the verified shopper. */
export function createBotPorts(deps: BotPortDeps): BotPorts {
  const { prisma, orders, knowledge, idempotency } = deps;
  const ttl = deps.catalogTtlMs ?? 5000;
  const catalogs = new TtlCache<ProductView[]>(ttl);
  deps.caches.register("catalog", (merchantId) => catalogs.dropMerchant(merchantId));

  async function scopeOf(merchantId: string): Promise<OrderScope> {
    const m = await deps.merchants.get(merchantId);
    if (!m) throw new AppError(404, "merchants:not_found", "No such merchant.");
    return { merchantId, currency: m.currency, orderPrefix: m.orderPrefix };
  }

  async function loadCatalog(merchantId: string): Promise<ProductView[]> {
    const rows = await prisma.product.findMany({ where: { merchantId }, orderBy: [{ stock: "desc" }, { sku: "asc" }] });
    return rows.map((p) => ({
      id: p.id,
      sku: p.sku,
      name: p.name as ProductView["name"],
      description: (p.description ?? {}) as ProductView["description"],
      tags: p.tags,
      price: { amount: p.priceAmount, currency: p.currency },
      stock: p.stock,
      status: p.status,
      imageUrl: p.imageUrl,
    }));
  }

  async function attempt<T>(fn: () => Promise<T>): Promise<CommerceResult<T>> {
    try {
      return { ok: true, value: await fn() };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, code: error.code, details: error.details as Record<string, unknown> | undefined };
      throw error;
    }
  }

  const recommender = deps.recommendations;
  return {
    ...(deps.privacy ? { privacy: privacyPort(deps.privacy, prisma, deps.merchants) } : {}),
    ...(recommender
      ? {
          recommendations: {
            async recommend(merchantId, shopper, query) {
              const who = shopper.verified && shopper.customerId ? shopperKey(shopper.customerId, "") : undefined;
              return (await recommender.recommend(merchantId, { ...query, shopper: who })).map((p) => p.id);
            },
          },
        }
      : {}),
    commerce: {
      catalog(merchantId) {
        return catalogs.get(merchantId, () => loadCatalog(merchantId), () => merchantId);
      },

      async quote(merchantId, items, options = {}) {
        const products = await prisma.product.findMany({ where: { merchantId, id: { in: items.map((i) => i.productId) } } });
        const lines: OrderView["items"] = [];
        for (const item of items) {
          const p = products.find((x) => x.id === item.productId);
          if (!p || p.status !== "active") return { ok: false, code: "orders:product_unavailable" };
          if (p.stock < item.quantity) return { ok: false, code: "orders:out_of_stock", details: { available: p.stock } };
          lines.push({ productId: p.id, sku: p.sku, name: p.name as ProductView["name"], quantity: item.quantity, unitPrice: { amount: p.priceAmount, currency: p.currency } });
        }
        const currency = lines[0]?.unitPrice.currency ?? (await scopeOf(merchantId)).currency;
        const customerId = options.shopper?.verified ? (options.shopper.customerId ?? null) : null;
        const promo = await quoteDiscounts(deps, merchantId, products, lines, customerId, options.couponCode, currency);
        return { ok: true, value: { ...(await quoteWithShipping(prisma, merchantId, lines, currency, promo.discount)), ...promo.coupon } };
      },

      async coupons(merchantId, shopper, conversationId) {
        if (!deps.coupons) return [];
        const currency = (await scopeOf(merchantId)).currency;
        const list = await deps.coupons.usable(merchantId, shopper.verified ? (shopper.customerId ?? null) : null, new Date(), conversationId);
        return list.map((c) => ({ code: c.code, type: c.type, value: c.value, minSpend: c.minSpend ? { amount: c.minSpend, currency } : null, endsAt: c.endsAt, personal: c.personal }));
      },

      async placeOrder(merchantId, order, shopper, idempotencyKey, context) {
        const scope = await scopeOf(merchantId);
        const referralCode = context ? await referralOf(prisma, merchantId, context.conversationId) : undefined;
        return attempt(async () => {
          const result = await idempotency.run<Order>(
            { merchantId, operation: "orders:create:bot", key: idempotencyKey, request: order },
            async () => ({
              status: 201,
              body: await orders.create(scope, { ...order, ...(referralCode ? { referralCode } : {}) }, actorFor(shopper), { channel: "bot", customerId: shopper.verified ? shopper.customerId : undefined }),
            }),
          );
          catalogs.dropMerchant(merchantId);
          const view = toView(result.body);
          if (context && deps.onOrderPlaced) await deps.onOrderPlaced(merchantId, context.conversationId, view);
          return view;
        });
      },

      async ordersOf(merchantId, shopper, limit) {
        if (!shopper.verified || !shopper.customerId) return [];
        const page = await orders.list(await scopeOf(merchantId), { limit, customerId: shopper.customerId });
        return page.data.map(toView);
      },

      async findOrder(merchantId, number, contact, context) {
        const keys = { merchantId, conversationId: context?.conversationId ?? `merchant:${merchantId}`, customerId: context?.customerId };
        const wait = deps.proofs ? await deps.proofs.blockedFor(keys) : 0;
        if (wait > 0) return { locked: true as const, retryAfterSec: wait };
        const order = await orders.findByNumberAndContact(await scopeOf(merchantId), number, contact);
        if (!order) await deps.proofs?.missed(keys);
        return order ? toView(order) : null;
      },

      async getOrder(merchantId, orderId) {
        const result = await attempt(async () => orders.get(await scopeOf(merchantId), orderId));
        return result.ok ? toView(result.value) : null;
      },

      async cancelOrder(merchantId, orderId, reason) {
        const scope = await scopeOf(merchantId);
        const result = await attempt(async () => toView(await orders.cancel(scope, orderId, "bot", reason)));
        catalogs.dropMerchant(merchantId);
        return result;
      },

      async changeAddress(merchantId, orderId, address: Address) {
        const scope = await scopeOf(merchantId);
        return attempt(async () => toView(await orders.update(scope, orderId, { shippingAddress: address }, "bot")));
      },

      async changeQuantity(merchantId, orderId, items) {
        const scope = await scopeOf(merchantId);
        const result = await attempt(async () => toView(await orders.update(scope, orderId, { items }, "bot")));
        catalogs.dropMerchant(merchantId);
        return result;
      },

      ...(deps.payments ? paymentPorts(deps.payments, attempt) : {}),

      async requestRefund(merchantId, orderId, reason) {
        const scope = await scopeOf(merchantId);
        return attempt(async () => toView(await orders.changeStatus(scope, orderId, "refund_requested", "bot", reason)));
      },
    },

    knowledge: {
      search: (merchantId, locale, query, limit) => knowledge.search(merchantId, locale, query, limit),
    },

    handoff: {
      async requestHuman(merchantId, request) {
        await prisma.auditLog.create({
          data: { merchantId, actor: "bot", action: "conversation.queued", entity: "conversation", entityId: request.conversationId, data: { reason: request.reason } },
        });
        return deps.handoff.enqueue(merchantId, request);
      },
    },
  };
}

const actorFor = (shopper: ShopperIdentity) => (shopper.verified && shopper.customerId ? `bot:customer:${shopper.customerId}` : "bot");

function toView(order: Order): OrderView {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    items: order.items.map((i) => ({ productId: i.productId, sku: i.sku, name: i.name, quantity: i.quantity, unitPrice: i.unitPrice })),
    total: order.total,
    discount: order.discount,
    couponCode: order.couponCode ?? null,
    shippingAddress: order.shippingAddress,
    customer: order.customer,
    history: order.history.map((h) => ({ status: h.status, at: h.at })),
    createdAt: order.createdAt,
  };
}
