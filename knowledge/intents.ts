import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./paths.ts";

/** Training examples per locale and intent, as written in knowledge/intents/<locale>/<intent>.txt. */
export type IntentExamples = Record<string, Record<string, string[]>>;

export const INTENTS_DIR = path.join(PROJECT_ROOT, "knowledge/intents");

export function loadIntentExamples(root = INTENTS_DIR): IntentExamples {
  const examples: IntentExamples = {};
  if (!existsSync(root)) return examples;
  for (const locale of readdirSync(root)) {
    const dir = path.join(root, locale);
    examples[locale] = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
      examples[locale][file.slice(0, -4)] = readFileSync(path.join(dir, file), "utf8")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith("#"));
    }
  }
  return examples;
}
