import { OpenAPIHono } from "@hono/zod-openapi";
import { errorSchema } from "../contracts/common.ts";
import type { AppBindings } from "./bindings.ts";
import { validationError } from "./errors.ts";

/** A router whose validation failures answer 400 in the API's error shape. */
export function createRouter() {
  return new OpenAPIHono<AppBindings>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(validationError(result.error.issues, result.target), 400);
    },
  });
}

const errorContent = { "application/json": { schema: errorSchema } };

/** Error responses documented on every authenticated route. */
export const errorResponses = {
  400: { description: "Invalid request", content: errorContent },
  401: { description: "Missing or unknown API key", content: errorContent },
  404: { description: "Not found, or not this merchant's", content: errorContent },
} as const;

export const conflictResponse = { 409: { description: "Conflict", content: errorContent } } as const;
export const unprocessableResponse = { 422: { description: "Semantically invalid", content: errorContent } } as const;

export const jsonBody = <T>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { "application/json": { schema } },
});

export const jsonResponse = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** The merchant API key, or a supervisor's / admin's token from POST /auth/login (see contracts/roles.ts). */
export const merchantSecurity: Record<string, string[]>[] = [{ merchantApiKey: [] }, { agentToken: [] }];
