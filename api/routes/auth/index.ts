import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { AgentsService } from "../../domain/agents/agents.service.ts";
import { clientAddress } from "../../http/rate-limit.ts";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { errorSchema } from "../../contracts/common.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse } from "../../http/openapi.ts";

const loginSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(200) }).strict().meta({ id: "Login" });

const login = createRoute({
  tags: ["Agents"],
  method: "post",
  path: "/auth/login",
  summary: "Agent sign-in for the console; the token authenticates the /console Socket.IO namespace",
  request: { body: jsonBody(loginSchema) },
  responses: {
    200: jsonResponse(
      z.object({ token: z.string(), agent: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string(), merchant: z.string() }) }),
      "A console token (valid 12 hours)",
    ),
    400: errorResponses[400],
    401: errorResponses[401],
    429: { description: "Too many attempts from this address, or this account is locked after wrong passwords (auth:locked)", content: { "application/json": { schema: errorSchema } } },
  },
});

/**
 * Sign-in with an account lockout: wrong passwords count per account, whatever address they
 * come from, and once there were too many the account answers 429 `auth:locked` (even to the
 * right password) until the lock ends. The per-address limit is in app.ts.
 */
export function authRoutes(agents: AgentsService, failures?: RateLimiterAbstract, log?: Logger) {
  return createRouter().openapi(login, async (c) => {
    const { email, password } = c.req.valid("json");
    const account = email.trim().toLowerCase();
    if (failures) {
      const seen = await failures.get(account).catch((err) => {
        log?.warn({ err }, "login lockout store unavailable; sign-in allowed");
        return null;
      });
      if (seen && seen.consumedPoints >= failures.points) {
        const retryAfter = Math.max(1, Math.ceil(seen.msBeforeNext / 1000));
        c.header("Retry-After", String(retryAfter));
        throw new AppError(429, "auth:locked", `Too many wrong passwords for this account. Try again in ${retryAfter} s.`);
      }
    }
    try {
      const result = await agents.login(email, password, { clientAddress: clientAddress(c) });
      if (failures) await failures.delete(account).catch(() => undefined);
      return c.json(result, 200);
    } catch (error) {
      if (failures && error instanceof AppError && error.status === 401) {
        // Spending the last point locks the account (blockDuration); the rejection itself is expected.
        await failures.consume(account).catch(() => undefined);
      }
      throw error;
    }
  });
}
