import { createHash } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { errorBody } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { AppBindings } from "./bindings.ts";

export interface RateLimitOptions {
  /** Agent sign-in attempts per client address per minute. @defaultValue 20 */
  loginPerMinute?: number;
  /** New widget sessions per client address per minute. @defaultValue 60 */
  sessionsPerMinute?: number;
  /** Shopper messages per session per minute (REST and Socket.IO together). @defaultValue 60 */
  messagesPerMinute?: number;
}

export interface RateLimiters {
  login: RateLimiterAbstract;
  sessions: RateLimiterAbstract;
  messages: RateLimiterAbstract;
}

/** In memory on one node; in Redis when there are several, so the limits hold across nodes. */
export function createRateLimiters(options: RateLimitOptions = {}, redis?: Redis): RateLimiters {
  const make = (name: string, points: number) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `shopchat:rl:${name}`, points, duration: 60 })
      : new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
  return {
    login: make("login", options.loginPerMinute ?? 20),
    sessions: make("sessions", options.sessionsPerMinute ?? 60),
    messages: make("messages", options.messagesPerMinute ?? 60),
  };
}

/**
 * Spends one point per request; over the limit answers 429 with Retry-After. If the store
 * itself fails (Redis down) the request goes through: limits protect, they must not break.
 */
export function rateLimit(limiter: RateLimiterAbstract, keyOf: (c: Context<AppBindings>) => string, log: Logger): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const verdict = await consume(limiter, keyOf(c), log);
    if (verdict.limited) {
      c.header("Retry-After", String(verdict.retryAfterSec));
      return c.json(errorBody("rate_limit:exceeded", `Too many requests. Try again in ${verdict.retryAfterSec} s.`), 429);
    }
    await next();
  };
}

export async function consume(limiter: RateLimiterAbstract, key: string, log: Logger): Promise<{ limited: boolean; retryAfterSec: number }> {
  try {
    await limiter.consume(key);
    return { limited: false, retryAfterSec: 0 };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { limited: true, retryAfterSec: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    log.warn({ err: error }, "rate limiter unavailable; request allowed");
    return { limited: false, retryAfterSec: 0 };
  }
}

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a proxy. */
export function clientAddress(c: Context<AppBindings>): string {
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  return forwarded || socket || "unknown";
}

/** Rate-limit key of a bearer token, without keeping the token itself in the store. */
export const tokenKey = (c: Context<AppBindings>) => createHash("sha256").update(c.req.header("authorization") ?? clientAddress(c)).digest("hex").slice(0, 32);
