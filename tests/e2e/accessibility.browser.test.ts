import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { axe, ofImpact, type AxeFinding } from "../support/axe.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";

/** At most this many serious axe findings per page (none critical). */
const SERIOUS_ALLOWED = 3;

const check = (page: string, findings: AxeFinding[]) => {
  const report = JSON.stringify(findings, null, 1);
  expect(ofImpact(findings, "critical"), `${page}: ${report}`).toEqual([]);
  expect(ofImpact(findings, "serious").length, `${page}: ${report}`).toBeLessThanOrEqual(SERIOUS_ALLOWED);
};

describe.runIf(chromiumAvailable)("accessibility of the pages (axe-core in Chromium)", () => {
  let harness: BrowserHarness;
  let server: BrowserHarness["server"];
  let browser: Browser;
  let creds: DemoCredentials;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ server, browser, creds } = harness);
    const { sessionToken } = (await server.post("/widget/sessions", { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" })).json;
    await server.post("/widget/messages", { clientMessageId: "a1", text: "is there a physical store in Paris?" }, sessionToken);
  }, 300_000);
  afterAll(async () => harness?.close());

  const signIn = async (page: Page, who = creds.agents[0]!) => {
    await page.getByPlaceholder("Email").fill(who.email);
    await page.getByPlaceholder("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };

  it("/demo with the widget open, used from the keyboard: nothing critical", async () => {
    const page = await browser.newPage({ locale: "zh-CN", viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await page.goto(`${server.baseUrl}/demo`); // the demo shop speaks Chinese first
    const launcher = page.getByRole("button", { name: "打开客服对话" });
    await launcher.waitFor();
    await launcher.focus();
    await page.keyboard.press("Enter");
    const box = page.getByRole("textbox", { name: "输入消息…" });
    await box.waitFor();
    await box.fill("有绿茶吗？");
    await page.keyboard.press("Enter");
    await page.locator(".msg.bot").nth(1).waitFor({ timeout: 15_000 });
    check("/demo", await axe(page));
    // The launcher's icon is an SVG, not an emoji that needs a font.
    expect(await launcher.locator("svg").count()).toBe(1);
    await page.close();
  });

  it("/console: the sign-in form and the signed-in console", async () => {
    const page = await browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await page.goto(`${server.baseUrl}/console`);
    await page.getByPlaceholder("Email").waitFor();
    check("/console sign-in", await axe(page));
    await signIn(page);
    await page.locator("[data-testid=queue]").waitFor();
    check("/console", await axe(page));
    await page.close();
  });

  it("/dashboard signed in, in both languages", async () => {
    const page = await browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await page.goto(`${server.baseUrl}/dashboard`);
    await page.getByPlaceholder("Email").waitFor();
    check("/dashboard sign-in", await axe(page));
    await signIn(page);
    await page.locator(".tile").first().waitFor();
    check("/dashboard", await axe(page));
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByText("商家数据看板").first().waitFor();
    check("/dashboard zh-CN", await axe(page));
    await page.close();
  });
});
