/**
 * The ORM's share of a bot turn: the statements a turn makes, through Prisma (as the turn
 * made them before: a read with relations, an interactive transaction per append, a
 * separate update) and as the raw statements the turn makes now, on the same PostgreSQL
 * database at the default pool size, 10 at a time. `npx tsx tests/load/orm-share.ts`
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedDemo } from "../../prisma/seed/seed.ts";
import { createTestDatabase } from "../support/databases.ts";
import { silentLogger } from "../support/logger.ts";

const test = await createTestDatabase("postgres");
const { db } = test;
await seedDemo(db.prisma, mkdtempSync(path.join(tmpdir(), "orm-")), silentLogger);
const merchant = await db.prisma.merchant.findFirstOrThrow();
const conversations = await Promise.all(
  Array.from({ length: 50 }, () => db.prisma.conversation.create({ data: { merchantId: merchant.id, locale: "en", state: { locale: "en" } } })),
);

async function measure(name: string, turn: (conversationId: string) => Promise<void>) {
  const N = 400;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < N) {
        const c = conversations[next++ % conversations.length]!;
        await turn(c.id);
      }
    }),
  );
  const ms = performance.now() - started;
  return { name, turnsPerSecond: Math.round((N / ms) * 1000), msPerTurn: Math.round((ms / N) * 10) / 10 };
}

// The data statements of one turn (the lease is the same two statements either way).
const prismaTurn = async (conversationId: string) => {
  const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { id: conversationId, merchantId: merchant.id }, include: { merchant: true, customer: true } });
  const append = (role: "shopper" | "bot", text: string, data: object = {}) =>
    db.prisma.$transaction(async (tx) => {
      const { lastSeq } = await tx.conversation.update({ where: { id: conversationId }, data: { ...data, lastSeq: { increment: 1 } }, select: { lastSeq: true } });
      return tx.message.create({ data: { conversationId, merchantId: merchant.id, seq: lastSeq, role, text, locale: conversation.locale, clientMessageId: role === "shopper" ? randomUUID() : null } });
    });
  const shopper = await append("shopper", "what is your return policy?");
  await db.prisma.message.update({ where: { id: shopper.id }, data: { intent: "check_refund_policy", answeredBy: "local" } });
  await append("bot", "You can return unused items within 7 days.", { state: { turn: 1 } });
};

const rawTurn = async (conversationId: string) => {
  await db.query(
    `select c.id, c."merchantId", c.status, c.locale, c.state, m."cacheVersion", cu.email, cu.vip from "Conversation" c join "Merchant" m on m.id = c."merchantId" left join "Customer" cu on cu.id = c."customerId" where c.id = $1 and c."merchantId" = $2`,
    [conversationId, merchant.id],
  );
  const append = (role: string, text: string, state: string | null) =>
    db.query(
      `with c as (update "Conversation" set "lastSeq" = "lastSeq" + 1, state = coalesce($5::jsonb, state), "updatedAt" = now() where id = $1 returning "lastSeq")
       insert into "Message" (id, "conversationId", "merchantId", seq, role, text, locale, "createdAt") select $3, $1, $2, c."lastSeq", $4::"MessageRole", $6, 'en', now() from c returning *`,
      [conversationId, merchant.id, randomUUID(), role, state, text],
    );
  await append("shopper", "what is your return policy?", null);
  await append("bot", "You can return unused items within 7 days.", JSON.stringify({ turn: 1 }));
};

const results = [await measure("prisma (before)", prismaTurn), await measure("raw statements (now)", rawTurn), await measure("prisma (before), again", prismaTurn), await measure("raw statements (now), again", rawTurn)];
await test.drop();
for (const r of results) process.stderr.write(`${r.name.padEnd(28)} ${String(r.turnsPerSecond).padStart(6)} turns/s  ${r.msPerTurn} ms each (10 at a time)\n`);
process.stdout.write(`${JSON.stringify({ prisma: results[2]!.turnsPerSecond, raw: results[3]!.turnsPerSecond })}\n`);
process.exit(0);
