import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, errorBody } from "../errors.ts";
import { isDatabaseUnavailable } from "../domain/shared/prisma-errors.ts";
import type { AppBindings } from "./bindings.ts";

interface Issue {
  path: PropertyKey[];
  message: string;
}

export function validationError(issues: readonly Issue[], target?: string) {
  const details = issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  const first = details[0];
  const where = target ? `${target}` : "request";
  const message = first ? `Invalid ${where}: ${first.path || "(root)"}: ${first.message}` : `Invalid ${where}.`;
  return errorBody("validation:invalid", message, details);
}

/** The one place errors become responses: known errors keep their code; nothing else leaks. */
export const onError: ErrorHandler<AppBindings> = (error, c) => {
  if (error instanceof AppError) return c.json(errorBody(error.code, error.message, error.details), error.status);
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 400) return c.json(errorBody("request:malformed", error.message || "Malformed request."), 400);
    if (status === 413) return c.json(errorBody("request:too_large", "The request body is too large."), 400);
    if (status < 500) return c.json(errorBody(`request:http_${status}`, error.message || "Request refused."), status);
  }
  if (isDatabaseUnavailable(error)) {
    (c.get("log") ?? console).warn({ err: error }, "database unavailable");
    c.header("Retry-After", "2");
    return c.json(errorBody("service:unavailable", "We are very busy right now. Please try again in a moment."), 503);
  }
  (c.get("log") ?? console).error({ err: error }, "unhandled error");
  return c.json(errorBody("internal:error", "Something went wrong on our side. Please try again."), 500);
};

export const onNotFound: NotFoundHandler<AppBindings> = (c) =>
  c.json(errorBody("request:not_found", `No route for ${c.req.method} ${c.req.path}.`), 404);
