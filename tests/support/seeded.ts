import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedDemo, type DemoCredentials } from "../../prisma/seed/seed.ts";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "./databases.ts";
import { silentLogger } from "./logger.ts";

/**
 * A fresh database with the demo data. `alwaysOpen` clears the shops' business hours so
 * that agent presence alone decides whether someone can take a chat.
 */
export async function createSeededDatabase(kind: DatabaseKind, options: { alwaysOpen?: boolean } = {}): Promise<{ test: TestDatabase; creds: DemoCredentials }> {
  const test = await createTestDatabase(kind);
  const creds = (await seedDemo(test.db.prisma, mkdtempSync(path.join(tmpdir(), "seed-")), silentLogger))!;
  if (options.alwaysOpen) await test.db.prisma.merchant.updateMany({ data: { businessHours: {} } });
  return { test, creds };
}
