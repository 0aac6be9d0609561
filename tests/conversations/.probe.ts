import { InMemoryKnowledge } from "/work/wt-bot/tests/fakes/knowledge.ts";
import { testNlu } from "/work/wt-bot/tests/support/nlu.ts";
import { topicHint } from "/work/wt-bot/bot/nlu/intents.ts";
import { demoProducts } from "/work/wt-bot/tests/fakes/catalog.ts";
const k = new InMemoryKnowledge();
const nlu = testNlu();
const catalog = demoProducts();
for (const q of process.argv.slice(2)) {
  const loc = /\p{Script=Han}/u.test(q) ? "zh-CN" : "en";
  const p = nlu.parse(q, { catalog });
  console.log(`\n## ${q}  → ${p.intent.name} ${p.intent.confidence} | ${p.intent_ranking.slice(1,3).map(r=>r.name+" "+r.confidence).join(", ")} | ents ${JSON.stringify(p.entities.map(e=>[e.entity,e.value]))}`);
  const hits = await k.search("m", loc as any, { text: q }, 5);
  for (const h of hits) console.log(`  ${h.score.toFixed(3)} ${h.slug} / ${h.heading}`);
  const hint = topicHint(p.intent.name, loc as any);
  if (hint) { const hh = await k.search("m", loc as any, { text: q, hint }, 3); for (const h of hh) console.log(`  H ${h.score.toFixed(3)} ${h.slug} / ${h.heading}`); }
}
