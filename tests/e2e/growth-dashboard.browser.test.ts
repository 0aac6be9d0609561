import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";

describe.runIf(chromiumAvailable)("the dashboard's restock warnings and experiments in Chromium", () => {
  let harness: BrowserHarness;
  let server: BrowserHarness["server"];
  let browser: Browser;
  let creds: DemoCredentials;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ server, browser, creds } = harness);
    const shop = creds.merchants[0]!;
    const created = await server.post("/experiments", { key: "spring-greeting", goal: "csat", variants: [{ name: "control", weight: 1 }, { name: "warm", weight: 1, greeting: { en: "Hello! Spring teas are in." } }] }, shop.apiKey);
    expect(created.status).toBe(201);
    for (let i = 0; i < 6; i++) {
      const { sessionToken } = (await server.post("/widget/sessions", { widgetKey: shop.widgetKey, locale: "en", visitorId: `browser-visitor-${i}` })).json;
      await server.post("/widget/feedback", { csat: 5 }, sessionToken);
    }
  }, 300_000);
  afterAll(async () => harness?.close());

  it("shows products that will run out in yellow and each variant's rate with its interval", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/dashboard`);
    await page.getByPlaceholder("Email").fill(creds.agents[0]!.email);
    await page.getByPlaceholder("Password").fill(creds.agents[0]!.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    const restock = page.locator('[data-panel="restock"]');
    await restock.locator("li.yellow").first().waitFor();
    // The demo's moon lamp is sold out: the first warning, in yellow.
    expect(await restock.locator("li.yellow").first().textContent()).toContain("LAMP-001");
    const colour = await restock.locator("li.yellow").first().evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(colour).toBe("rgb(161, 98, 7)");

    const experiments = page.locator('[data-panel="experiments"]');
    await experiments.getByText("spring-greeting · running · goal: CSAT 4–5").waitFor();
    const lines = await experiments.locator("li").allTextContents();
    expect(lines).toHaveLength(2);
    const sessions = lines.map((l) => Number(/(\d+)\/(\d+) conversions/.exec(l)![2]));
    expect(sessions.reduce((a, b) => a + b, 0)).toBe(6);
    expect(lines.every((l) => /: 100\.0% \[\d+\.\d%–100\.0%\]/.test(l) || /: 0\.0% \[0\.0%–0\.0%\] · 0\/0/.test(l))).toBe(true);
    await experiments.getByText("No clear winner yet").waitFor();
  }, 120_000);
});
