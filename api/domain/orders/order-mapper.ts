import type { Order as OrderRow, OrderItem, OrderStatusChange, Prisma } from "../../db/generated/client.ts";
import type { LocalizedText } from "../../contracts/common.ts";
import type { Order, OrderLastPayment, ShippingAddress } from "../../contracts/orders.ts";
import type { ProviderName } from "../../contracts/payments.ts";

export type OrderWithRelations = OrderRow & { items: OrderItem[]; history: OrderStatusChange[] };

export const orderInclude = {
  items: { orderBy: { sku: "asc" } },
  history: { orderBy: { at: "asc" } },
} as const;

/**
 * What GET /orders and GET /orders/{id} read besides: the latest payment attempt of each order,
 * loaded for the whole page in one query with the orders (never one query per order). The
 * merchant is in that query too, so it runs on the (merchantId, orderId) index.
 */
export function orderReadInclude(merchantId: string) {
  return {
    ...orderInclude,
    payments: {
      where: { merchantId },
      orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
      take: 1,
      select: { status: true, provider: true, failureReason: true, createdAt: true, updatedAt: true },
    },
  } satisfies Prisma.OrderInclude;
}

type LastPaymentRow = { status: OrderLastPayment["status"]; provider: string; failureReason: string | null; createdAt: Date; updatedAt: Date };
export type OrderReadRow = OrderWithRelations & { payments: LastPaymentRow[] };

/** The order with its latest payment attempt (`lastPayment`, null when it has none). */
export function toOrderReadDto(row: OrderReadRow): Order {
  const last = row.payments[0];
  return {
    ...toOrderDto(row),
    lastPayment: last
      ? {
          status: last.status,
          provider: last.provider as ProviderName,
          failedAt: last.status === "failed" ? last.updatedAt.toISOString() : null,
          failureReason: last.status === "failed" ? last.failureReason : null,
          at: last.createdAt.toISOString(),
        }
      : null,
  };
}

export function toOrderDto(row: OrderWithRelations): Order {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    customer: { email: row.customerEmail, name: row.customerName, phone: row.customerPhone },
    items: row.items.map((item) => ({
      productId: item.productId,
      sku: item.sku,
      name: item.name as LocalizedText,
      quantity: item.quantity,
      unitPrice: { amount: item.unitPrice, currency: row.currency },
    })),
    subtotal: { amount: row.subtotalAmount, currency: row.currency },
    shipping: { amount: row.shippingAmount, currency: row.currency },
    discount: { amount: row.discountAmount, currency: row.currency },
    total: { amount: row.totalAmount, currency: row.currency },
    payBy: row.status === "pending_payment" && row.payBy ? row.payBy.toISOString() : null,
    shippingAddress: row.shippingAddress as ShippingAddress,
    note: row.note,
    channel: row.channel,
    risk: { score: row.riskScore, level: row.riskLevel as "low" | "medium" | "high", reasons: row.riskReasons },
    couponCode: row.couponCode,
    referralCode: row.referralCode,
    history: row.history.map((change) => ({
      from: change.fromStatus,
      status: change.status,
      at: change.at.toISOString(),
      actor: change.actor,
      note: change.note,
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
