import type { Order as OrderRow, OrderItem, OrderStatusChange } from "../../db/generated/client.ts";
import type { LocalizedText } from "../../contracts/common.ts";
import type { Order, ShippingAddress } from "../../contracts/orders.ts";

export type OrderWithRelations = OrderRow & { items: OrderItem[]; history: OrderStatusChange[] };

export const orderInclude = {
  items: { orderBy: { sku: "asc" } },
  history: { orderBy: { at: "asc" } },
} as const;

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
