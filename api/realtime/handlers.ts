import type { z } from "zod";
import type { Ack } from "../contracts/realtime.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { isDatabaseUnavailable } from "../domain/shared/prisma-errors.ts";
import { TEXT_ERROR, valueHasBadText } from "../http/text-guard.ts";

/** Stands for the payload of an event sent with several arguments: no schema accepts it. */
const NOT_ONE_PAYLOAD = Symbol("several arguments");

/**
 * Wraps a socket handler: validates the payload with zod, runs it, and acks `{ data }` or
 * `{ error: { code, message } }`. Bad input never reaches the service and never throws.
 */
export function handle<S extends z.ZodType, T>(schema: S, log: Logger, run: (input: z.infer<S>) => Promise<T>) {
  return async (...args: unknown[]) => {
    // Socket.IO passes the ack as the last argument, however many a client sends: an ack with
    // no payload, or extra arguments before it, is still answered (with an error).
    const ack = typeof args.at(-1) === "function" ? (args.pop() as Ack<T>) : undefined;
    const payload = args.length === 1 ? args[0] : args.length === 0 ? undefined : NOT_ONE_PAYLOAD;
    const reply = ack ?? (() => undefined);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      reply({ error: { code: "validation:invalid", message: first ? `${first.path.join(".") || "payload"}: ${first.message}` : "Invalid payload." } });
      return;
    }
    if (valueHasBadText(parsed.data)) {
      reply({ error: { ...TEXT_ERROR } });
      return;
    }
    try {
      reply({ data: await run(parsed.data) });
    } catch (error) {
      if (error instanceof AppError) reply({ error: { code: error.code, message: error.message } });
      else if (isDatabaseUnavailable(error)) {
        log.warn({ err: error }, "database unavailable");
        reply({ error: { code: "service:unavailable", message: "We are very busy right now. Please try again in a moment." } });
      } else {
        log.error({ err: error }, "socket handler failed");
        reply({ error: { code: "internal:error", message: "Something went wrong on our side. Please try again." } });
      }
    }
  };
}

/**
 * Wraps the handler of an event without an ack (a hint: typing, read receipts): anything but
 * exactly one valid payload is ignored, extra arguments included.
 */
export function hint<S extends z.ZodType>(schema: S, run: (input: z.infer<S>) => void) {
  return (...args: unknown[]) => {
    if (typeof args.at(-1) === "function") args.pop();
    if (args.length !== 1) return;
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success || valueHasBadText(parsed.data)) return;
    run(parsed.data);
  };
}
