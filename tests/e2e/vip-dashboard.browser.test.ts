import { createHmac } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsOf } from "../../api/domain/merchants/settings.ts";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";
import { createProduct, shippingAddress } from "../support/fixtures.ts";
import { connected, emitAck } from "../support/realtime-server.ts";

/**
 * The dashboard's VIP, campaign and coupon panels show the numbers GET /analytics/promotions
 * gives, and the console's customer panel shows a VIP's badge, paid spend and account manager.
 */
describe.runIf(chromiumAvailable)("VIP, campaigns and coupons on the dashboard and in the console, in Chromium", () => {
  let harness: BrowserHarness;
  let server: BrowserHarness["server"];
  let browser: Browser;
  let creds: DemoCredentials;
  let merchantId: string;
  let vipCustomerId: string;
  const VIP_NAME = "<i>Mei</i> Chen";

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${creds.merchants[0]!.apiKey}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as any };
  };

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ server, browser, creds } = harness);
    const prisma = harness.test.db.prisma;
    const manager = await prisma.agent.findUniqueOrThrow({ where: { email: creds.agents[1]!.email } });
    merchantId = manager.merchantId;
    expect((await call("PATCH", "/settings", { vip: { spendOver: { amount: 50000, currency: "CNY" }, offerPercent: 5, accountManagerId: manager.id } })).status).toBe(200);
    expect((await call("POST", "/coupons", { code: "SPRING10", type: "percent", value: 10 })).status).toBe(201);
    const product = await createProduct(prisma, merchantId, { priceAmount: 30000 });
    // The VIP: two paid orders (60000 before the offer), the second with a coupon.
    for (const [i, couponCode] of [undefined, "SPRING10"].entries()) {
      const placed = await call("POST", "/orders", { customer: { email: "vip-browser@example.com" }, items: [{ productId: product.id, quantity: 1 }], shippingAddress, couponCode }, { "idempotency-key": `vip-browser-${i}` });
      expect(placed.status).toBe(201);
      await prisma.order.update({ where: { id: placed.json.id }, data: { status: "paid" } });
    }
    const customer = await prisma.customer.update({ where: { merchantId_email: { merchantId, email: "vip-browser@example.com" } }, data: { name: VIP_NAME, externalId: "vip-browser" } });
    vipCustomerId = customer.id;
    // A red-packet campaign running for three more hours, one packet claimed.
    const now = Date.now();
    const campaign = await call("POST", "/campaigns", { type: "red_packet", name: "Spring rain", startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3 * 3_600_000).toISOString(), packets: 10, value: 500 });
    expect(campaign.status).toBe(201);
    const { sessionToken } = (await server.post("/widget/sessions", { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" })).json;
    expect((await server.post(`/widget/campaigns/${campaign.json.id}/claim`, {}, sessionToken)).status).toBeLessThan(300);
  }, 300_000);
  afterAll(async () => harness?.close());

  it("shows the VIP, campaign and coupon tiles with the API's numbers, in English and Chinese", async () => {
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const [from, to] = [iso(new Date(Date.now() - 29 * 86_400_000)), iso(new Date())];
    const api = (await call("GET", `/analytics/promotions?from=${from}&to=${to}`)).json;
    const sales = (await call("GET", `/analytics/sales?from=${from}&to=${to}`)).json;
    expect(api.vip.customers).toBeGreaterThanOrEqual(1);
    expect(api.vip.top.map((v: any) => v.id)).toContain(vipCustomerId);
    expect(api.vip.revenueShare).toBeCloseTo(api.vip.revenue.amount / sales.revenue.amount, 3);
    expect(api.coupons.topCodes[0]).toMatchObject({ code: "SPRING10", redemptions: 1, discount: { amount: 3000 } });
    expect(api.campaigns[0]).toMatchObject({ name: "Spring rain", packets: 10, claimed: 1, left: 9 });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    await page.goto(`${server.baseUrl}/dashboard`);
    await page.getByPlaceholder("Email").fill(creds.agents[0]!.email);
    await page.getByPlaceholder("Password").fill(creds.agents[0]!.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    const money = (amount: number, locale = "en") => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", maximumFractionDigits: 0 }).format(amount / 100);
    const field = (panel: string, name: string) => page.locator(`[data-panel=${panel}] [data-field=${name}]`);
    await field("vip", "vipCustomers").waitFor({ timeout: 20_000 });
    expect(await field("vip", "vipCustomers").locator("strong").textContent()).toBe(String(api.vip.customers));
    expect(await field("vip", "vipRevenueShare").locator("strong").textContent()).toBe(`${Math.round(api.vip.revenueShare * 100)}%`);
    expect(Number(await field("vip", "vipRevenue").getAttribute("data-value"))).toBe(api.vip.revenue.amount);
    expect(await field("vip", "vipRevenue").locator("strong").textContent()).toBe(money(api.vip.revenue.amount));
    const top = page.locator(`[data-panel=vip] li[data-customer="${vipCustomerId}"]`);
    // The customer's name is text: no <i> element from it.
    expect(await top.textContent()).toContain(`${VIP_NAME} · ${money(api.vip.top.find((v: any) => v.id === vipCustomerId).lifetimeSpend.amount)} · account manager ${api.vip.top[0].accountManager.name}`);
    expect(await page.locator("[data-panel=vip] i").count()).toBe(0);

    const spring = page.locator(`[data-panel=campaigns] li[data-campaign="${api.campaigns[0].id}"]`);
    expect(await spring.getAttribute("data-claimed")).toBe("1");
    expect(await spring.getAttribute("data-left")).toBe("9");
    expect(await spring.textContent()).toMatch(/^Spring rain · 1\/10 claimed · 9 left · ends in 2 hr$/);

    expect(await field("coupons", "redemptions").locator("strong").textContent()).toBe(String(api.coupons.redemptions));
    expect(await field("coupons", "discount").locator("strong").textContent()).toBe(money(api.coupons.discount.amount));
    expect(await field("coupons", "couponRevenue").locator("strong").textContent()).toBe(money(api.coupons.revenue.amount));
    expect(await page.locator("[data-panel=coupons] li[data-code=SPRING10]").textContent()).toBe(`SPRING10 · 1 use · ${money(3000)} off`);

    await page.getByRole("button", { name: "中文" }).click();
    await page.locator("[data-panel=vip] h2", { hasText: "VIP 客户" }).waitFor();
    await page.locator("[data-panel=campaigns] li", { hasText: "已领 1/10 · 剩余 9 个" }).waitFor();
    expect(await field("vip", "vipRevenueShare").locator(".label").textContent()).toBe("营收占比");
    expect(await field("coupons", "discount").locator("strong").textContent()).toBe(money(api.coupons.discount.amount, "zh-CN"));
    await page.close();
  });

  it("shows the VIP badge, paid spend and account manager in the console's customer panel", async () => {
    const prisma = harness.test.db.prisma;
    const shop = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    await prisma.merchant.update({ where: { id: shop.id }, data: { settings: { ...(shop.settings as object), handoff: { ...settingsOf(shop.settings).handoff, autoAssign: false } } } });
    const hmac = createHmac("sha256", creds.merchants[0]!.identitySecret).update("vip-browser").digest("hex");
    const session = (await server.post("/widget/sessions", { widgetKey: creds.merchants[0]!.widgetKey, locale: "en", identity: { customerId: "vip-browser", hmac } })).json;
    const shopper = server.socket("/widget", { sessionToken: session.sessionToken });
    await connected(shopper);
    await emitAck(shopper, "message:send", { clientMessageId: "vb1", text: "I want to talk to a human" });
    const profile = (await call("GET", `/customers/${vipCustomerId}`)).json;
    expect(profile.tier).toBe("vip");

    const page = await browser.newPage({ locale: "en-US" });
    await page.goto(`${server.baseUrl}/console`);
    await page.getByPlaceholder("Email").fill(creds.agents[0]!.email);
    await page.getByPlaceholder("Password").fill(creds.agents[0]!.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const entry = page.locator(`[data-testid=queue] [data-conversation="${session.conversationId}"]`);
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.locator("[data-field=vip]").textContent()).toBe("VIP");
    await entry.click();
    const panel = page.locator("aside.customer");
    await panel.locator("[data-field=lifetimeSpend]").waitFor();
    expect(await panel.locator("[data-field=tier]").textContent()).toBe("VIP");
    expect(await panel.textContent()).toContain(VIP_NAME);
    expect(await panel.locator("i").count()).toBe(0);
    expect(Number(await panel.locator("[data-field=lifetimeSpend]").getAttribute("data-value"))).toBe(profile.lifetimeSpend.amount);
    expect(await panel.locator("[data-field=lifetimeSpend]").textContent()).toBe(new Intl.NumberFormat("en", { style: "currency", currency: "CNY" }).format(profile.lifetimeSpend.amount / 100));
    expect(await panel.locator("[data-field=accountManager]").textContent()).toBe(profile.accountManager.name);
    await page.getByRole("button", { name: "中文" }).click();
    await panel.locator("dt", { hasText: "客户经理" }).waitFor();
    expect(await panel.locator("[data-field=tierName]").textContent()).toBe("VIP 会员");
    await page.close();
  });
});
