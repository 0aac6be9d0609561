import { createHash } from "node:crypto";
import type { PrismaClient } from "../../db/generated/client.ts";
import { AppError } from "../../errors.ts";
import { isUniqueViolation } from "./prisma-errors.ts";

export interface StoredResponse<T> {
  status: number;
  body: T;
  /** True when this is a replay of the first request's result. */
  replayed: boolean;
}

/** How long a finished key (and the response it replays) is remembered. @defaultValue 24 hours */
const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long a running request owns its key. A process killed mid-request leaves its record
 * "processing"; once the lease is over a retry takes the key over. Longer than the order
 * transaction's own limits (30 s waiting for the lock + 30 s running), so a request that is
 * merely slow is not run twice.
 */
const LEASE_MS = 65_000;

/**
 * Idempotency-Key semantics (draft-ietf-httpapi-idempotency-key-header): the first request
 * with a key runs; a retry with the same key and body gets the first result; the same key
 * with another body is 422; a retry while the first is still running is 409. Only
 * successes are remembered: a request that failed may be retried with the same key.
 */
export class IdempotencyStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
    private readonly options: { leaseMs?: number; ttlMs?: number } = {},
  ) {}

  /** Deletes every record past its time (finished ones after 24 h, with the personal data their responses hold). Run by a job. */
  async prune(): Promise<number> {
    const gone = await this.prisma.idempotencyRecord.deleteMany({ where: { expiresAt: { lt: this.now() } } });
    return gone.count;
  }

  async run<T>(
    scope: { merchantId: string; operation: string; key: string; request: unknown },
    execute: () => Promise<{ status: number; body: T }>,
  ): Promise<StoredResponse<T>> {
    const requestHash = hashRequest(scope.request);
    const identity = { merchantId: scope.merchantId, scope: scope.operation, key: scope.key };
    const record = await this.claim(identity, requestHash);
    if (record) return record as StoredResponse<T>;
    try {
      const result = await execute();
      await this.prisma.idempotencyRecord.update({
        where: { merchantId_scope_key: identity },
        data: { state: "done", responseStatus: result.status, responseBody: result.body as object, expiresAt: new Date(this.now().getTime() + (this.options.ttlMs ?? KEY_TTL_MS)) },
      });
      return { ...result, replayed: false };
    } catch (error) {
      await this.prisma.idempotencyRecord.delete({ where: { merchantId_scope_key: identity } }).catch(() => undefined);
      throw error;
    }
  }

  /** Returns null when this request owns the key now, or the stored response to replay. */
  private async claim(
    identity: { merchantId: string; scope: string; key: string },
    requestHash: string,
  ): Promise<StoredResponse<unknown> | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.prisma.idempotencyRecord.create({
          data: { ...identity, requestHash, state: "processing", expiresAt: new Date(this.now().getTime() + (this.options.leaseMs ?? LEASE_MS)) },
        });
        return null;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await this.prisma.idempotencyRecord.findUnique({ where: { merchantId_scope_key: identity } });
      if (!existing) continue; // the first request failed and released the key: try again
      if (existing.expiresAt < this.now()) {
        // A finished record past its day, or a lease whose owner died: the key is free again.
        await this.prisma.idempotencyRecord.deleteMany({ where: { id: existing.id, expiresAt: { lt: this.now() } } });
        continue;
      }
      if (existing.requestHash !== requestHash) {
        throw new AppError(422, "idempotency:key_reused", "This Idempotency-Key was used with a different request body.");
      }
      if (existing.state !== "done") {
        throw new AppError(409, "idempotency:in_progress", "A request with this Idempotency-Key is still being processed.");
      }
      return { status: existing.responseStatus ?? 200, body: existing.responseBody, replayed: true };
    }
    throw new AppError(409, "idempotency:in_progress", "A request with this Idempotency-Key is still being processed.");
  }
}

/** A stable hash of a JSON value: object keys are sorted so formatting does not matter. */
export function hashRequest(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
