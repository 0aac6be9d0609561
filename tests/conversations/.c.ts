import { parseConstraints } from "/work/wt-bot/bot/nlu/entities/constraints.ts";
for (const q of process.argv.slice(2)) console.log(q, JSON.stringify(parseConstraints(q)));
