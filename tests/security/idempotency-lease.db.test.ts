import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdempotencyStore } from "../../api/domain/shared/idempotency.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createMerchant } from "../support/fixtures.ts";

/**
 * Red team: after kill -9 mid-burst, in-flight keys answered 409 idempotency:in_progress for
 * 24 h with no order behind them; records kept full order responses (personal data) for ever.
 */
describe.each(DATABASE_KINDS)("idempotency records after a crash on %s", (kind) => {
  let test: TestDatabase;
  let merchantId: string;
  let clock = Date.now();
  const now = () => new Date(clock);

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    merchantId = (await createMerchant(test.db.prisma)).merchant.id;
  });
  afterAll(async () => test?.drop());

  it("lets a retry take over a key whose first request died, once its lease has run out", async () => {
    const store = new IdempotencyStore(test.db.prisma, now, { leaseMs: 30_000 });
    const scope = { merchantId, operation: "orders:create", key: "crashed", request: { a: 1 } };
    // A process claimed the key and died before finishing: the record stays "processing".
    await test.db.prisma.idempotencyRecord.create({
      data: { merchantId, scope: scope.operation, key: scope.key, requestHash: (await import("../../api/domain/shared/idempotency.ts")).hashRequest(scope.request), state: "processing", expiresAt: new Date(clock + 30_000) },
    });
    await expect(store.run(scope, async () => ({ status: 201, body: { id: "x" } }))).rejects.toMatchObject({ code: "idempotency:in_progress" });
    clock += 31_000;
    const retried = await store.run(scope, async () => ({ status: 201, body: { id: "second" } }));
    expect(retried).toMatchObject({ status: 201, body: { id: "second" }, replayed: false });
    const replay = await store.run(scope, async () => ({ status: 201, body: { id: "third" } }));
    expect(replay).toMatchObject({ body: { id: "second" }, replayed: true });
  });

  it("keeps a finished record for 24 hours, then a prune job removes it with the response it held", async () => {
    const store = new IdempotencyStore(test.db.prisma, now);
    const scope = { merchantId, operation: "orders:create", key: "pruned", request: { b: 2 } };
    await store.run(scope, async () => ({ status: 201, body: { id: "o1", customer: { email: "someone@example.com" } } }));
    const row = await test.db.prisma.idempotencyRecord.findFirstOrThrow({ where: { merchantId, key: "pruned" } });
    expect(row.expiresAt.getTime() - clock).toBeGreaterThan(23 * 3_600_000);
    expect(await store.prune()).toBe(0);
    clock += 25 * 3_600_000;
    expect(await store.prune()).toBeGreaterThanOrEqual(1);
    expect(await test.db.prisma.idempotencyRecord.count({ where: { merchantId, key: "pruned" } })).toBe(0);
  });
});
