import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "../logger.ts";
import type { AppBindings } from "./bindings.ts";

/** Gives every request an id (kept from X-Request-Id when sane) and a child logger that carries it. */
export function requestLogger(log: Logger): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const child = log.child({ reqId: requestId });
    c.set("requestId", requestId);
    c.set("log", child);
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const level = c.res.status >= 500 ? "error" : c.res.status >= 400 ? "info" : "debug";
    child[level]({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, "request");
  };
}
