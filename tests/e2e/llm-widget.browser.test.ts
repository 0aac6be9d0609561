import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryTokenBudget } from "../../bot/llm/budget.ts";
import { LlmClient } from "../../bot/llm/client.ts";
import { startScriptedModel } from "../fakes/openai-server.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startBrowserHarness, type BrowserHarness } from "../support/browser-harness.ts";

/** The widget in Chromium with a (scripted) model: the reply streams in, then settles as the stored message. */
describe.runIf(chromiumAvailable)("the widget with the LLM mode in Chromium", () => {
  let harness: BrowserHarness;
  let browser: Browser;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  const answer = "Sealed tea can be sent back within 7 days of delivery, and we refund the original payment method once it arrives [1]. <img src=x onerror=\"window.__pwned=1\">";

  beforeAll(async () => {
    model = await startScriptedModel([
      (body) =>
        body.messages.some((m: any) => m.role === "tool")
          ? { content: answer, chunkDelayMs: 40 }
          : { toolCalls: [{ name: "search_help_center", arguments: '{"query":"return sealed tea refund"}' }] },
    ]);
    const client = new LlmClient({ baseURL: model.baseUrl, apiKey: "test", model: "scripted", timeoutMs: 5000 });
    harness = await startBrowserHarness({ llm: { client, budget: new MemoryTokenBudget(1_000_000) } });
    browser = harness.browser;
  });
  afterAll(async () => {
    await harness?.close();
    await model?.close();
  });

  it("shows the reply growing as the model writes it, then the stored, cited message; markup stays inert", async () => {
    const page = await browser.newPage();
    await page.goto(`${harness.server.baseUrl}/demo?locale=en`);
    await page.getByRole("button", { name: /open/i }).click();
    const box = page.getByRole("textbox", { name: /message/i });
    await box.waitFor();
    await box.fill("my aunt got your tea as a present, still sealed, could she send it back?");
    await box.press("Enter");

    const draft = page.locator(".msg.draft");
    await draft.waitFor();
    const partial = (await draft.textContent()) ?? "";
    expect(partial).toMatch(/Sealed/);
    expect(partial.length).toBeLessThan(answer.length);

    const final = page.locator(".msg.bot", { hasText: "original payment method" }).and(page.locator(":not(.draft)"));
    await final.waitFor();
    await draft.waitFor({ state: "detached" });
    const text = (await final.textContent()) ?? "";
    expect(text).toContain("Sealed tea can be sent back within 7 days of delivery");
    expect(text).not.toContain("[1]");
    expect(text).not.toMatch(/<img|onerror/);
    await expect(final.getByRole("link", { name: /Returns policy/ }).count()).resolves.toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});
