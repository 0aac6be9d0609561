import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { errorSchema, idParamSchema } from "../../contracts/common.ts";
import {
  paymentSchema,
  paymentSettingsInputSchema,
  paymentSettingsSchema,
  providerSchema,
  refundCreateSchema,
  refundSchema,
  shippingSettingsSchema,
} from "../../contracts/payments.ts";
import { conflictResponse, errorResponses, jsonBody, jsonResponse, merchantSecurity, unprocessableResponse } from "../../http/openapi.ts";

const common = { tags: ["Payments"], security: merchantSecurity };
const errorContent = { "application/json": { schema: errorSchema } };

export const createPayment = createRoute({
  ...common,
  method: "post",
  path: "/orders/{id}/payments",
  summary: "Start paying an unpaid order with the merchant's provider",
  description: "Returns the open payment when there is one. An order that is not pending payment (cancelled, expired, paid) is 409 `payments:order_not_payable`.",
  request: { params: idParamSchema },
  responses: { 201: jsonResponse(paymentSchema, "The payment, with its pay URL and QR code"), ...errorResponses, ...conflictResponse, 502: { description: "The provider did not answer", content: errorContent } },
});

export const listPayments = createRoute({
  ...common,
  method: "get",
  path: "/orders/{id}/payments",
  summary: "An order's payments, oldest first",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(z.object({ data: z.array(paymentSchema) }), "Payments"), ...errorResponses },
});

export const createRefund = createRoute({
  ...common,
  method: "post",
  path: "/orders/{id}/refunds",
  summary: "Refund an order in part or whole through its provider",
  description: "Never more than was paid and not yet refunded (422 `payments:refund_exceeds_paid`). A whole refund moves the order to `refunded`; this is also how a refund requested in chat is approved.",
  request: { params: idParamSchema, body: jsonBody(refundCreateSchema) },
  responses: { 201: jsonResponse(z.object({ data: z.array(refundSchema) }), "The refunds made"), ...errorResponses, ...unprocessableResponse, 502: { description: "The provider refused", content: errorContent } },
});

export const listRefunds = createRoute({
  ...common,
  method: "get",
  path: "/orders/{id}/refunds",
  summary: "An order's refunds",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(z.object({ data: z.array(refundSchema) }), "Refunds"), ...errorResponses },
});

export const getPaymentSettings = createRoute({
  ...common,
  tags: ["Settings"],
  method: "get",
  path: "/settings/payments",
  summary: "The payment provider and window (credentials are never returned)",
  responses: { 200: jsonResponse(paymentSettingsSchema, "Payment settings"), ...errorResponses },
});

export const putPaymentSettings = createRoute({
  ...common,
  tags: ["Settings"],
  method: "put",
  path: "/settings/payments",
  summary: "Choose the provider, the payment window and the provider's credentials",
  description:
    "Credentials per provider — sandbox `{ secret? }`; alipay `{ appId, privateKey, alipayPublicKey, gateway? }`; wechatpay `{ mchId, appId, serialNo, privateKey, apiV3Key, platformPublicKey, platformSerial?, baseUrl? }`; stripe `{ secretKey, webhookSecret, apiBase? }`. Write-only.",
  request: { body: jsonBody(paymentSettingsInputSchema) },
  responses: { 200: jsonResponse(paymentSettingsSchema, "Saved"), ...errorResponses },
});

export const getShipping = createRoute({
  ...common,
  tags: ["Settings"],
  method: "get",
  path: "/settings/shipping",
  summary: "The shipping rule used in every order total",
  responses: { 200: jsonResponse(shippingSettingsSchema.nullable(), "Shipping settings (null: free shipping)"), ...errorResponses },
});

export const putShipping = createRoute({
  ...common,
  tags: ["Settings"],
  method: "put",
  path: "/settings/shipping",
  summary: "Set the flat shipping fee and the free-shipping threshold",
  request: { body: jsonBody(shippingSettingsSchema) },
  responses: { 200: jsonResponse(shippingSettingsSchema, "Saved"), ...errorResponses },
});

const notifyDescription =
  "Public; called by the provider. The signature is checked on the raw body: sandbox `X-Sandbox-Signature` (hex HMAC-SHA256 of the body " +
  "with the merchant's sandbox secret); alipay RSA2 `sign` of the form fields; wechatpay `Wechatpay-Signature/Timestamp/Nonce/Serial` " +
  "and an AEAD_AES_256_GCM `resource`; stripe `Stripe-Signature`. Bad or missing signature 401, unknown payment 404, amount or currency " +
  "different from the payment's 422 — each changing nothing; a replay is 200 and changes nothing.";

export const notify = createRoute({
  method: "post",
  path: "/payments/{provider}/notify",
  tags: ["Payments"],
  summary: "A provider's payment notification",
  description: notifyDescription,
  request: { params: z.object({ provider: providerSchema }) },
  responses: {
    200: { description: "Acknowledged in the provider's format" },
    204: { description: "Acknowledged (WeChat Pay)" },
    400: { description: "Unreadable", content: errorContent },
    401: { description: "Bad or missing signature", content: errorContent },
    404: { description: "Unknown payment", content: errorContent },
    ...unprocessableResponse,
  },
});

export const webhookAlias = createRoute({ ...notify, path: "/payments/{provider}/webhook", summary: "Same as /payments/{provider}/notify" });
