import type { MiddlewareHandler } from "hono";
import { permissionFor, can, type Area } from "../contracts/roles.ts";
import type { AgentsService } from "../domain/agents/agents.service.ts";
import { errorBody } from "../errors.ts";
import { contextOf, type MerchantsService } from "../domain/merchants/merchants.service.ts";
import { bearerToken } from "./bearer.ts";
import type { AppBindings } from "./bindings.ts";

/**
 * The one auth rule of the merchant API: `Authorization: Bearer <merchant API key>` (every
 * permission), or a signed-in agent's token (the dashboard and the workspace call the API
 * that way) holding the permission the area and method need (contracts/roles.ts). The agent's
 * role is read from the database on each request, so a demotion counts at once. Sets
 * `merchant` and `actor` for the handlers.
 */
export function merchantAuth(merchants: MerchantsService, agents: AgentsService, area: Area): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const token = bearerToken(c);
    if (!token) {
      c.header("WWW-Authenticate", 'Bearer realm="merchant-api"');
      return c.json(errorBody("auth:missing_api_key", "Send the merchant API key (or a supervisor's token) as 'Authorization: Bearer <key>'."), 401);
    }
    if (token.startsWith("mk_")) {
      const merchant = await merchants.authenticateApiKey(token);
      if (!merchant) return c.json(errorBody("auth:invalid_api_key", "This API key is not valid."), 401);
      c.set("merchant", merchant);
      c.set("actor", `api-key:${merchant.apiKeyPrefix}`);
    } else {
      const agent = await agents.current(token);
      const row = agent ? await merchants.get(agent.merchantId) : null;
      if (!agent || !row) return c.json(errorBody("auth:invalid_api_key", "This key or token is not valid."), 401);
      const permission = permissionFor(area, c.req.method);
      if (!can(agent.role, permission)) return c.json(errorBody("auth:forbidden", `A ${agent.role} may not do this (needs ${permission}).`), 403);
      c.set("merchant", contextOf(row));
      c.set("actor", `agent:${agent.agentId}`);
    }
    c.set("log", c.get("log").child({ merchantId: c.get("merchant").merchantId, actor: c.get("actor") }));
    await next();
  };
}
