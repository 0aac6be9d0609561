import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";
import { ROOT } from "../support/server.ts";

/** One shopper's checkout in chat, per language: what they type, and what the widget and pay page say. */
const journeys = {
  "zh-CN": {
    open: "打开客服对话",
    input: "输入消息…",
    greeting: "智能助手",
    lines: ["我想买一盒茉莉龙珠花茶", "浙江省杭州市西湖区文三路90号", "陈美", "13800138000", "pay-zh@example.com"],
    confirm: "确认",
    amount: "¥76.00",
    pay: "确认付款",
    fail: "模拟失败",
    paid: "已付款，谢谢",
    failed: "付款失败",
  },
  en: {
    open: "Open chat",
    input: "Type a message…",
    greeting: "assistant",
    lines: ["I'd like to buy one jasmine dragon pearl tea", "90 Wensan Road, Xihu District, Hangzhou", "Mei Chen", "13800138000", "pay-en@example.com"],
    confirm: "Confirm",
    amount: "¥76.00",
    pay: "Pay",
    fail: "Fail",
    paid: "Paid, thank you",
    failed: "Payment failed",
  },
} as const;

describe.runIf(chromiumAvailable)("checkout in the chat widget, in Chromium", () => {
  let harness: BrowserHarness;
  let browser: Browser;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    browser = harness.browser;
  });
  afterAll(async () => harness?.close());

  async function orderInChat(locale: "zh-CN" | "en") {
    const j = journeys[locale];
    const context = await browser.newContext({ viewport: { width: 1100, height: 820 } });
    const page = await context.newPage();
    await page.goto(`${harness.server.baseUrl}/demo?locale=${locale === "en" ? "en" : "zh"}`);
    await page.getByRole("button", { name: j.open }).click();
    await page.getByRole("log").getByText(j.greeting).first().waitFor();
    for (const text of j.lines) {
      const before = await page.locator(".msg.bot").count();
      const box = page.getByRole("textbox", { name: j.input });
      await box.fill(text);
      await box.press("Enter");
      await expect.poll(() => page.locator(".msg.bot").count()).toBeGreaterThan(before);
    }
    // The confirmation shows the total with the ¥8 shipping (¥68 of tea is under the ¥99 threshold).
    expect(await page.locator(".msg.bot").last().textContent()).toContain(j.amount);
    await page.getByRole("button", { name: j.confirm, exact: true }).last().click();
    await page.locator(".pay").last().waitFor();
    const id = await page.locator(".pay").last().getAttribute("data-payment-id");
    return { page, block: page.locator(`.pay[data-payment-id="${id}"]`).first() };
  }

  /**
   * Opens the pay page from the block's button and presses a button there. Returns how long
   * the widget took to show the outcome after the server recorded it (the payment's
   * updatedAt, same clock), observed in the page with a MutationObserver.
   */
  async function payOnHostedPage(page: Page, block: ReturnType<Page["locator"]>, button: string, expected: string, shot?: string) {
    const href = await block.locator("a.pay-button").getAttribute("href");
    expect(href).toMatch(/\/pay\/pt_/);
    const paymentId = await block.getAttribute("data-payment-id");
    const shown = block.evaluate(
      (el) =>
        new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (el.getAttribute("data-status") !== "pending") {
              observer.disconnect();
              resolve(Date.now());
            }
          });
          observer.observe(el, { attributes: true, attributeFilter: ["data-status"] });
        }),
    );
    const payPage = await page.context().newPage();
    await payPage.goto(href!);
    await payPage.locator("img.qr").waitFor();
    if (shot) await payPage.screenshot({ path: shot });
    await payPage.getByRole("button", { name: button, exact: true }).click();
    await block.getByText(expected).waitFor({ timeout: 10_000 });
    const shownAt = await shown;
    const recorded = await harness.test.db.prisma.payment.findUniqueOrThrow({ where: { id: paymentId! } });
    await payPage.close();
    return shownAt - (recorded.paidAt ?? recorded.updatedAt).getTime();
  }

  for (const locale of ["zh-CN", "en"] as const) {
    it(`orders in chat, pays on the sandbox page and sees it paid in the widget within a second (${locale})`, async () => {
      const j = journeys[locale];
      const { page, block } = await orderInChat(locale);
      expect(await block.textContent()).toContain(j.amount);
      expect(await block.locator("img.qr").getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(await block.getAttribute("data-status")).toBe("pending");
      if (locale === "en") {
        mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
        await page.screenshot({ path: path.join(ROOT, ".tmp", "checkout-pending.png") });
      }

      const latency = await payOnHostedPage(page, block, j.pay, j.paid, locale === "en" ? path.join(ROOT, ".tmp", "pay-page.png") : undefined);
      // From the moment the server settled the payment to the widget showing it.
      expect(latency).toBeLessThan(1000);
      expect(await block.getAttribute("data-status")).toBe("succeeded");
      expect(await block.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe("rgb(21, 128, 61)");
      const order = await harness.test.db.prisma.order.findFirstOrThrow({ where: { customerEmail: j.lines[4] }, include: { payments: true } });
      expect(order).toMatchObject({ status: "paid", totalAmount: 7600, shippingAmount: 800 });
      expect(order.payments).toEqual([expect.objectContaining({ status: "succeeded", amount: 7600 })]);
      if (locale === "en") await page.screenshot({ path: path.join(ROOT, ".tmp", "checkout-paid.png") });
      await page.context().close();
    });
  }

  it("shows a failed payment in red and pays with the retry it offers", async () => {
    const j = journeys.en;
    const { page, block } = await orderInChat("en");
    await payOnHostedPage(page, block, j.fail, j.failed);
    expect(await block.getAttribute("data-status")).toBe("failed");
    expect(await block.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe("rgb(185, 28, 28)");
    await page.locator('.pay[data-status="pending"]').last().waitFor();
    const retryId = await page.locator('.pay[data-status="pending"]').last().getAttribute("data-payment-id");
    expect(retryId).not.toBe(await block.getAttribute("data-payment-id"));
    await payOnHostedPage(page, page.locator(`.pay[data-payment-id="${retryId}"]`).first(), j.pay, j.paid);
    await page.context().close();
  });
});
