import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";
import type { TestDatabase } from "../support/databases.ts";
import { ROOT } from "../support/server.ts";

describe.runIf(chromiumAvailable)("the merchant dashboard in Chromium", () => {
  let harness: BrowserHarness;
  let test: TestDatabase;
  let server: BrowserHarness["server"];
  let browser: Browser;
  let creds: DemoCredentials;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ test, server, browser, creds } = harness);
    let n = 0;
    for (const [locale, text, csat] of [["en", "what payment methods do you accept?", 5], ["zh-CN", "可以开发票吗", 4], ["en", "is there a physical store in Paris?", 2]] as const) {
      const { sessionToken } = (await server.post("/widget/sessions", { widgetKey: creds.merchants[0]!.widgetKey, locale })).json;
      await server.post("/widget/messages", { clientMessageId: `d${++n}`, text }, sessionToken);
      await server.post("/widget/feedback", { csat, comment: csat < 3 ? "no answer to my question" : "quick and helpful" }, sessionToken);
    }
  }, 300_000); // seeding, training and Chromium on a busy machine
  afterAll(async () => harness?.close());

  it("signs a supervisor in and shows the numbers, charts and knowledge gaps; refuses a plain agent", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/dashboard`);
    await page.getByPlaceholder("Email").fill(creds.agents[1]!.email); // an agent, not a supervisor
    await page.getByPlaceholder("Password").fill(creds.agents[1]!.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();

    await page.getByPlaceholder("Email").fill(creds.agents[0]!.email);
    await page.getByPlaceholder("Password").fill(creds.agents[0]!.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator(".tile").first().waitFor();
    const tiles = await page.locator(".tile").allTextContents();
    expect(tiles.join(" | ")).toContain("CSAT3.67/5");
    expect(await page.locator(".summary").textContent()).toContain("CSAT 3.67/5 from 3 ratings.");
    await page.getByText("Made from these numbers and comments (no model).").waitFor();
    expect(await page.locator("svg.chart").count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole("img", { name: "Top intents" }).textContent()).toContain("Payment methods"); // readable names, not ids
    await page.getByText("is there a physical store in Paris? (1 time)").waitFor();

    await page.getByRole("button", { name: "Write the article" }).first().click();
    expect(await page.getByRole("textbox", { name: "Title" }).inputValue()).toBe("is there a physical store in Paris?");
    await page.getByRole("textbox", { name: "Answer (markdown, ## sections)" }).fill("## Our store\nWe sell online only: there is no physical store.");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("status").waitFor();
    expect(await test.db.prisma.article.count({ where: { title: "is there a physical store in Paris?", locale: "en" } })).toBe(1);
    // The gap is marked answered by the article just published.
    await page.locator(".gaps li.answered > span:first-child").getByText("is there a physical store in Paris?", { exact: false }).first().waitFor();

    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, ".tmp", "dashboard.png"), fullPage: true });
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByText("满意度 3.67/5（3 份评分）").waitFor();
    expect(await page.getByRole("img", { name: "热门意图" }).textContent()).toContain("支付方式");
    expect(await page.locator(".summary").textContent()).not.toMatch(/physical store|Paris/); // the Chinese summary quotes no English question

    // A low-rated conversation opens in the console (after signing in there), resolved or not.
    const link = page.getByRole("link", { name: "在工作台中打开" }).first();
    expect(await link.getAttribute("href")).toMatch(/^\/console#conversation=[0-9a-f-]{36}$/);
    await link.click();
    await page.getByPlaceholder(/Email|邮箱/).fill(creds.agents[0]!.email);
    await page.getByPlaceholder(/Password|密码/).fill(creds.agents[0]!.password);
    await page.getByRole("button", { name: /Sign in|登录/ }).click();
    await page.getByText("is there a physical store in Paris?").first().waitFor();
    await page.close();
  });
});
