import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { idParamSchema, listOf, paginationQuerySchema } from "../../contracts/common.ts";
import { WEBHOOK_EVENTS, type WebhooksService } from "../../domain/webhooks/webhooks.service.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const common = { tags: ["Webhooks"], security: merchantSecurity };
const endpointSchema = z.object({ id: z.string(), url: z.string(), events: z.array(z.string()), active: z.boolean(), createdAt: z.string() }).meta({ id: "WebhookEndpoint" });
const createSchema = z
  .object({ url: z.url().max(2000), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1) })
  .strict()
  .meta({ id: "WebhookCreate" });
const deliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    event: z.string(),
    status: z.enum(["pending", "succeeded", "failed"]).or(z.string()),
    attempts: z.number(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: "WebhookDelivery" });

const list = createRoute({ ...common, method: "get", path: "/webhooks", summary: "List webhook endpoints", responses: { 200: jsonResponse(listOf(endpointSchema), "Endpoints"), ...errorResponses } });
const create = createRoute({
  ...common,
  method: "post",
  path: "/webhooks",
  summary: "Subscribe a URL to events (the signing secret is returned once)",
  description:
    "Events: conversation.queued, conversation.resolved, order.created, order.status_changed, payment.succeeded, payment.failed, payment.refunded, coupon.redeemed, campaign.ended. Each POST carries " +
    "`X-ShopChat-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>`; failures are retried with exponential backoff.",
  request: { body: jsonBody(createSchema) },
  responses: { 201: jsonResponse(endpointSchema.extend({ secret: z.string() }), "The endpoint and its secret"), ...errorResponses },
});
const remove = createRoute({ ...common, method: "delete", path: "/webhooks/{id}", summary: "Remove an endpoint", request: { params: idParamSchema }, responses: { 204: { description: "Removed" }, ...errorResponses } });
const deliveries = createRoute({
  ...common,
  method: "get",
  path: "/webhooks/deliveries",
  summary: "The delivery log, newest first",
  request: { query: paginationQuerySchema },
  responses: { 200: jsonResponse(listOf(deliverySchema), "Deliveries"), ...errorResponses },
});

export function webhookRoutes(webhooks: WebhooksService) {
  return createRouter()
    .openapi(list, async (c) => c.json(await webhooks.list(c.get("merchant").merchantId), 200))
    .openapi(create, async (c) => c.json(await webhooks.create(c.get("merchant").merchantId, c.req.valid("json")), 201))
    .openapi(deliveries, async (c) => c.json(await webhooks.deliveries(c.get("merchant").merchantId, c.req.valid("query")), 200))
    .openapi(remove, async (c) => {
      await webhooks.remove(c.get("merchant").merchantId, c.req.valid("param").id);
      return c.body(null, 204);
    });
}
