import type { Browser } from "playwright-core";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { launchChromium } from "./browser.ts";
import type { TestDatabase } from "./databases.ts";
import { startRealtimeServer } from "./realtime-server.ts";
import { createSeededDatabase } from "./seeded.ts";

export interface BrowserHarness {
  test: TestDatabase;
  creds: DemoCredentials;
  server: Awaited<ReturnType<typeof startRealtimeServer>>;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * What every page test needs: the demo data (shops open around the clock, so agents'
 * presence alone decides), the whole server on a real port, and Chromium.
 */
export async function startBrowserHarness(options: Parameters<typeof startRealtimeServer>[1] = {}): Promise<BrowserHarness> {
  const { test, creds } = await createSeededDatabase("pglite", { alwaysOpen: true });
  const server = await startRealtimeServer(test.db, options);
  const browser = await launchChromium();
  return {
    test,
    creds,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await test.drop();
    },
  };
}
