import { settingsOf } from "../../api/domain/merchants/settings.ts";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";
import type { TestDatabase } from "../support/databases.ts";
import { connected, emitAck, next } from "../support/realtime-server.ts";
import { ROOT } from "../support/server.ts";

describe.runIf(chromiumAvailable)("the agent console in Chromium", () => {
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

  it("signs in, sees the queued shopper, claims the chat and replies", async () => {
    // Agents pick chats themselves at this shop (no auto-assignment).
    const shop = await test.db.prisma.merchant.findFirstOrThrow({ where: { name: creds.merchants[0]!.name } });
    await test.db.prisma.merchant.update({ where: { id: shop.id }, data: { settings: { ...(shop.settings as object), handoff: { ...settingsOf(shop.settings).handoff, autoAssign: false } } } });
    const session = (await server.post("/widget/sessions", { widgetKey: creds.merchants[0]!.widgetKey, locale: "zh-CN", identity: undefined })).json;
    const shopper = server.socket("/widget", { sessionToken: session.sessionToken });
    await connected(shopper);
    await emitAck(shopper, "message:send", { clientMessageId: "c1", text: "我要人工客服" });

    const page = await browser.newPage({ locale: "en-US" });
    await page.goto(`${server.baseUrl}/console`);
    await page.getByPlaceholder("Email").fill(creds.agents[0]!.email);
    await page.getByPlaceholder("Password").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByRole("alert").textContent()).toBe("Wrong email or password.");
    expect(await page.getByPlaceholder("Email").inputValue()).toBe(creds.agents[0]!.email);
    await page.getByPlaceholder("Password").fill(creds.agents[0]!.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    const entry = page.locator(`[data-testid=queue] [data-conversation="${session.conversationId}"]`);
    await entry.waitFor({ timeout: 15_000 });
    expect(await page.title()).toMatch(/^\(\d+\) Agent console/);
    await entry.click();
    await page.getByText("我要人工客服").first().waitFor();
    await page.locator("[data-action=claim]").click();
    await page.locator(`[data-testid=mine] [data-conversation="${session.conversationId}"]`).waitFor();

    const reply = next(shopper, "message:new", (m: any) => m.role === "agent");
    await page.getByRole("textbox", { name: "Reply" }).fill("您好，我是客服，请问有什么可以帮您？<b>not bold</b>");
    await page.keyboard.press("Enter");
    expect((await reply).text).toBe("您好，我是客服，请问有什么可以帮您？<b>not bold</b>");
    await page.getByText("<b>not bold</b>", { exact: false }).waitFor();
    expect(await page.locator(".messages b").count()).toBe(0);

    await emitAck(shopper, "message:send", { clientMessageId: "c2", text: "我的订单什么时候发货" });
    await page.getByText("我的订单什么时候发货").waitFor();
    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, ".tmp", "console.png") });

    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("button", { name: "结束会话" }).click();
    const status = await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: session.conversationId } });
    await expect.poll(async () => (await test.db.prisma.conversation.findUniqueOrThrow({ where: { id: status.id } })).status).toBe("resolved");
  });
});
