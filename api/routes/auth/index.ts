import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { AgentsService } from "../../domain/agents/agents.service.ts";
import { clientAddress } from "../../http/rate-limit.ts";
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
  },
});

export function authRoutes(agents: AgentsService) {
  return createRouter().openapi(login, async (c) => {
    const { email, password } = c.req.valid("json");
    return c.json(await agents.login(email, password, { clientAddress: clientAddress(c) }), 200);
  });
}
