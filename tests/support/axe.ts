import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const source = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules) in the page as it is now, shadow roots included,
 * and returns the violations with their impact ("critical", "serious", ...). The pages' CSP
 * allows no inline script, so the page must come from a context opened with `bypassCSP`.
 */
export async function axe(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}

export const ofImpact = (findings: AxeFinding[], impact: string) => findings.filter((f) => f.impact === impact);
