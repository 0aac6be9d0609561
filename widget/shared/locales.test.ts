import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../bot/locales/locales.ts";
import { INTENTS, intentLabel } from "../../bot/nlu/intents.ts";
import { interpolate, translator } from "./i18n.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Every surface's resources: the bot's and each browser page's (the workspace's too, once it has them). */
const SURFACES = ["bot/locales", ...readdirSync(path.join(ROOT, "widget"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `widget/${d.name}/locales`)].filter((dir) => {
  try {
    return readdirSync(path.join(ROOT, dir)).some((f) => f.endsWith(".json"));
  } catch {
    return false;
  }
});
const load = (dir: string, locale: string) => JSON.parse(readFileSync(path.join(ROOT, dir, `${locale}.json`), "utf8")) as Record<string, string>;
/** Plural forms differ by language (English has _one, Chinese only _other): compare the base keys. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("finds the resources of the bot, the widget, the console and the dashboard", () => {
    expect(SURFACES).toEqual(expect.arrayContaining(["bot/locales", "widget/embed/locales", "widget/console/locales", "widget/dashboard/locales"]));
  });

  for (const dir of SURFACES) {
    it(`${dir}: every key exists in every language, with the same placeholders`, () => {
      const tables = Object.fromEntries(LOCALES.map((l) => [l, load(dir, l)]));
      const keys = (l: string) => new Set(Object.keys(tables[l]!).map(base));
      for (const a of LOCALES)
        for (const b of LOCALES) {
          const missing = [...keys(a)].filter((k) => !keys(b).has(k));
          expect(missing, `${dir}: in ${a} but not in ${b}`).toEqual([]);
        }
      for (const [key, text] of Object.entries(tables.en!)) {
        expect(text.trim(), `${dir} en ${key} is empty`).not.toBe("");
        if (/_(zero|one|two|few|many|other)$/.test(key)) continue;
        for (const l of LOCALES) expect(placeholders(tables[l]![key] ?? ""), `${dir} ${l} ${key}`).toEqual(placeholders(text));
      }
      expect(JSON.stringify(tables)).not.toMatch(/(?<!\{)\{\w+\}(?!\})/); // no old single-brace placeholders
    });
  }

  it("gives every intent a readable name in every language", () => {
    for (const intent of INTENTS) for (const l of LOCALES) expect(intentLabel(intent, l), `${intent} ${l}`).not.toBe(intent);
    expect(intentLabel("check_payment_methods", "zh-CN")).toBe("支付方式");
    expect(intentLabel("no_such_intent", "en")).toBe("no_such_intent");
  });
});

describe("the browser's translation runtime", () => {
  const resources = { en: { items_one: "{{count}} item", items_other: "{{count}} items", hello: "Hi {{ name }}" }, "zh-CN": { items_other: "{{count}} 件", hello: "你好 {{name}}" } } as const;
  let locale: (typeof LOCALES)[number] = "en";
  const t = translator(resources as unknown as Record<(typeof LOCALES)[number], Record<"items_one" | "items_other" | "hello", string>>, () => locale);

  it("interpolates like i18next and picks plural forms by count", () => {
    expect(t("hello", { name: "Mei" })).toBe("Hi Mei");
    expect(t("items", { count: 1 })).toBe("1 item");
    expect(t("items", { count: 3 })).toBe("3 items");
    locale = "zh-CN";
    expect(t("items", { count: 1 })).toBe("1 件");
    expect(t("hello", { name: "<b>" })).toBe("你好 <b>"); // text, rendered with textContent
    expect(interpolate("{{a}}-{{missing}}", { a: 1 })).toBe("1-");
  });
});
