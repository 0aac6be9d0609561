import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { idParamSchema, listOf, moneySchema } from "../../contracts/common.ts";
import type { CustomerProfiles } from "../../domain/customers/profiles.ts";
import { conflictResponse, createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const customerSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    tier: z.enum(["regular", "vip"]).meta({ description: "vip once paid lifetime spend reaches settings.vip.spendOver" }),
    lifetimeSpend: moneySchema,
    accountManager: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: "Customer" });

const common = { tags: ["Customers"], security: [...merchantSecurity, { agentToken: [] }] };
const find = createRoute({
  ...common,
  method: "get",
  path: "/customers",
  summary: "Find a customer by email or phone",
  request: {
    query: z
      .object({ email: z.string().trim().max(254).optional(), phone: z.string().trim().max(30).optional() })
      .refine((q) => Boolean(q.email) !== Boolean(q.phone), "give exactly one of email, phone"),
  },
  responses: { 200: jsonResponse(listOf(customerSchema), "Matching customers"), ...errorResponses },
});
const get = createRoute({ ...common, method: "get", path: "/customers/{id}", summary: "A customer's profile, tier and account manager", request: { params: idParamSchema }, responses: { 200: jsonResponse(customerSchema, "The customer"), ...errorResponses } });

const assignManager = createRoute({
  ...common,
  method: "put",
  path: "/customers/{id}/account-manager",
  summary: "Give a customer their own account manager (null: the VIP segment's manager applies)",
  request: {
    params: idParamSchema,
    body: jsonBody(z.object({ agentId: z.uuid().nullable() }).strict().meta({ id: "AccountManagerAssignment" })),
  },
  responses: { 200: jsonResponse(customerSchema, "The customer with their account manager"), ...errorResponses, ...conflictResponse },
});

/** Customer look-ups with their VIP tier (the rectify, export and erase routes live beside these). */
export function customerRoutes(profiles: CustomerProfiles) {
  return createRouter()
    .openapi(find, async (c) => c.json({ data: await profiles.find(c.get("merchant").merchantId, c.req.valid("query")), nextCursor: null }, 200))
    .openapi(get, async (c) => c.json(await profiles.get(c.get("merchant").merchantId, c.req.valid("param").id), 200))
    .openapi(assignManager, async (c) => c.json(await profiles.assignAccountManager(c.get("merchant").merchantId, c.req.valid("param").id, c.req.valid("json").agentId), 200));
}
