import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { idParamSchema } from "../../contracts/common.ts";
import { ROLES } from "../../contracts/roles.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import type { AgentsService } from "../../domain/agents/agents.service.ts";
import { apiKeyStatus, revokeApiKey, rotateApiKey } from "../../domain/merchants/api-keys.ts";
import type { Caches } from "../../domain/shared/caches.ts";
import { conflictResponse, createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const memberSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES), createdAt: z.string() }).meta({ id: "TeamMember" });
const addSchema = z
  .object({ email: z.email().max(254), name: z.string().trim().min(1).max(120), role: z.enum(ROLES).default("agent"), password: z.string().min(10).max(200).optional() })
  .strict()
  .meta({ id: "TeamMemberCreate" });
const roleSchema = z.object({ role: z.enum(ROLES) }).strict();
const keyStatusSchema = z.object({ prefix: z.string(), active: z.boolean(), lastChange: z.object({ at: z.string(), action: z.string(), actor: z.string() }).nullable() }).meta({ id: "ApiKeyStatus" });

const team = { tags: ["Team"], security: merchantSecurity };
const keys = { tags: ["API keys"], security: merchantSecurity };
const listTeam = createRoute({ ...team, method: "get", path: "/team", summary: "Agents, supervisors and admins", responses: { 200: jsonResponse(z.object({ data: z.array(memberSchema) }), "The team"), ...errorResponses } });
const addMember = createRoute({
  ...team,
  method: "post",
  path: "/team",
  summary: "Add a team member (a password is made up and shown once when none is given)",
  request: { body: jsonBody(addSchema) },
  responses: { 201: jsonResponse(z.object({ agent: memberSchema, password: z.string().optional() }), "Added"), ...errorResponses, ...conflictResponse },
});
const setRole = createRoute({
  ...team,
  method: "patch",
  path: "/team/{id}",
  summary: "Change a member's role (not your own)",
  request: { params: idParamSchema, body: jsonBody(roleSchema) },
  responses: { 200: jsonResponse(memberSchema, "Changed"), ...errorResponses, ...conflictResponse },
});
const keyStatus = createRoute({ ...keys, method: "get", path: "/api-keys", summary: "The API key's public prefix and last change", responses: { 200: jsonResponse(keyStatusSchema, "Status"), ...errorResponses } });
const rotate = createRoute({
  ...keys,
  method: "post",
  path: "/api-keys/rotate",
  summary: "Create a new API key (shown once); the previous one stops working at once",
  responses: { 201: jsonResponse(z.object({ apiKey: z.string(), prefix: z.string() }), "The new key, shown once"), ...errorResponses },
});
const revoke = createRoute({ ...keys, method: "post", path: "/api-keys/revoke", summary: "Revoke the API key: none works until the next rotation", responses: { 200: jsonResponse(keyStatusSchema, "Revoked"), ...errorResponses } });

/** The team (agents and roles) and the merchant API key, as the workspace manages them. */
export function teamRoutes(agents: AgentsService, prisma: PrismaClient, caches: Caches) {
  const agentOf = (actor: string) => (actor.startsWith("agent:") ? actor.slice("agent:".length) : null);
  return createRouter()
    .openapi(listTeam, async (c) => c.json({ data: await agents.team(c.get("merchant").merchantId) }, 200))
    .openapi(addMember, async (c) => c.json(await agents.add(c.get("merchant").merchantId, c.req.valid("json")), 201))
    .openapi(setRole, async (c) => c.json(await agents.setRole(c.get("merchant").merchantId, c.req.valid("param").id, c.req.valid("json").role, agentOf(c.get("actor"))), 200))
    .openapi(keyStatus, async (c) => c.json(await apiKeyStatus(prisma, c.get("merchant").merchantId), 200))
    .openapi(rotate, async (c) => c.json(await rotateApiKey(prisma, caches, c.get("merchant").merchantId, c.get("actor")), 201))
    .openapi(revoke, async (c) => {
      const merchantId = c.get("merchant").merchantId;
      await revokeApiKey(prisma, caches, merchantId, c.get("actor"));
      return c.json(await apiKeyStatus(prisma, merchantId), 200);
    });
}
