import { readFileSync } from "node:fs";
import { loadIntentExamples } from "../../knowledge/intents.ts";
import { trainNlu } from "../../bot/nlu/nlu.ts";
const rows = (f: string) => readFileSync(f, "utf8").split(/\r?\n/).slice(1).filter(Boolean).map((l) => { const t = l.lastIndexOf("\t"); return { text: l.slice(0, t), gold: l.slice(t + 1).trim() }; });
const zh = rows("../shared/data/nlu/zh_dev.tsv"), en = rows("../shared/data/nlu/en_dev.tsv");
for (const opt of JSON.parse(process.argv[2] ?? "[{}]")) {
  const nlu = trainNlu(loadIntentExamples(), opt);
  const acc = (rs: typeof zh) => rs.filter((r) => nlu.parse(r.text).intent.name === r.gold).length / rs.length;
  console.log(JSON.stringify(opt), "en", acc(en).toFixed(4), "zh", acc(zh).toFixed(4));
}
