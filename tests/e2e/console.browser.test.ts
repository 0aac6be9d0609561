import { settingsOf } from "../../api/domain/merchants/settings.ts";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { axe, ofImpact } from "../support/axe.ts";
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
  }, 300_000); // seeding, training and Chromium on a busy machine
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

  it("lets an agent triage three queued conversations by their previews, in Chinese, from the keyboard", async () => {
    const shop = await test.db.prisma.merchant.findFirstOrThrow({ where: { name: creds.merchants[0]!.name } });
    await test.db.prisma.merchant.update({ where: { id: shop.id }, data: { settings: { ...(shop.settings as object), handoff: { ...settingsOf(shop.settings).handoff, autoAssign: false } } } });
    // Three shoppers: a topic, a request for a person, then a last question while waiting.
    const shoppers = [
      { topic: "可以开发票吗", last: "发票抬头写公司名可以吗？" },
      { topic: "推荐一款绿茶", last: "绿茶现在有优惠吗？" },
      { topic: "支持哪些支付方式", last: "可以用信用卡分期吗？" },
    ];
    const ids: string[] = [];
    let n = 0;
    for (const s of shoppers) {
      const session = (await server.post("/widget/sessions", { widgetKey: creds.merchants[0]!.widgetKey, locale: "zh-CN" })).json;
      for (const text of [s.topic, "我要人工客服", s.last]) await server.post("/widget/messages", { clientMessageId: `t${++n}`, text }, session.sessionToken);
      ids.push(session.conversationId);
    }
    for (const id of ids) expect((await test.db.prisma.conversation.findUniqueOrThrow({ where: { id } })).status).toBe("queued");
    // They have waited four minutes.
    await test.db.prisma.conversation.updateMany({ where: { id: { in: ids } }, data: { queuedAt: new Date(Date.now() - 4 * 60_000) } });

    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    const page = await browser.newPage({ locale: "zh-CN", viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await page.goto(`${server.baseUrl}/console`);
    await page.getByPlaceholder("邮箱").fill(creds.agents[0]!.email);
    await page.getByPlaceholder("密码").fill(creds.agents[0]!.password);
    await page.getByRole("button", { name: "登录" }).click();

    // Every entry previews the shopper's own last words, with topic, language and wait.
    for (const [i, id] of ids.entries()) {
      const entry = page.locator(`[data-testid=queue] [data-conversation="${id}"]`);
      await entry.waitFor({ timeout: 15_000 });
      expect(await entry.locator("[data-field=preview]").textContent()).toBe(shoppers[i]!.last);
      expect(await entry.locator("[data-field=language]").textContent()).toBe("中文");
      expect(await entry.locator("[data-field=wait]").textContent()).toBe("已等待 4分钟");
      expect(await entry.locator("[data-field=topic]").textContent()).toMatch(/^[\u4e00-\u9fff]+$/);
    }
    const topics = await Promise.all(ids.map((id) => page.locator(`[data-conversation="${id}"] [data-field=topic]`).textContent()));
    expect(topics).toEqual(["开具发票", expect.stringMatching(/^(推荐商品|找商品)$/), "支付方式"]);
    expect(await page.locator("[data-testid=queue]").textContent()).not.toMatch(/Anonymous|Nobody|没有客服在线/);

    // Keyboard only: Alt+N opens the next waiting chat, Alt+C claims it, the reply box takes the answer, Alt+R resolves.
    const handled: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Alt+KeyN");
      const selected = page.locator("[data-testid=queue] .conv.active");
      await selected.waitFor();
      const id = (await selected.getAttribute("data-conversation"))!;
      handled.push(id);
      const which = ids.indexOf(id);
      await page.locator(".messages").getByText(shoppers[which]!.last).waitFor();
      if (which === 1) await page.locator(".messages [data-block=products] .card").first().waitFor(); // the cards the bot showed
      await page.keyboard.press("Alt+KeyC");
      await page.locator(`[data-testid=mine] [data-conversation="${id}"]`).waitFor();
      if (which === 1) {
        await page.screenshot({ path: path.join(ROOT, ".tmp", "console-triage.png") });
        const findings = await axe(page);
        expect(ofImpact(findings, "critical"), JSON.stringify(findings)).toEqual([]);
        expect(ofImpact(findings, "serious").length, JSON.stringify(findings)).toBeLessThanOrEqual(2);
      }
      expect(await page.locator(".customer").textContent()).toContain("快捷回复");
      expect(await page.locator(".canned").textContent()).not.toMatch(/Greeting|Order check/);
      const box = page.getByRole("textbox", { name: "回复" });
      const rect = (await box.boundingBox())!;
      expect(rect.y + rect.height).toBeLessThanOrEqual(800); // the reply box fits 1280×800
      await page.keyboard.press("/");
      await page.keyboard.type("好的，我来帮您处理。");
      await page.keyboard.press("Enter");
      await page.locator(".messages .msg.agent").getByText("好的，我来帮您处理。").waitFor();
      await page.keyboard.press("Alt+KeyR");
      await expect.poll(async () => (await test.db.prisma.conversation.findUniqueOrThrow({ where: { id } })).status).toBe("resolved");
    }
    expect(new Set(handled)).toEqual(new Set(ids));
    await page.close();
  });
});
