import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { buildEmbed } from "../../widget/build.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";
import type { TestDatabase } from "../support/databases.ts";
import { ROOT } from "../support/server.ts";

describe("the widget bundle", () => {
  it("stays within its size budget: <= 12 KB gzip before opening, <= 45 KB once open", async () => {
    const { gzip } = await buildEmbed();
    expect(gzip.loader).toBeLessThanOrEqual(12 * 1024);
    expect(gzip.loader + gzip.app).toBeLessThanOrEqual(45 * 1024);
  });
});

describe.runIf(chromiumAvailable)("the shopper widget in Chromium", () => {
  let harness: BrowserHarness;
  let test: TestDatabase;
  let server: BrowserHarness["server"];
  let browser: Browser;
  let creds: DemoCredentials;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ test, server, browser, creds } = harness);
  });
  afterAll(async () => harness?.close());

  const openDemo = async (locale: "zh-CN" | "en") => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => (dialogs.push(d.message()), void d.dismiss()));
    await page.goto(`${server.baseUrl}/demo?locale=${locale === "en" ? "en" : "zh"}`);
    return { page, dialogs };
  };
  const say = async (page: Page, text: string, name: string) => {
    const box = page.getByRole("textbox", { name });
    await box.fill(text);
    await box.press("Enter");
  };
  const lastBot = (page: Page) => page.locator(".msg.bot").last();

  it("shows the launcher, keeps host CSS out, and greets on open", async () => {
    const { page } = await openDemo("zh-CN");
    const launcher = page.getByRole("button", { name: "打开客服对话" });
    await launcher.waitFor();
    expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(29, 78, 216)");
    await launcher.click();
    await page.getByRole("log").getByText("智能助手").waitFor();
    expect(await launcher.getAttribute("aria-expanded")).toBe("true");
    await page.close();
  });

  it("places an order in Chinese, clicking the confirm button", async () => {
    const { page } = await openDemo("zh-CN");
    await page.getByRole("button", { name: "打开客服对话" }).click();
    await page.getByRole("log").getByText("智能助手").waitFor();
    for (const text of ["我想买两盒龙井", "浙江省杭州市西湖区文三路90号", "陈美", "13800138000", "buyer-zh@example.com"]) {
      const before = await page.locator(".msg.bot").count();
      await say(page, text, "输入消息…");
      await expect.poll(() => page.locator(".msg.bot").count()).toBeGreaterThan(before);
    }
    expect(await lastBot(page).textContent()).toContain("¥256.00");
    await page.getByRole("button", { name: "确认", exact: true }).last().click();
    await page.locator(".order").last().waitFor();
    expect(await lastBot(page).textContent()).toMatch(/下单成功！订单号 LL\d{6}/);
    const orders = await test.db.prisma.order.findMany({ where: { customerEmail: "buyer-zh@example.com" } });
    expect(orders).toEqual([expect.objectContaining({ channel: "bot", totalAmount: 25600 })]);
    await page.close();
  });

  it("tracks an order in English and finds the history again after a reload", async () => {
    const { page } = await openDemo("en");
    await page.getByRole("button", { name: "Open chat" }).click();
    await page.getByRole("log").getByText("assistant").first().waitFor();
    await say(page, `where is my order ${creds.sampleOrder.number}?`, "Type a message…");
    await page.getByText("email address or phone number").waitFor();
    await say(page, creds.sampleOrder.email, "Type a message…");
    await page.locator(".order").last().waitFor();
    expect(await page.locator(".order").last().textContent()).toContain(creds.sampleOrder.number);
    const count = await page.locator(".msg").count();

    await page.reload();
    await page.getByRole("button", { name: "Open chat" }).click();
    await expect.poll(() => page.locator(".msg").count()).toBe(count);
    expect(await page.locator(".order").last().textContent()).toContain(creds.sampleOrder.number);
    await page.close();
  });

  it("shows an agent's reply sent from the console, and renders every payload as inert text", async () => {
    const { page, dialogs } = await openDemo("en");
    await page.getByRole("button", { name: "Open chat" }).click();
    await page.getByRole("log").getByText("assistant").first().waitFor();
    await say(page, "<img src=x onerror=alert(1)> I want to talk to a human", "Type a message…");
    await page.getByText("<img src=x onerror=alert(1)> I want to talk to a human").waitFor();
    const conversationId = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("shopchat:"))!;
      return JSON.parse(localStorage.getItem(key)!).conversationId as string;
    });
    await expect.poll(async () => (await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toMatch(/queued|assigned/);

    // The agent answers from the console, in a second page of its own.
    const consoleContext = await browser.newContext();
    const consolePage = await consoleContext.newPage();
    await consolePage.goto(`${server.baseUrl}/console`);
    await consolePage.getByPlaceholder("Email").fill(creds.agents[0]!.email);
    await consolePage.getByPlaceholder("Password").fill(creds.agents[0]!.password);
    await consolePage.getByRole("button", { name: "Sign in" }).click();
    await consolePage.locator(`[data-conversation="${conversationId}"]`).first().click();
    const claim = consolePage.locator("[data-action=claim]");
    if (await claim.isVisible()) await claim.click();
    const reply = consolePage.getByRole("textbox", { name: "Reply" });
    await expect.poll(() => reply.isEnabled()).toBe(true);
    await reply.fill('<script>alert("agent")</script>Hello, I am Li Na.');
    await consolePage.keyboard.press("Enter");
    await page.getByText('<script>alert("agent")</script>Hello, I am Li Na.').waitFor();
    expect(dialogs).toEqual([]);
    expect(await page.locator(".msg.agent .who").last().textContent()).toContain("Li Na");
    const injected = await page.evaluate(() => {
      const root = document.querySelector("#shopchat-widget")!.shadowRoot!;
      return root.querySelectorAll(".log img, .log script").length;
    });
    expect(injected).toBe(0);
    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, ".tmp", "widget.png") });
    await consoleContext.close();
    await page.close();
  });

  it("works end to end with the keyboard only", async () => {
    const { page } = await openDemo("en");
    const launcher = page.getByRole("button", { name: "Open chat" });
    await launcher.waitFor();
    await launcher.focus();
    await page.keyboard.press("Enter");
    const box = page.getByRole("textbox", { name: "Type a message…" });
    await expect.poll(() => box.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.type("what payment methods do you accept?");
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: /Payment/ }).waitFor();
    await page.keyboard.press("Escape");
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    expect(await launcher.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await page.close();
  });
});
