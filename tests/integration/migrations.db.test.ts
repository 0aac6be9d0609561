import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../api/db/database.ts";
import { migrate, MIGRATIONS_DIR, readMigrations } from "../../api/db/migrate.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { silentLogger } from "../support/logger.ts";

describe.each(DATABASE_KINDS)("migration runner on %s", (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
  });
  afterAll(async () => test?.drop());

  it("records every migration once and applies nothing on a second run", async () => {
    const again = await test.db.withSession((s) => migrate(s, silentLogger));
    expect(again).toEqual([]);
    const rows = await test.db.withSession((s) => s.query(`select name from "_app_migrations" order by name`));
    expect(rows.map((r) => r.name)).toEqual(readMigrations(MIGRATIONS_DIR).map((m) => m.name));
  });

  it("enforces non-negative stock in the database itself", async () => {
    const error = await test.db
      .withSession((s) =>
        s.exec(`insert into "Merchant" (id, name, slug, "apiKeyHash", "apiKeyPrefix", "widgetKey", "identitySecret", "defaultLocale", currency, timezone, "orderPrefix", "businessHours", "updatedAt")
                values ('m-check', 'x', 'm-check', 'h', 'p', 'w', 's', 'en', 'CNY', 'UTC', 'XX', '{}', now());
                insert into "Product" (id, "merchantId", sku, name, "priceAmount", currency, stock, "updatedAt")
                values ('p-check', 'm-check', 'S', '{}', 1, 'CNY', -1, now())`),
      )
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/Product_stock_nonnegative/);
  });

  it("rolls a failing migration back whole and applies it once fixed", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    const write = (name: string, sql: string) => {
      mkdirSync(path.join(dir, name), { recursive: true });
      writeFileSync(path.join(dir, name, "migration.sql"), sql);
    };
    write("001_ok", `create table "t_ok_${kind}" (id int);`);
    write("002_bad", `create table "t_bad_${kind}" (id int); select * from no_such_table;`);
    await expect(test.db.withSession((s) => migrate(s, silentLogger, dir))).rejects.toThrow(/002_bad/);
    const tables = async () =>
      (await test.db.withSession((s) => s.query(`select table_name from information_schema.tables where table_name like 't\\_%'`))).map(
        (r) => r.table_name,
      );
    expect(await tables()).toEqual([`t_ok_${kind}`]);
    write("002_bad", `create table "t_bad_${kind}" (id int);`);
    expect(await test.db.withSession((s) => migrate(s, silentLogger, dir))).toEqual(["002_bad"]);
  });
});

describe.runIf(DATABASE_KINDS.includes("postgres"))("migrations from several nodes at once", () => {
  it("applies each migration exactly once when four processes start together", async () => {
    const test = await createTestDatabase("postgres");
    try {
      await test.db.withSession((s) => s.exec(`drop schema public cascade; create schema public;`));
      const nodes = Array.from({ length: 4 }, () => openDatabase({ url: test.url }));
      const applied = await Promise.all(nodes.map((db) => db.withSession((s) => migrate(s, silentLogger))));
      await Promise.all(nodes.map((db) => db.close()));
      expect(applied.flat().sort()).toEqual(readMigrations().map((m) => m.name));
    } finally {
      await test.drop();
    }
  });
});
