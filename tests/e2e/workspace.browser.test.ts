import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";
import type { TestDatabase } from "../support/databases.ts";
import { ROOT } from "../support/server.ts";

const DAY = 86_400_000;
const DEFAULT_RISK = { enabled: true, reviewAt: 35, holdAt: 60, windowMinutes: 60, velocityLimit: 2, accountsPerDevice: 3, firstOrderMultiple: 6 };

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2 A/AA rules on the page as it is now; the violations by impact. */
async function axe(page: Page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target }));
  });
  return violations as { id: string; impact: string; nodes: number; target: unknown }[];
}

describe.runIf(chromiumAvailable)("the merchant workspace in Chromium", () => {
  let harness: BrowserHarness;
  let test: TestDatabase;
  let server: BrowserHarness["server"];
  let browser: Browser;
  let creds: DemoCredentials;
  const findings: Record<string, { id: string; impact: string; nodes: number }[]> = {};

  /** A product the demand forecast says runs out within the restock lead time (#16). */
  let runningOut: { id: string; sku: string };

  /** The merchant API as an integration calls it, with the first shop's key. */
  const rest = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${creds.merchants[0]!.apiKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as any };
  };

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ test, server, browser, creds } = harness);
    // Four weeks of sales, five a day, of a product with 30 left: it runs out in about six days.
    // Written straight into the tables before any page reads the forecasts (the API would date them today).
    const merchant = await test.db.prisma.merchant.findFirstOrThrow({ where: { name: creds.merchants[0]!.name } });
    const created = await rest("POST", "/products", { sku: "RUN-OUT-1", name: { en: "Matcha whisk", "zh-CN": "抹茶刷" }, price: { amount: 4900, currency: "CNY" }, stock: 30 });
    expect(created.status).toBe(201);
    runningOut = created.json;
    for (let d = 1; d <= 28; d++) {
      await test.db.prisma.order.create({
        data: {
          merchantId: merchant.id,
          number: `PAST${d}`,
          customerEmail: `past${d}@example.com`,
          status: "completed",
          subtotalAmount: 5 * 4900,
          totalAmount: 5 * 4900,
          currency: "CNY",
          shippingAddress: { name: "A", phone: "13900001111", line1: "1 Road", city: "Hangzhou", country: "CN" },
          createdAt: new Date(Date.now() - d * DAY),
          items: { create: [{ productId: runningOut.id, sku: "RUN-OUT-1", name: { en: "Matcha whisk" }, quantity: 5, unitPrice: 4900 }] },
        },
      });
    }
  });
  afterAll(async () => {
    process.stderr.write(`axe findings on the workspace: ${JSON.stringify(findings)}\n`);
    await harness?.close();
  });

  const check = async (page: Page, name: string) => {
    findings[name] = await axe(page);
    expect(findings[name].filter((v) => v.impact === "critical"), `critical axe findings on ${name}`).toEqual([]);
  };

  it("lets a supervisor edit a price, import products from CSV, filter orders by their colours, edit an article and write a report", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US", bypassCSP: true });
    await page.goto(`${server.baseUrl}/workspace`);
    await check(page, "sign-in");
    await page.getByLabel("Email").fill(creds.agents[0]!.email);
    await page.getByLabel("Password").fill(creds.agents[0]!.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    // Products: a price edited inline is saved in minor units.
    const firstRow = page.locator("tbody tr[data-sku]").first();
    await firstRow.waitFor();
    const sku = (await firstRow.getAttribute("data-sku"))!;
    const product = await test.db.prisma.product.findFirstOrThrow({ where: { sku, merchant: { name: creds.merchants[0]!.name } } });
    const name = (product.name as { en: string }).en;
    await page.getByLabel(`Price of ${name}`, { exact: true }).fill("123.45");
    await page.getByRole("button", { name: `Save ${name}`, exact: true }).click();
    await page.getByText(`${name} saved.`).waitFor();
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).priceAmount).toBe(12345);
    await check(page, "products");

    // CSV import through the batch API: one update, one new product, one bad row, each reported.
    const csv = ["sku,name_en,name_zh,price,currency,stock,status", `${sku},,,,,42,`, `NEW-CSV-1,"Tea, green",绿茶,19.90,CNY,7,active`, "BAD-CSV-2,Broken,坏,1.00,CNY,many,active"].join("\n");
    await page.locator("#csv-import").setInputFiles({ name: "products.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByText("Import report: 2 succeeded, 1 failed").waitFor();
    const report = await page.locator(".import-report tr").allTextContents();
    expect(report[0]).toContain("updated");
    expect(report[1]).toContain("created");
    expect(report[2]).toMatch(/Row 4.*BAD-CSV-2.*That did not work/);
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(42);
    const created = await test.db.prisma.product.findFirstOrThrow({ where: { sku: "NEW-CSV-1", merchantId: product.merchantId } });
    expect([created.priceAmount, created.stock, (created.name as { en: string }).en]).toEqual([1990, 7, "Tea, green"]);
    expect(await test.db.prisma.product.count({ where: { sku: "BAD-CSV-2" } })).toBe(0);

    // Low stock only.
    await page.getByLabel("Low stock only").check();
    await page.waitForFunction(() => [...document.querySelectorAll("tbody tr[data-sku]")].every((r) => r.classList.contains("low") || (r.querySelector("select") as HTMLSelectElement)?.value === "delisted"));
    const stocks = await page.locator("tbody tr[data-sku] input[aria-label^='Stock of']").evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
    expect(stocks.length).toBeGreaterThan(0);
    expect(stocks.every((s) => s <= 5)).toBe(true);

    // Orders: the seed's statuses in green, yellow and red; a filter keeps one status.
    await page.getByRole("link", { name: "Orders" }).click();
    await page.locator("tbody tr[data-status]").first().waitFor();
    const tones = await page.locator("tbody .chip").evaluateAll((els) => els.map((e) => ({ tone: e.getAttribute("data-tone"), bg: getComputedStyle(e).backgroundColor, text: e.textContent })));
    const byTone = Object.fromEntries(tones.map((t) => [t.tone, t]));
    expect(byTone.green?.bg).toBe("rgb(220, 252, 231)");
    expect(byTone.yellow?.bg).toBe("rgb(254, 249, 195)");
    expect(byTone.red?.bg).toBe("rgb(254, 226, 226)");
    expect(tones.find((t) => t.text === "Refund requested")?.tone).toBe("yellow");
    expect(tones.find((t) => t.text === "Cancelled")?.tone).toBe("red");
    expect(tones.find((t) => t.text === "Completed")?.tone).toBe("green");
    await page.getByRole("combobox", { name: "Status" }).selectOption("cancelled");
    await page.waitForFunction(() => [...document.querySelectorAll("tbody tr[data-status]")].every((r) => r.getAttribute("data-status") === "cancelled"));
    expect(await page.locator("tbody tr[data-status]").count()).toBeGreaterThan(0);
    await page.getByRole("combobox", { name: "Status" }).selectOption("paid");
    await page.waitForFunction(() => [...document.querySelectorAll("tbody tr[data-status]")].every((r) => r.getAttribute("data-status") === "paid"));
    const paidNumber = (await page.locator("tbody tr[data-status] td button").first().textContent())!;
    await page.getByRole("button", { name: `Open order ${paidNumber}` }).click();
    await page.getByRole("heading", { name: `Order ${paidNumber}` }).waitFor();
    await page.getByRole("button", { name: "Start processing" }).click();
    await page.getByRole("button", { name: "Mark shipped" }).click();
    await page.locator(".history li", { hasText: "Shipped" }).waitFor();
    const order = await test.db.prisma.order.findFirstOrThrow({ where: { number: paidNumber } });
    expect(order.status).toBe("shipped");
    await check(page, "orders");
    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    await page.getByRole("combobox", { name: "Status" }).selectOption("");
    await page.locator("tbody tr[data-status='cancelled']").first().waitFor();
    await page.screenshot({ path: path.join(ROOT, ".tmp", "workspace.png") });

    // Help center: an article edited with its preview in each language.
    await page.getByRole("link", { name: "Help center" }).click();
    const article = await test.db.prisma.article.findFirstOrThrow({ where: { merchantId: product.merchantId, locale: "en" }, orderBy: { slug: "asc" } });
    await page.getByRole("button", { name: `Edit ${article.slug}`, exact: true }).click();
    const en = page.getByRole("form", { name: "English" });
    await en.getByLabel("Title").fill("Shipping, <b>quickly</b> explained");
    await en.getByLabel("Answer (markdown, ## sections)").fill("## How fast\nWithin **two** days.\n\n- Beijing: 1 day\n- Elsewhere: 2 days");
    expect(await en.locator(".preview h4").first().textContent()).toBe("Shipping, <b>quickly</b> explained");
    expect(await en.locator(".preview li").allTextContents()).toEqual(["Beijing: 1 day", "Elsewhere: 2 days"]);
    expect(await page.locator(".preview b").count()).toBe(0);
    await expect.poll(() => page.getByRole("form", { name: "Chinese" }).locator(".preview h4").count()).toBeGreaterThan(0);
    await en.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect((await test.db.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).title).toBe("Shipping, <b>quickly</b> explained");
    await en.getByText(/No unanswered questions match|\(\d+×\)/).first().waitFor();
    await check(page, "help center");

    // Settings render every section; the widget theme previews live.
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("form", { name: "Widget theme" }).waitFor();
    await page.getByLabel("Colour").fill("#b91c1c");
    expect(await page.locator(".mock-head").evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(185, 28, 28)");
    for (const section of ["Business hours", "Service levels (SLA)", "Shipping", "Payments", "Canned responses", "Scheduled reports", "Agents and roles", "API key"]) {
      await page.getByRole("form", { name: section }).waitFor();
    }
    await check(page, "settings");

    // Reports: a weekly report on demand, listed with its revenue.
    await page.getByRole("link", { name: "Reports" }).click();
    await page.getByRole("button", { name: "Weekly report now" }).click();
    await page.locator("tbody tr[data-report]").first().waitFor();
    const saved = await test.db.prisma.report.findFirstOrThrow({ where: { merchantId: product.merchantId } });
    expect(await page.locator(`tr[data-report="${saved.id}"] .revenue`).textContent()).toMatch(/¥/);
    await page.locator(`tr[data-report="${saved.id}"] button.link`).click();
    await page.frameLocator("iframe.report-frame").getByRole("heading", { level: 1 }).waitFor();
    await check(page, "reports");
    // The PDF the server draws, downloaded with the agent's token.
    const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`tr[data-report="${saved.id}"] button[data-format="pdf"]`).click()]);
    expect(file.suggestedFilename()).toBe(`report-${saved.fromDay}-${saved.toDay}.pdf`);
    const pdf = readFileSync((await file.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    // Keyboard: the sections are links in the tab order, and the page fits 1280×800 without sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 1280)).toBe(true);
    await page.getByRole("link", { name: "Products" }).focus();
    await page.keyboard.press("Enter");
    await page.locator("tbody tr[data-sku]").first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    // 中文
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("link", { name: "商品" }).waitFor();
    await page.getByRole("columnheader", { name: "库存" }).waitFor();
    await page.close();
  }, 120_000); // a long walk through every section: ~50 s on two cores shared with other suites

  it("colours a failed payment and a risk hold red, lets a supervisor approve the hold, and warns of a product that will run out", async () => {
    // Each to its own person and address: risk scoring holds unpaid orders linked to a held one.
    let n = 0;
    const place = async (email: string) => {
      n++;
      const shippingAddress = { name: `Shopper ${n}`, phone: `+86 139 0000 ${1000 + n}`, line1: `${n} Wensan Road`, city: "Hangzhou", country: "CN" };
      const res = await rest("POST", "/orders", { customer: { email, name: shippingAddress.name }, items: [{ productId: runningOut.id, quantity: 1 }], shippingAddress }, { "idempotency-key": crypto.randomUUID() });
      expect(res.status).toBe(201);
      return res.json as { id: string; number: string; status: string };
    };
    // A payment declined on the sandbox's hosted page: its Fail button sends the signed failure notification.
    const failing = await place("declined@example.com");
    const payment = await rest("POST", `/orders/${failing.id}/payments`);
    expect(payment.status).toBe(201);
    const payPage = await browser.newPage({ locale: "en-US" });
    await payPage.goto(payment.json.payUrl);
    await payPage.locator("button[name=outcome][value=failed]").click();
    await expect.poll(async () => (await test.db.prisma.payment.findUniqueOrThrow({ where: { id: payment.json.id } })).status).toBe("failed");
    await payPage.close();
    // Two orders held by risk scoring (a throwaway email scores over a lowered hold threshold).
    expect((await rest("PATCH", "/settings", { risk: { ...DEFAULT_RISK, reviewAt: 10, holdAt: 30 } })).status).toBe(200);
    const held = await place("held-one@mailinator.com");
    const stillHeld = await place("held-two@mailinator.com");
    expect((await rest("PATCH", "/settings", { risk: DEFAULT_RISK })).status).toBe(200);
    expect([held.status, stillHeld.status]).toEqual(["on_hold", "on_hold"]);
    const completed = await test.db.prisma.order.findFirstOrThrow({ where: { merchant: { name: creds.merchants[0]!.name }, status: "completed", number: { not: { startsWith: "PAST" } } } });

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US", bypassCSP: true });
    await page.goto(`${server.baseUrl}/workspace#orders`);
    await page.getByLabel("Email").fill(creds.agents[0]!.email);
    await page.getByLabel("Password").fill(creds.agents[0]!.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("tbody tr[data-status]").first().waitFor();
    const rowOf = (number: string) => page.locator("tbody tr", { has: page.getByRole("button", { name: `Open order ${number}`, exact: true }) });
    const chipOf = async (number: string) => rowOf(number).locator(".chip").evaluate((e) => ({ tone: e.getAttribute("data-tone"), bg: getComputedStyle(e).backgroundColor, text: e.textContent }));
    expect(await chipOf(failing.number)).toEqual({ tone: "red", bg: "rgb(254, 226, 226)", text: "Pending payment · payment failed" });
    expect(await chipOf(held.number)).toEqual({ tone: "red", bg: "rgb(254, 226, 226)", text: "On hold" });
    expect(await rowOf(held.number).locator(".risk").textContent()).toMatch(/Held for risk review \(score \d+\): throwaway email address/);
    expect(await chipOf(completed.number)).toEqual({ tone: "green", bg: "rgb(220, 252, 231)", text: "Completed" });
    expect((await chipOf((await test.db.prisma.order.findFirstOrThrow({ where: { merchantId: completed.merchantId, status: "refund_requested" } })).number)).tone).toBe("yellow");

    // The failed order's detail lists its attempt with the provider's reason.
    await page.getByRole("button", { name: `Open order ${failing.number}`, exact: true }).click();
    await page.locator(".payments li[data-payment-status='failed']").waitFor();
    expect(await page.locator(".payments li").first().textContent()).toMatch(/^Failed Sandbox · CN¥57\.00 · .+ — declined_by_shopper$/);
    expect(await page.locator(".payments .chip").first().getAttribute("data-tone")).toBe("red");

    // The held order: its reasons and the review; approving releases it to payment, and the API agrees.
    await page.getByRole("button", { name: `Open order ${held.number}`, exact: true }).click();
    const review = page.getByRole("region", { name: "Risk review" });
    await review.getByText("throwaway email address").waitFor();
    await check(page, "held order");
    await review.getByRole("button", { name: "Approve and release" }).click();
    await page.getByRole("status").filter({ hasText: `Order ${held.number} updated.` }).waitFor();
    await page.locator(".detail-head .chip", { hasText: "Pending payment" }).waitFor();
    expect(await page.getByRole("region", { name: "Risk review" }).count()).toBe(0);
    expect(await chipOf(held.number)).toMatchObject({ tone: "blue", text: "Pending payment" });
    const released = await rest("GET", `/orders/${held.id}`);
    expect(released.json).toMatchObject({ status: "pending_payment", payBy: expect.any(String) });
    expect(released.json.history.at(-1)).toMatchObject({ from: "on_hold", status: "pending_payment", actor: expect.stringMatching(/^agent:/) });
    expect((await rest("GET", `/orders/${stillHeld.id}`)).json.status).toBe("on_hold");

    // Products: the forecast's run-out in yellow, and the "Will run out" filter keeps what the API flags.
    await page.getByRole("link", { name: "Products" }).click();
    const warned = page.locator(`tbody tr[data-sku="RUN-OUT-1"]`);
    await warned.waitFor();
    expect(await warned.getAttribute("data-restock")).toBe("warning");
    const badge = warned.locator(".badge.restock");
    expect(await badge.textContent()).toMatch(/^Runs out in about [4-8] days · restock by /);
    expect(await badge.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(254, 240, 138)");
    expect(await page.locator(`tbody tr[data-sku="TEA-002"]`).getAttribute("data-restock")).toBeNull();
    await page.getByLabel("Will run out").check();
    await page.waitForFunction(() => [...document.querySelectorAll("tbody tr[data-sku]")].every((r) => r.getAttribute("data-restock") === "warning"));
    const shown = await page.locator("tbody tr[data-sku]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-sku")));
    const flagged = (await rest("GET", "/products?runningOut=true&limit=100")).json.data.map((p: { sku: string }) => p.sku);
    expect(shown).toEqual(flagged);
    expect(shown).toContain("RUN-OUT-1");
    await check(page, "products running out");
    await page.close();

    // A plain agent sees the hold and its reasons but is not offered the review (the API refuses it too).
    const agentPage = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", bypassCSP: true });
    await agentPage.goto(`${server.baseUrl}/workspace#orders`);
    await agentPage.locator("#login-email").fill(creds.agents[1]!.email);
    await agentPage.locator("#login-password").fill(creds.agents[1]!.password);
    await agentPage.locator("form.login button[type=submit]").click();
    await agentPage.getByRole("button", { name: `打开订单 ${stillHeld.number}`, exact: true }).click();
    const agentReview = agentPage.getByRole("region", { name: "风控审核" });
    await agentReview.getByText("一次性邮箱").waitFor();
    expect(await agentReview.getByRole("button").count()).toBe(0);
    await agentReview.getByText("暂扣订单由主管或管理员审核通过或拒绝。").waitFor();
    await agentPage.close();
  }, 180_000);

  it("shows a plain agent the catalog read-only and no settings or reports", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US", bypassCSP: true });
    await page.goto(`${server.baseUrl}/workspace`);
    await page.getByLabel("Email").fill(creds.agents[1]!.email);
    await page.getByLabel("Password").fill(creds.agents[1]!.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("tbody tr[data-sku]").first().waitFor();
    await page.getByRole("note").filter({ hasText: "a supervisor or admin makes changes" }).waitFor();
    expect(await page.locator("input[aria-label^='Price of']").first().isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: /^Save / }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Settings" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Reports" }).count()).toBe(0);
    await page.close();
  });
});
