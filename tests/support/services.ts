import type { Database } from "../../api/db/database.ts";
import { createServices } from "../../api/services.ts";
import { TEST_SECRET } from "./http.ts";
import { silentLogger } from "./logger.ts";
import { testNlu } from "./nlu.ts";

/** The real services over a test database, for tests that call them directly. */
export function servicesFor(db: Database) {
  return { services: createServices(db, silentLogger, { appSecret: TEST_SECRET, nlu: testNlu() }) };
}
