import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { listOf, paginationQuerySchema } from "../../contracts/common.ts";
import type { AuditService } from "../../domain/audit/audit.service.ts";
import type { AppBindings } from "../../http/bindings.ts";
import { createRouter, errorResponses, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const instant = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && Number.isFinite(Date.parse(s)) && Math.abs(Date.parse(s)) < 8.64e15, "an ISO date or date-time")
  .transform((s) => new Date(s));

const auditQuerySchema = paginationQuerySchema.extend({
  actor: z.string().trim().min(1).max(100).optional().meta({ description: 'Exactly, e.g. "api-key:mk_ab12", "agent:<id>", "system:retention"' }),
  action: z.string().trim().min(1).max(100).optional().meta({ description: 'Exactly ("customer.erased"), or a prefix ending in a dot ("orders.")' }),
  from: instant.optional().meta({ description: "From this instant (inclusive)" }),
  to: instant.optional().meta({ description: "Until this instant (exclusive)" }),
});

const entrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string().meta({ description: '"<entity>:<id>" (ids only: the log holds no personal data)' }),
    clientAddress: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "AuditEntry" });

const list = createRoute({
  tags: ["Audit"],
  security: merchantSecurity,
  method: "get",
  path: "/audit-log",
  summary: "The append-only audit log, newest first",
  description: "Every merchant, agent and system action that changes data or reads personal data in bulk. Rows cannot be changed or deleted (a database trigger refuses it).",
  request: { query: auditQuerySchema },
  responses: { 200: jsonResponse(listOf(entrySchema), "A page of entries"), ...errorResponses },
});

export function auditRoutes(audit: AuditService, auth: MiddlewareHandler<AppBindings>) {
  const router = createRouter();
  router.use("/audit-log", auth);
  return router.openapi(list, async (c) => c.json(await audit.list(c.get("merchant").merchantId, c.req.valid("query")), 200));
}
