import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { buildEmbed } from "../../widget/build.ts";
import { axe, ofImpact } from "../support/axe.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";
import { ROOT } from "../support/server.ts";

const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const HOUR = 3_600_000;

describe("the widget bundle with the red-packet banner", () => {
  it("stays within its size budget: <= 12 KB gzip before opening, <= 45 KB once open", async () => {
    const { gzip } = await buildEmbed();
    expect(gzip.loader).toBeLessThanOrEqual(12 * 1024);
    expect(gzip.loader + gzip.app).toBeLessThanOrEqual(45 * 1024);
  });
});

describe.runIf(chromiumAvailable)("red-packet rain in the widget (Chromium)", () => {
  let harness: BrowserHarness;
  let server: BrowserHarness["server"];
  let browser: Browser;
  let creds: DemoCredentials;
  let apiKey: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ server, browser, creds } = harness);
    apiKey = creds.merchants[0]!.apiKey;
    // The widget is bundled on first request: done here, so a short campaign is not over before the page shows it.
    for (const file of ["/widget.js", "/widget/app.js"]) expect((await fetch(`${server.baseUrl}${file}`)).status).toBe(200);
  }, 300_000);
  afterAll(async () => harness?.close());

  const campaign = async (body: Record<string, unknown>) => {
    const res = await server.post("/campaigns", { type: "red_packet", startsAt: iso(-60_000), ...body }, apiKey);
    expect(res.status).toBe(201);
    return res.json as { id: string };
  };
  const openWidget = async (page: Page, locale: "en" | "zh") => {
    await page.goto(`${server.baseUrl}/demo?locale=${locale}`);
    await page.getByRole("button", { name: locale === "en" ? "Open chat" : "打开客服对话" }).click();
  };
  const banner = (page: Page) => page.locator(".rp");
  const packet = (page: Page) => page.locator(".rp-packet");
  const say = async (page: Page, text: string, name: string) => {
    const before = await page.locator(".msg.bot").count();
    const box = page.getByRole("textbox", { name });
    await box.fill(text);
    await box.press("Enter");
    await expect.poll(() => page.locator(".msg.bot:not(.draft)").count(), { timeout: 15_000 }).toBeGreaterThan(before);
    return (await page.locator(".msg.bot").last().textContent()) ?? "";
  };

  it("shows a running campaign's banner with its time left, and takes it away when the time is up", async () => {
    await campaign({ name: "Flash rain", endsAt: iso(25_000), packets: 10, value: 300 });
    const page = await browser.newPage();
    await openWidget(page, "en");
    await banner(page).getByText("Flash rain").waitFor();
    expect(await banner(page).textContent()).toMatch(/ends in 0:\d\d/);
    await page.getByRole("button", { name: "Grab a red packet" }).waitFor();
    // The rain: never in the way of a click.
    expect(await page.locator(".rp-rain").evaluate((el) => getComputedStyle(el).pointerEvents)).toBe("none");
    await banner(page).waitFor({ state: "hidden", timeout: 40_000 });
    await page.close();
  }, 90_000);

  it("claims once in Chinese and English: the packet, the same packet after a reload, and the packet in the chat's coupon list", async () => {
    const { id } = await campaign({ name: "双十二红包雨", endsAt: iso(HOUR), packets: 20, value: 800, minSpend: 5000 });

    // Chinese, with the keyboard.
    const zh = await browser.newPage({ bypassCSP: true });
    await openWidget(zh, "zh");
    await banner(zh).getByText("双十二红包雨").waitFor();
    expect(await banner(zh).textContent()).toContain("后结束");
    const grab = zh.getByRole("button", { name: "抢红包" });
    await grab.focus();
    await zh.keyboard.press("Enter");
    await packet(zh).waitFor();
    const status = zh.locator(".rp-result");
    expect(await status.getAttribute("aria-live")).toBe("polite");
    const won = (await packet(zh).textContent())!;
    expect(won).toContain("恭喜抢到 ¥8.00 优惠券！");
    expect(won).toContain("满 ¥50.00 可用");
    expect(won).toContain("有效期至");
    const code = (await packet(zh).getAttribute("data-code"))!;
    expect(code).toMatch(/^RP-[0-9A-F]{10}$/);
    expect(won).toContain(`券码：${code}`);
    expect(ofImpact(await axe(zh), "critical")).toEqual([]);
    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    await zh.screenshot({ path: path.join(ROOT, ".tmp", "red-packet.png") });

    // A reload and a second claim: the first packet again.
    await zh.reload();
    await zh.getByRole("button", { name: "打开客服对话" }).click();
    await zh.getByRole("button", { name: "抢红包" }).click();
    await packet(zh).waitFor();
    expect(await packet(zh).getAttribute("data-code")).toBe(code);
    expect(await packet(zh).textContent()).toContain("您已经抢过了，这是您的红包");
    // The bot lists it with the shopper's coupons.
    expect(await say(zh, "有优惠券吗", "输入消息…")).toContain(code);
    // Dismissed: the banner goes and the chat stays usable.
    await zh.getByRole("button", { name: "收起红包横幅" }).click();
    await banner(zh).waitFor({ state: "hidden" });
    // ... and stays away after a reload in this tab.
    await zh.reload();
    const asked = zh.waitForResponse((r) => r.url().includes("/widget/campaigns"));
    await zh.getByRole("button", { name: "打开客服对话" }).click();
    expect((await asked).status()).toBe(200);
    await zh.waitForTimeout(1000); // time to draw a banner, were it to come
    expect(await banner(zh).isVisible()).toBe(false);
    await zh.close();

    // English: another shopper, another packet, in the shop's currency as English writes it.
    const en = await browser.newPage();
    await openWidget(en, "en");
    await en.getByRole("button", { name: "Grab a red packet" }).click();
    await packet(en).waitFor();
    const enText = (await packet(en).textContent())!;
    expect(enText).toContain("You got a CN¥8.00 coupon!");
    expect(enText).toContain("On orders of CN¥50.00 or more");
    const enCode = (await packet(en).getAttribute("data-code"))!;
    expect(enCode).not.toBe(code);
    expect(await say(en, "any promo codes?", "Type a message…")).toContain(enCode);
    await en.close();

    const claims = await harness.test.db.prisma.campaignClaim.findMany({ where: { campaignId: id } });
    expect(claims).toHaveLength(2);
  }, 180_000);

  it("says 'all gone' when the last packet went to someone else meanwhile", async () => {
    const { id } = await campaign({ name: "Last one", endsAt: iso(HOUR / 2), packets: 1, value: 500 });
    const page = await browser.newPage({ reducedMotion: "reduce" });
    await openWidget(page, "en");
    await banner(page).getByText("Last one").waitFor();
    // Reduced motion: no rain at all.
    expect(await page.locator(".rp-rain").evaluate((el) => getComputedStyle(el).display)).toBe("none");
    const { sessionToken } = (await server.post("/widget/sessions", { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" })).json;
    expect((await server.post(`/widget/campaigns/${id}/claim`, {}, sessionToken)).status).toBe(200);
    await page.getByRole("button", { name: "Grab a red packet" }).click();
    await page.locator(".rp-result").getByText("All gone! Every red packet has been claimed.").waitFor();
    expect(await page.getByRole("button", { name: "Grab a red packet" }).count()).toBe(0);
    await page.close();
  }, 90_000);
});
