import { readFileSync } from "node:fs";
import { execSync } from "node:child_process";
import { loadIntentExamples } from "../../knowledge/intents.ts";
import { trainNlu } from "../../bot/nlu/nlu.ts";
const rows = (f: string) => readFileSync(f, "utf8").split(/\r?\n/).slice(1).filter(Boolean).map((l) => { const t = l.lastIndexOf("\t"); return { text: l.slice(0, t), gold: l.slice(t + 1).trim() }; });
const zh = rows("../shared/data/nlu/zh_dev.tsv");
const files = execSync("git diff --name-only -- knowledge/intents/zh-CN").toString().trim().split("\n");
const base = loadIntentExamples();
const head: Record<string, string[]> = {};
for (const f of files) { const intent = f.split("/").pop()!.replace(".txt", ""); head[intent] = execSync(`git show HEAD:${f}`).toString().split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#")); }
const acc = (ex: any) => { const nlu = trainNlu(ex); return zh.filter((r) => nlu.parse(r.text).intent.name === r.gold).length / zh.length; };
console.log("all", acc(base).toFixed(4));
for (const intent of Object.keys(head)) { const ex = structuredClone(base); ex["zh-CN"]![intent] = head[intent]!; console.log("without", intent, acc(ex).toFixed(4)); }
