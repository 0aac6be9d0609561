import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { idParamSchema } from "../../contracts/common.ts";
import type { PrivacyService } from "../../domain/privacy/privacy.service.ts";
import type { AppBindings } from "../../http/bindings.ts";
import { auditActor } from "../../http/audit.ts";
import { clientAddress } from "../../http/rate-limit.ts";
import { conflictResponse, createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const phone = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{5,19}$/, "a phone number");
const rectifySchema = z
  .object({
    name: z.string().trim().min(1).max(100).nullable().optional(),
    email: z.email().max(254).transform((e) => e.toLowerCase()).optional(),
    phone: phone.nullable().optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, "nothing to change")
  .meta({ id: "CustomerRectification" });

const profileSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    externalId: z.string().nullable(),
    vip: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    erasedAt: z.string().nullable(),
  })
  .meta({ id: "CustomerProfile" });

const exportSchema = z
  .object({
    exportedAt: z.string(),
    profile: profileSchema,
    addresses: z.array(z.unknown()),
    orders: z.array(z.unknown()),
    conversations: z.array(z.unknown()),
    feedback: z.array(z.unknown()),
    consents: z.array(z.object({ kind: z.string(), given: z.boolean(), source: z.string(), at: z.string().nullable() })),
    privacyRequests: z.array(z.unknown()),
  })
  .meta({ id: "CustomerExport" });

const common = { tags: ["Customers"], security: merchantSecurity };
const rectify = createRoute({
  ...common,
  method: "patch",
  path: "/customers/{id}",
  summary: "Rectify a customer's name, email or phone (also on their orders)",
  request: { params: idParamSchema, body: jsonBody(rectifySchema) },
  responses: { 200: jsonResponse(profileSchema, "The corrected profile"), ...errorResponses, ...conflictResponse },
});
const exportRoute = createRoute({
  ...common,
  method: "get",
  path: "/customers/{id}/export",
  summary: "Everything held about a customer (right of access), as JSON",
  description: "Profile, addresses, orders with items, history, payments and refunds, conversations with every message, feedback, consents, privacy requests. Written to the audit log.",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(exportSchema, "The export"), ...errorResponses },
});
const erase = createRoute({
  ...common,
  method: "delete",
  path: "/customers/{id}",
  summary: "Erase a customer (right to erasure)",
  description:
    "Name, email, phone, addresses and every text of their conversations are replaced; orders stay for accounting, anonymised; " +
    "feedback comments, webhook delivery logs and analytics roll-ups are scrubbed; their widget sessions stop working. Idempotent.",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(z.object({ id: z.string(), erasedAt: z.string(), orders: z.number().int(), conversations: z.number().int() }).meta({ id: "Erasure" }), "Erased"),
    ...errorResponses,
  },
});
const requests = createRoute({
  ...common,
  method: "get",
  path: "/privacy/requests",
  summary: "Shoppers' data requests made in chat, waiting for the merchant",
  responses: {
    200: jsonResponse(z.object({ data: z.array(z.object({ id: z.string(), customerId: z.string(), kind: z.string(), status: z.string(), createdAt: z.string() })) }), "Pending requests"),
    ...errorResponses,
  },
});

/** The privacy rights over the merchant API (the customer lookups live with the customers area). */
export function privacyRoutes(privacy: PrivacyService, auth: MiddlewareHandler<AppBindings>) {
  const router = createRouter();
  router.use("/customers/*", auth);
  router.use("/privacy/*", auth);
  // The service writes the audit entries (with what was exported or erased): the middleware skips these.
  const by = (c: Parameters<typeof auditActor>[0]) => {
    c.set("audited", true);
    return { actor: auditActor(c), clientAddress: clientAddress(c) };
  };
  return router
    .openapi(rectify, async (c) => c.json(await privacy.rectify(c.get("merchant").merchantId, c.req.valid("param").id, c.req.valid("json"), by(c)), 200))
    .openapi(exportRoute, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await privacy.export(c.get("merchant").merchantId, c.req.valid("param").id, by(c)), 200);
    })
    .openapi(erase, async (c) => c.json(await privacy.erase(c.get("merchant").merchantId, c.req.valid("param").id, by(c)), 200))
    .openapi(requests, async (c) => c.json({ data: await privacy.pendingRequests(c.get("merchant").merchantId) }, 200));
}
