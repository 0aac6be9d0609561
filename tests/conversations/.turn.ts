import { startConversation } from "/work/wt-bot/tests/fakes/conversation.ts";
const [locale, ...turns] = process.argv.slice(2);
const c = startConversation({ locale: locale as any });
for (const t of turns) { const r = await c.send(t); console.log(`> ${t}   [${r.intent} ${r.confidence.toFixed(2)} ${r.locale}${r.handoff ? " HANDOFF " + r.handoff : ""}${r.fallback ? " FALLBACK" : ""}]`); for (const rep of r.replies) console.log("< " + rep.text.slice(0, 400).replace(/\n/g, "\n  ") + (rep.blocks?.some(b=>b.type==="products") ? "  [cards " + rep.blocks.filter(b=>b.type==="products").flatMap((b:any)=>b.items.map((i:any)=>i.sku)).join(",") + "]" : "")); }
