import { z } from "zod";
import { localizedTextSchema, moneySchema } from "./common.ts";

import { ORDER_STATUSES } from "./order-statuses.ts";
import { paymentStatusSchema, providerSchema } from "./payments.ts";

export { ORDER_STATUSES };
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, "a phone number");

export const customerContactSchema = z
  .object({
    email: z.email().max(254).transform((email) => email.toLowerCase()),
    name: z.string().trim().min(1).max(100).optional(),
    phone: phoneSchema.optional(),
  })
  .strict();

export const shippingAddressSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    phone: phoneSchema,
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1).max(100),
    region: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().max(20).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code such as CN"),
  })
  .strict()
  .meta({ id: "ShippingAddress" });
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

export const orderItemInputSchema = z
  .object({
    productId: z.uuid(),
    quantity: z.number().int().min(1).max(999),
  })
  .strict();

export const orderCreateSchema = z
  .object({
    customer: customerContactSchema,
    items: z.array(orderItemInputSchema).min(1).max(50),
    shippingAddress: shippingAddressSchema,
    note: z.string().trim().max(1000).optional(),
    client: z
      .object({
        address: z.string().trim().min(1).max(64).optional().meta({ description: "The shopper's network address, as your storefront saw it" }),
        deviceToken: z.string().trim().min(1).max(128).optional().meta({ description: "A stable token of the shopper's device or browser" }),
      })
      .strict()
      .optional()
      .meta({ description: "Where the shopper ordered from, for risk scoring (kept only as keyed hashes)" }),
    couponCode: z.string().trim().min(1).max(32).optional().meta({ description: "A coupon to apply (any case); errors: 404 coupons:not_found, 409 coupons:exhausted | coupons:limit_reached, 422 coupons:not_applicable" }),
    referralCode: z.string().trim().min(1).max(40).optional().meta({ description: "A referral partner's code the order is attributed to" }),
  })
  .strict()
  .meta({ id: "OrderCreate" });
export type OrderCreate = z.infer<typeof orderCreateSchema>;

export const orderUpdateSchema = z
  .object({
    customer: customerContactSchema.omit({ email: true }).partial().strict().optional(),
    shippingAddress: shippingAddressSchema.optional(),
    note: z.string().trim().max(1000).nullable().optional(),
    items: z.array(orderItemInputSchema).min(1).max(50).optional(),
  })
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, "nothing to change")
  .meta({ id: "OrderUpdate", description: "Only before shipment; items only while pending payment." });
export type OrderUpdate = z.infer<typeof orderUpdateSchema>;

export const orderStatusChangeSchema = z
  .object({ status: orderStatusSchema, note: z.string().trim().max(500).optional() })
  .strict();

export const orderCancelSchema = z.object({ reason: z.string().trim().max(500).optional() }).strict();

/** The order's most recent payment attempt, so a list can tell a failed payment (red) from one not tried yet. */
export const orderLastPaymentSchema = z
  .object({
    status: paymentStatusSchema,
    provider: providerSchema,
    failedAt: z.string().nullable().meta({ description: "When the provider reported the failure (status failed only)" }),
    failureReason: z.string().nullable().meta({ description: "The provider's reason, as it sent it (status failed only)" }),
    at: z.string().meta({ description: "When the attempt started" }),
  })
  .meta({
    id: "OrderLastPayment",
    description:
      "In GET /orders and GET /orders/{id}: the latest payment attempt (null: none yet). An order still pending_payment whose last attempt failed is shown red; every attempt is at GET /orders/{id}/payments.",
  });
export type OrderLastPayment = z.infer<typeof orderLastPaymentSchema>;

export const orderSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    status: orderStatusSchema,
    customer: z.object({ email: z.string(), name: z.string().nullable(), phone: z.string().nullable() }),
    items: z.array(
      z.object({ productId: z.string(), sku: z.string(), name: localizedTextSchema, quantity: z.number(), unitPrice: moneySchema }),
    ),
    subtotal: moneySchema.meta({ description: "Items at their unit prices" }),
    shipping: moneySchema.meta({ description: "The merchant's flat fee, or 0 from its free-shipping threshold" }),
    discount: moneySchema,
    total: moneySchema.meta({ description: "subtotal + shipping - discount, never below 0 (computed by the server)" }),
    payBy: z.string().nullable().meta({ description: "While pending payment: when the order is cancelled if still unpaid" }),
    shippingAddress: shippingAddressSchema,
    note: z.string().nullable(),
    channel: z.enum(["api", "bot", "console"]),
    risk: z
      .object({ score: z.number().int().min(0).max(100), level: z.enum(["low", "medium", "high"]), reasons: z.array(z.string()) })
      .meta({ id: "OrderRisk", description: "Risk scoring: high puts the order on_hold until POST /orders/{id}/review" }),
    couponCode: z.string().nullable().optional(),
    referralCode: z.string().nullable().optional(),
    history: z.array(
      z.object({ from: orderStatusSchema.nullable(), status: orderStatusSchema, at: z.string(), actor: z.string(), note: z.string().nullable() }),
    ),
    lastPayment: orderLastPaymentSchema.nullable().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Order" });
export type Order = z.infer<typeof orderSchema>;

export const orderListQuerySchema = z.object({
  status: orderStatusSchema.optional(),
  email: z.string().trim().toLowerCase().max(254).optional(),
  number: z.string().trim().toUpperCase().max(20).optional(),
});
