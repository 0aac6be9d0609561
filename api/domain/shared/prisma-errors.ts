/** Recognises a unique-constraint violation from Prisma (P2002), whatever the driver adapter. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (code === "P2002" || code === "23505") return true;
  return cause !== undefined && cause !== error && isUniqueViolation(cause);
}

/** Driver messages that mean "the database cannot take this query now", not "this query is wrong". */
const UNAVAILABLE = /timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|ECONNRESET|too many clients|the database system is (starting up|shutting down)|Can't reach database/i;

/**
 * Recognises a database that is overloaded or down (no pool connection in time, refused,
 * dropped), through Prisma's wrappers, so callers can answer 503 rather than 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (code === "P1001" || code === "P2024" || code === "ECONNREFUSED" || code === "57P03" || code === "53300") return true;
  if (typeof message === "string" && UNAVAILABLE.test(message)) return true;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause, depth + 1);
}
