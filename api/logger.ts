import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Fields that hold personal data, wherever a log call puts them (top level or one object
 * down): replaced before the line is written, so an erased person never reappears in the
 * application logs. Log ids, not contact details or texts.
 */
const PERSONAL_FIELDS = ["email", "customerEmail", "phone", "customerPhone", "customerName", "shippingAddress", "address", "text", "comment", "identity", "password", "authorization"];
export const REDACTED_PATHS = [...PERSONAL_FIELDS, ...PERSONAL_FIELDS.map((f) => `*.${f}`), "req.headers.authorization"];

/** One root logger per process; modules take `logger.child({ module })`. */
export function createLogger(level: string, pretty = process.stdout.isTTY): Logger {
  return pino({
    level,
    base: { service: "shopchat" },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true } } } : {}),
  });
}
