import type { Context, MiddlewareHandler } from "hono";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { errorBody } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { AppBindings } from "./bindings.ts";
import { clientAddressWith } from "./client-address.ts";

export interface RateLimitOptions {
  /** Agent sign-in attempts per client address per minute. @defaultValue 20 */
  loginPerMinute?: number;
  /** New widget sessions per client address per minute. @defaultValue 60 */
  sessionsPerMinute?: number;
  /** Shopper messages per session per minute (REST and Socket.IO together). @defaultValue 60 */
  messagesPerMinute?: number;
  /** Wrong passwords per agent account (from any address) before it is locked for 15 minutes. @defaultValue 10 */
  loginFailuresPerAccount?: number;
}

export interface RateLimiters {
  login: RateLimiterAbstract;
  sessions: RateLimiterAbstract;
  messages: RateLimiterAbstract;
  /** Failed sign-ins per account (key: the lowercased email); spent only by failures. */
  loginFailures: RateLimiterAbstract;
}

/** In memory on one node; in Redis when there are several, so the limits hold across nodes. */
export function createRateLimiters(options: RateLimitOptions = {}, redis?: Redis): RateLimiters {
  const make = (name: string, points: number, duration = 60, blockDuration = 0) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `shopchat:rl:${name}`, points, duration, blockDuration })
      : new RateLimiterMemory({ keyPrefix: name, points, duration, blockDuration });
  return {
    login: make("login", options.loginPerMinute ?? 20),
    sessions: make("sessions", options.sessionsPerMinute ?? 60),
    messages: make("messages", options.messagesPerMinute ?? 60),
    loginFailures: make("login-failures", options.loginFailuresPerAccount ?? 10, 15 * 60, 15 * 60),
  };
}

/**
 * Spends one point per request; over the limit answers 429 with Retry-After. If the store
 * itself fails (Redis down) the request goes through: limits protect, they must not break.
 */
export function rateLimit(limiter: RateLimiterAbstract, keyOf: (c: Context<AppBindings>) => string | Promise<string>, log: Logger): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const verdict = await consume(limiter, await keyOf(c), log);
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

/** The client's address with no proxy trusted (TRUST_PROXY unset): X-Forwarded-For is ignored. */
export const clientAddress = clientAddressWith({ kind: "none" });

/**
 * Rate-limit key of a widget request: the verified session's conversation (the same key
 * the Socket.IO layer uses), so that rewriting the Authorization header ("bearer", extra
 * spaces, a tab) does not start a fresh budget; unverifiable tokens share their address's.
 */
export function sessionKey(verify: (token: string) => Promise<{ conversationId: string } | null>, address: (c: Context<AppBindings>) => string) {
  return async (c: Context<AppBindings>): Promise<string> => {
    const token = /^bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const session = token ? await verify(token).catch(() => null) : null;
    return session ? conversationKey(session.conversationId) : `addr:${address(c)}`;
  };
}

/** The message limiter's key for one conversation (REST and Socket.IO share it). */
export const conversationKey = (conversationId: string) => `conv:${conversationId}`;
