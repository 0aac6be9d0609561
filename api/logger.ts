import { pino, type Logger } from "pino";

export type { Logger };

/** One root logger per process; modules take `logger.child({ module })`. */
export function createLogger(level: string, pretty = process.stdout.isTTY): Logger {
  return pino({
    level,
    base: { service: "shopchat" },
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true } } } : {}),
  });
}
