import { isIntent, kindOf } from "../../../bot/nlu/intents.ts";
import type { PrismaClient } from "../../db/generated/client.ts";

/** How many of the newest unanswered questions are enough to find the gaps. */
const LIMIT = 2000;

/**
 * The shopper questions the bot could not answer in a period, without the answers to its
 * own order forms: an email, an address, a quantity typed while the bot was asking for one
 * is a form input, not a question the help center lacks. A message is a form input when the
 * bot's message just before it belongs to an order journey (its intent is an order task or
 * placing an order), or when it has the shape of one (an email, a phone number, a bare number).
 */
export async function unansweredQuestions(prisma: PrismaClient, merchantId: string, period: { from: Date; to: Date }): Promise<{ text: string; locale: string }[]> {
  const rows = await prisma.$queryRaw<{ text: string; locale: string; asked: string | null }[]>`
    select m.text, m.locale, prev.intent as asked
    from "Message" m
    left join lateral (
      select p.intent from "Message" p
      where p."conversationId" = m."conversationId" and p.seq < m.seq and p.role = 'bot'
      order by p.seq desc limit 1
    ) prev on true
    where m."merchantId" = ${merchantId} and m.role = 'shopper' and m.unanswered = true
      and m."createdAt" >= ${period.from} and m."createdAt" < ${period.to}
    order by m."createdAt" desc
    limit ${LIMIT}`;
  return rows.filter((r) => !answersAForm(r.asked) && !looksLikeFormInput(r.text)).map(({ text, locale }) => ({ text, locale }));
}

const answersAForm = (asked: string | null) => asked !== null && isIntent(asked) && (kindOf(asked) === "order_task" || kindOf(asked) === "place_order");

const EMAIL = /^\S+@\S+\.\S+$/;
const PHONE = /^\+?[\d\s()-]{6,}$/;
const QUANTITY = /^(\d+|[一二两三四五六七八九十]+)\s*(个|件|份|盒|瓶|pcs?|pieces?|x)?$/i;
const ORDER_NUMBER = /^[A-Z]{1,4}-?\d{4,}$/i;

export function looksLikeFormInput(text: string): boolean {
  const t = text.trim();
  return EMAIL.test(t) || PHONE.test(t) || QUANTITY.test(t) || ORDER_NUMBER.test(t);
}
