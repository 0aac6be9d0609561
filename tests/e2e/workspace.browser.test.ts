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

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ test, server, browser, creds } = harness);
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
  });

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
