import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { createApp } from "../../api/app.ts";
import { openDatabase } from "../../api/db/database.ts";
import { migrate } from "../../api/db/migrate.ts";
import { createServices } from "../../api/services.ts";
import { trainNlu } from "../../bot/nlu/nlu.ts";
import { loadIntentExamples } from "../../knowledge/intents.ts";
import { seedDemo } from "../../prisma/seed/seed.ts";

const INTENTS = ["track_order", "get_refund", "check_refund_policy", "place_order", "delivery_period", "contact_human_agent", "get_invoice", "price_protection"];
const GAPS = ["do you ship to the moon", "is there a store in Paris", "can I pay in bitcoin", "do you sell gift cards"];

/**
 * The dashboard API over 100,000 conversations (90 days, ~2 shopper messages each, a fifth
 * rated) on the embedded PGlite database. Returns [metric, ms] pairs.
 */
export async function analyticsBench(log: (msg: string) => void, conversations = 100_000): Promise<[string, number][]> {
  const dir = mkdtempSync(path.join(tmpdir(), "shopchat-analytics-"));
  const silent = pino({ level: "silent" });
  const db = openDatabase({ dataDir: path.join(dir, "pglite") });
  try {
    await db.withSession((s) => migrate(s, silent));
    const creds = (await seedDemo(db.prisma, dir, silent))!;
    const merchant = await db.prisma.merchant.findFirstOrThrow({ where: { name: creds.merchants[0]!.name } });
    const started = performance.now();
    const now = Date.now();
    for (let done = 0; done < conversations; done += 5000) {
      const batch = Array.from({ length: Math.min(5000, conversations - done) }, (_, i) => {
        const n = done + i;
        const createdAt = new Date(now - (n % 90) * 86_400_000 - (n % 1000) * 1000);
        const escalated = n % 5 === 0;
        return { id: randomUUID(), merchantId: merchant.id, locale: n % 3 === 0 ? "en" : "zh-CN", status: escalated ? ("resolved" as const) : ("bot" as const), handoffReason: escalated ? "requested" : null, queuedAt: escalated ? createdAt : null, resolvedAt: escalated ? new Date(createdAt.getTime() + 600_000) : null, createdAt, lastSeq: 2 };
      });
      await db.prisma.conversation.createMany({ data: batch });
      await db.prisma.message.createMany({
        data: batch.flatMap((c, i) => [
          { conversationId: c.id, merchantId: merchant.id, seq: 1, role: "shopper" as const, text: (done + i) % 50 === 0 ? GAPS[(done + i) % GAPS.length]! : "hello", locale: c.locale, intent: INTENTS[(done + i) % INTENTS.length]!, unanswered: (done + i) % 50 === 0, createdAt: c.createdAt },
          { conversationId: c.id, merchantId: merchant.id, seq: 2, role: "bot" as const, text: "answer", locale: c.locale, createdAt: c.createdAt },
        ]),
      });
      await db.prisma.feedback.createMany({
        data: batch.filter((_, i) => (done + i) % 5 === 1).map((c, i) => ({ merchantId: merchant.id, conversationId: c.id, csat: 1 + ((done + i) % 5), comment: i % 2 ? "fast delivery" : "slow answer", locale: c.locale, createdAt: c.createdAt })),
      });
      if ((done + 5000) % 20_000 === 0) log(`  ${done + 5000}/${conversations} conversations written`);
    }
    const seedMs = performance.now() - started;
    const services = createServices(db, silent, { appSecret: "bench-secret-0123456789abcdef0123456789", nlu: trainNlu(loadIntentExamples()) });
    const app = createApp({ db, log: silent, services });
    const time = async (query: string) => {
      const t = performance.now();
      const res = await app.request(`/api/v1/analytics/${query}`, { headers: { authorization: `Bearer ${creds.merchants[0]!.apiKey}` } });
      await res.json();
      return performance.now() - t;
    };
    const day = (offset: number) => new Date(now - offset * 86_400_000).toISOString().slice(0, 10);
    const rollupStarted = performance.now();
    const rolled = await services.rollups.run();
    const rollupMs = performance.now() - rollupStarted;
    const again = performance.now();
    await services.rollups.run();
    const incrementalMs = performance.now() - again;
    await time(`feedback?from=${day(7)}&to=${day(0)}`); // warm-up
    return [
      [`write ${conversations} conversations (bench setup)`, seedMs],
      [`roll-up job, first run (${rolled.days} merchant-days)`, rollupMs],
      ["roll-up job, next run (recent days only)", incrementalMs],
      ["dashboard feedback API from roll-ups, 7 days", await time(`feedback?from=${day(7)}&to=${day(0)}`)],
      ["dashboard feedback API from roll-ups, 30 days", await time(`feedback?from=${day(30)}&to=${day(0)}`)],
      ["dashboard feedback API from roll-ups, 90 days (all 100k)", await time(`feedback?from=${day(90)}&to=${day(0)}`)],
      ["dashboard sales API, 90 days", await time(`sales?from=${day(90)}&to=${day(0)}`)],
    ];
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
