import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { idParamSchema, listOf, paginationQuerySchema } from "../../contracts/common.ts";
import {
  orderCancelSchema,
  orderCreateSchema,
  orderListQuerySchema,
  orderSchema,
  orderStatusChangeSchema,
  orderUpdateSchema,
} from "../../contracts/orders.ts";
import {
  conflictResponse,
  errorResponses,
  jsonBody,
  jsonResponse,
  merchantSecurity,
  unprocessableResponse,
} from "../../http/openapi.ts";

const tags = ["Orders"];
const common = { tags, security: merchantSecurity };

export const listOrders = createRoute({
  ...common,
  method: "get",
  path: "/orders",
  summary: "List orders, newest first",
  request: { query: paginationQuerySchema.extend(orderListQuerySchema.shape) },
  responses: { 200: jsonResponse(listOf(orderSchema), "A page of orders"), ...errorResponses },
});

export const createOrder = createRoute({
  ...common,
  method: "post",
  path: "/orders",
  summary: "Place an order (stock is reserved; total computed by the server)",
  description:
    "Requires an Idempotency-Key header: a retry with the same key and body returns the first result " +
    "(with `Idempotent-Replayed: true`), the same key with another body is 422, and a retry while the first " +
    "is still running is 409. Not enough stock is 409 `orders:out_of_stock`.",
  request: {
    headers: z.object({ "idempotency-key": z.string({ error: "the Idempotency-Key header is required" }).min(1).max(255).meta({ description: "A unique key per order attempt" }) }),
    body: jsonBody(orderCreateSchema),
  },
  responses: {
    201: jsonResponse(orderSchema, "The new order"),
    ...errorResponses,
    ...conflictResponse,
    ...unprocessableResponse,
  },
});

export const getOrder = createRoute({
  ...common,
  method: "get",
  path: "/orders/{id}",
  summary: "Get an order with its items and history",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(orderSchema, "The order"), ...errorResponses },
});

export const updateOrder = createRoute({
  ...common,
  method: "patch",
  path: "/orders/{id}",
  summary: "Edit an order before shipment (items only before payment)",
  request: { params: idParamSchema, body: jsonBody(orderUpdateSchema) },
  responses: { 200: jsonResponse(orderSchema, "The edited order"), ...errorResponses, ...conflictResponse },
});

export const cancelOrder = createRoute({
  ...common,
  method: "post",
  path: "/orders/{id}/cancel",
  summary: "Cancel before shipment; the items go back in stock",
  request: { params: idParamSchema, body: { required: false, content: { "application/json": { schema: orderCancelSchema } } } },
  responses: { 200: jsonResponse(orderSchema, "The cancelled order"), ...errorResponses, ...conflictResponse },
});

export const reviewOrder = createRoute({
  ...common,
  method: "post",
  path: "/orders/{id}/review",
  summary: "Release or reject an order held by risk scoring",
  description: "Only for an order `on_hold`: approve moves it to pending_payment with a fresh payment window; reject cancels it and releases its stock. Otherwise 409 `orders:not_on_hold`.",
  request: { params: idParamSchema, body: jsonBody(z.object({ decision: z.enum(["approve", "reject"]) }).strict().meta({ id: "OrderReview" })) },
  responses: { 200: jsonResponse(orderSchema, "The reviewed order"), ...errorResponses, ...conflictResponse },
});

export const changeOrderStatus = createRoute({
  ...common,
  method: "post",
  path: "/orders/{id}/status",
  summary: "Move an order along its lifecycle; illegal moves are 409",
  description:
    "pending_payment → paid | cancelled; paid → processing | cancelled | refund_requested; processing → shipped | " +
    "cancelled | refund_requested; shipped → delivered | refund_requested; delivered → completed | refund_requested; " +
    "completed → refund_requested; refund_requested → refunded | completed.",
  request: { params: idParamSchema, body: jsonBody(orderStatusChangeSchema) },
  responses: { 200: jsonResponse(orderSchema, "The order"), ...errorResponses, ...conflictResponse },
});
