import type { Context, MiddlewareHandler } from "hono";
import type { AuditTrail } from "../domain/audit/audit.service.ts";
import type { Logger } from "../logger.ts";
import type { AppBindings } from "./bindings.ts";
import { clientAddress } from "./rate-limit.ts";

/** Who a merchant request acts as, in the audit log: "api-key:<prefix>" or "agent:<id>" (a supervisor on the dashboard). */
export function auditActor(c: Context<AppBindings>): string {
  const prefix = c.get("merchant")?.apiKeyPrefix ?? "unknown";
  return prefix.startsWith("agent:") ? prefix : `api-key:${prefix}`;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Path words that already say what happened ("/orders/:id/cancel" is "orders.cancel", not "orders.cancel.create"). */
const ACTION_WORDS = new Set(["cancel", "status", "review", "batch", "rotate", "publish", "test"]);
const VERB: Record<string, string> = { POST: "create", PUT: "update", PATCH: "update", DELETE: "delete" };

/** "orders.cancel", "settings.widget.update", … and the record it touched, from the matched route. */
export function describeRequest(method: string, pattern: string, path: string, merchantId: string) {
  const patternParts = pattern.replace(/^\/api\/v1/, "").split("/").filter(Boolean);
  const pathParts = path.replace(/^\/api\/v1/, "").split("/").filter(Boolean);
  const words = patternParts.filter((p) => !p.startsWith(":"));
  const last = words.at(-1) ?? "unknown";
  const action = ACTION_WORDS.has(last) ? words.join(".") : [...words, VERB[method] ?? method.toLowerCase()].join(".");
  const paramIndex = patternParts.findLastIndex((p) => p.startsWith(":"));
  if (paramIndex >= 0) {
    const entity = (patternParts[paramIndex - 1] ?? "record").replace(/s$/, "");
    return { action, entity, entityId: pathParts[paramIndex] ?? "" };
  }
  return { action, entity: words[0] === "settings" ? "merchant" : (words[0] ?? "record").replace(/s$/, ""), entityId: words[0] === "settings" ? merchantId : "" };
}

/**
 * The one place merchant REST changes reach the audit log: every successful POST, PUT,
 * PATCH or DELETE made with a merchant API key or a supervisor's token is recorded with
 * actor, action, target and client address (never the body: no personal data). Handlers
 * whose domain service writes a richer entry itself set `audited` and are skipped here.
 */
export function auditMutations(audit: AuditTrail, log: Logger): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    await next();
    if (!MUTATING.has(c.req.method) || c.res.status >= 400 || c.get("audited")) return;
    const merchant = c.get("merchant");
    if (!merchant) return;
    const route = [...c.req.matchedRoutes].reverse().find((r) => r.method !== "ALL");
    if (!route) return;
    const described = describeRequest(c.req.method, route.path, c.req.path, merchant.merchantId);
    let entityId = described.entityId;
    if (!entityId && c.res.headers.get("content-type")?.includes("application/json")) {
      const body = (await c.res.clone().json().catch(() => null)) as { id?: unknown } | null;
      if (typeof body?.id === "string") entityId = body.id;
    }
    await audit
      .record({ merchantId: merchant.merchantId, actor: auditActor(c), action: described.action, entity: described.entity, entityId: entityId || "-", clientAddress: clientAddress(c) })
      .catch((err: unknown) => log.error({ err, action: described.action }, "writing the audit log failed"));
  };
}
