import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { createMerchant } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";

/**
 * Red team: `GET /analytics/feedback?from=1900-01-01` stalled every tenant ~14 minutes on
 * PGlite (missing roll-ups computed day by day on the request thread); `to=9999-12-31` on
 * sales answered 500.
 */
describe("analytics periods are bounded", () => {
  let test: TestDatabase;
  let call: ReturnType<typeof createTestClient>["call"];
  let apiKey: string;
  let merchantId: string;

  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    call = createTestClient(test.db).call;
    ({ apiKey, merchant: { id: merchantId } } = await createMerchant(test.db.prisma));
  });
  afterAll(async () => test?.drop());

  it("refuses a period longer than 366 days with 400 analytics:range_too_long, at once", async () => {
    for (const path of ["/analytics/feedback?from=1900-01-01", "/analytics/sales?from=1900-01-01", "/analytics/feedback?from=2020-01-01&to=2022-01-01", "/analytics/feedback?from=1900-01-01&format=csv"]) {
      const started = Date.now();
      const res = await call("GET", path, { key: apiKey });
      expect(res.status, path).toBe(400);
      expect(res.json.error.code).toBe("analytics:range_too_long");
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it("answers far-future or far-past days with 400, not 500", async () => {
    for (const path of ["/analytics/sales?to=9999-12-31", "/analytics/feedback?to=9999-12-31", "/analytics/sales?from=9999-12-01&to=9999-12-31", "/analytics/sales?from=0001-01-01&to=0001-02-01"]) {
      const res = await call("GET", path, { key: apiKey });
      expect(res.status, path).toBe(400);
      expect(res.json.error.code).toMatch(/^(analytics|validation):/);
    }
  });

  it("serves a whole year without computing a roll-up per day on the request", async () => {
    const started = Date.now();
    const res = await call("GET", "/analytics/feedback?from=2025-01-01&to=2025-12-31", { key: apiKey });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await test.db.prisma.dailyRollup.count({ where: { merchantId } })).toBe(0);
    expect((await call("GET", "/analytics/sales?from=2025-01-01&to=2025-12-31&granularity=month", { key: apiKey })).status).toBe(200);
  });
});
