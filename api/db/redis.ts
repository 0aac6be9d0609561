import { Redis } from "ioredis";

/** How long one Redis command on a request path may take before it fails. @defaultValue 1000 */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;

/**
 * The Redis connection for commands on request paths (rate limits, presence, token budget,
 * cache invalidations, readiness). During an outage every command fails within
 * `commandTimeout` instead of waiting in ioredis' offline queue for the whole outage (the red
 * team saw /readyz, sessions, messages and sign-in hang 40 s); each caller then applies its
 * documented fail-open or fail-closed choice (SECURITY.md). Blocking users (BullMQ workers,
 * the Socket.IO streams adapter's XREAD) take connections of their own without a timeout.
 */
export function createCommandRedis(url: string, options: { commandTimeoutMs?: number } = {}): Redis {
  return new Redis(url, {
    commandTimeout: options.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // Reconnect quickly at first, then every 2 s at most, for ever.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/** Options for a connection that blocks by design (BullMQ workers, XREAD): no per-command timeout. */
export const BLOCKING_REDIS_OPTIONS = { maxRetriesPerRequest: null, commandTimeout: undefined } as const;
