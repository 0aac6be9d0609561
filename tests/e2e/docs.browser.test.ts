import { serve, type ServerType } from "@hono/node-server";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import { createServices } from "../../api/services.ts";
import { launchChromium, chromiumAvailable } from "../support/browser.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { silentLogger } from "../support/logger.ts";
import { testNlu } from "../support/nlu.ts";
import { ROOT } from "../support/server.ts";

describe.runIf(chromiumAvailable)("pages in Chromium", () => {
  let test: TestDatabase;
  let server: ServerType;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    const app = createApp({ db: test.db, log: silentLogger, services: createServices(test.db, silentLogger, { appSecret: "browser-test-secret-0123456789abcdef", nlu: testNlu() }) });
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await test?.drop();
  });

  it("renders the API reference at /docs from local assets, with every merchant endpoint", async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on("requestfailed", (req) => failed.push(req.url()));
    await page.goto(`${baseUrl}/docs`);
    await page.getByText("ShopChat API").first().waitFor({ timeout: 30_000 });
    await page.locator(".opblock").first().waitFor();
    const paths = await page.locator(".opblock-summary-path").allTextContents();
    expect(paths.map((p) => p.replace(/\u200b/g, ""))).toEqual(expect.arrayContaining(["/products", "/products/batch", "/orders/{id}/status"]));
    expect(failed).toEqual([]);
    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, ".tmp", "docs.png") });
  });

  it("serves a landing page linking to every part of the platform", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    const links = await page.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(expect.arrayContaining(["/docs", "/demo", "/console", "/dashboard", "/healthz"]));
  });
});
