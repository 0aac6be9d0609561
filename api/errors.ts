import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A failure with a stable, namespaced code ("orders:not_found") and an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (area: string, what = area.replace(/s$/, "")) =>
  new AppError(404, `${area}:not_found`, `No such ${what}.`);

export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);

export const invalid = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
