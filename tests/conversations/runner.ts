import type { Locale } from "../../bot/ports.ts";
import { startConversation } from "../fakes/conversation.ts";
import { englishSuite } from "./suite.en.ts";
import { chineseSuite } from "./suite.zh.ts";
import type { Conversation, Expect } from "./types.ts";

export interface ConversationResult {
  id: string;
  locale: Locale;
  passed: boolean;
  /** What went wrong, turn by turn, with the transcript up to the first failure. */
  failures: string[];
  transcript: string[];
}

export interface SuiteReport {
  n: number;
  passed: number;
  rate: number;
  en: { n: number; passed: number; rate: number };
  zh: { n: number; passed: number; rate: number };
}

export const allConversations: Conversation[] = [...englishSuite, ...chineseSuite];

/** Plays every conversation against the real bot engine over in-memory ports built from the demo seed. */
export async function runSuite(conversations = allConversations): Promise<{ results: ConversationResult[]; report: SuiteReport }> {
  const results: ConversationResult[] = [];
  for (const conversation of conversations) results.push(await play(conversation));
  const part = (rs: ConversationResult[]) => {
    const passed = rs.filter((r) => r.passed).length;
    return { n: rs.length, passed, rate: rs.length ? round(passed / rs.length) : 0 };
  };
  return {
    results,
    report: { ...part(results), en: part(results.filter((r) => r.locale === "en")), zh: part(results.filter((r) => r.locale === "zh-CN")) },
  };
}

export async function play(conversation: Conversation): Promise<ConversationResult> {
  const c = startConversation({ locale: conversation.locale, ...(conversation.shopper ? { shopper: { verified: true, customerId: conversation.shopper.customerId } } : {}) });
  c.privacy.policy = conversation.erasure ?? "queue";
  for (const o of conversation.orders ?? []) c.commerce.addOrder({ number: o.number, status: o.status, customerEmail: o.email, customerId: o.customerId });
  const failures: string[] = [];
  for (const [i, turn] of conversation.turns.entries()) {
    const [text, expect]: [string, Expect] = typeof turn === "string" ? [turn, {}] : [turn[0], turn[1] ?? {}];
    const ordersBefore = c.commerce.orders.length;
    let result;
    try {
      result = await c.send(text);
    } catch (error) {
      failures.push(`turn ${i + 1} "${text}": threw ${(error as Error).message}`);
      break;
    }
    const replies = result.replies.map((r) => r.text).join("\n");
    const cards = result.replies.flatMap((r) => r.blocks ?? []).flatMap((b) => (b.type === "products" ? b.items.map((p) => p.sku) : []));
    const citations = result.replies.flatMap((r) => r.blocks ?? []).flatMap((b) => (b.type === "citation" ? [b.url] : []));
    const problems: string[] = [];
    const lower = replies.toLowerCase();
    for (const s of expect.has ?? []) if (!lower.includes(s.toLowerCase())) problems.push(`missing "${s}"`);
    if (expect.any && !expect.any.some((s) => lower.includes(s.toLowerCase()))) problems.push(`none of ${JSON.stringify(expect.any)}`);
    for (const s of expect.not ?? []) if (lower.includes(s.toLowerCase())) problems.push(`should not say "${s}"`);
    for (const sku of expect.products ?? []) if (!cards.includes(sku)) problems.push(`no card ${sku} (cards: ${cards.join(",") || "none"})`);
    for (const sku of expect.noProducts ?? []) if (cards.includes(sku)) problems.push(`card ${sku} should not be shown`);
    const handoff = Boolean(result.handoff);
    if (handoff !== (expect.handoff ?? false)) problems.push(handoff ? `unexpected handoff (${result.handoff})` : "expected a handoff");
    const lang = expect.lang ?? conversation.locale;
    if (result.locale !== lang) problems.push(`replied in ${result.locale}, expected ${lang}`);
    if (expect.article && !citations.some((u) => u.endsWith(`/${expect.article}`))) problems.push(`expected article ${expect.article} (cited: ${citations.join(",") || "none"})`);
    if (expect.form !== undefined && Boolean(c.state.form) !== expect.form) problems.push(expect.form ? "the form should still be open" : "the form should be closed");
    if (expect.noOrder && c.commerce.orders.length > 0) problems.push("an order was created");
    if (expect.privacy) {
      const last = c.privacy.requests.at(-1);
      const now = !last ? "none" : last.status === "done" ? "done" : "queued";
      if (now !== expect.privacy) problems.push(`data request ${now}, expected ${expect.privacy}`);
    }
    if (expect.order) {
      const created = c.commerce.orders.length > ordersBefore ? c.commerce.orders.at(-1) : undefined;
      const product = c.commerce.products.find((p) => p.sku === expect.order!.sku);
      const line = created?.items.find((l) => l.sku === expect.order!.sku);
      const subtotal = (product?.price.amount ?? NaN) * expect.order.quantity;
      const totals = created as { total: { amount: number }; subtotal?: { amount: number } } | undefined;
      if (!created) problems.push("no order was created");
      else if (line?.quantity !== expect.order.quantity) problems.push(`order has ${line?.quantity ?? 0} × ${expect.order.sku}`);
      else if (totals!.total.amount !== subtotal && totals!.subtotal?.amount !== subtotal) problems.push(`order total ${totals!.total.amount}, expected ${subtotal}`);
    }
    if (problems.length) failures.push(`turn ${i + 1} "${text}": ${problems.join("; ")}`);
  }
  return { id: conversation.id, locale: conversation.locale, passed: failures.length === 0, failures, transcript: c.transcript };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
