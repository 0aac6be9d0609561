import type { PrismaClient } from "../../db/generated/client.ts";

/**
 * What the counts mean, stored with each roll-up: a roll-up of another version (an older
 * definition, e.g. conversations before "at least one shopper message") is computed again.
 */
export const STATS_VERSION = 2;

/** Counts that add up across days: what a daily roll-up stores and what a report merges. */
export interface RawStats {
  v?: number;
  byLocale: Record<string, { conversations: number; engaged: number; contained: number; escalated: number; csatSum: number; csatCount: number }>;
  reasons: Record<string, number>;
  csatDistribution: Record<string, number>;
  thumbs: { up: number; down: number };
  thumbsByIntent: Record<string, { up: number; down: number }>;
  thumbsByArticle: Record<string, { up: number; down: number }>;
  intents: Record<string, number>;
  /** Shopper messages by who answered them: local, model, fallback. */
  paths: Record<string, number>;
  tags: Record<string, number>;
  agents: Record<string, { conversations: number; firstResponseSum: number; firstResponseCount: number; resolutionSum: number; resolutionCount: number }>;
  byDay: Record<string, { conversations: number; engaged: number; contained: number; escalated: number; csatSum: number; csatCount: number }>;
}

export const emptyStats = (): RawStats => ({
  v: STATS_VERSION,
  byLocale: {},
  reasons: {},
  csatDistribution: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 },
  thumbs: { up: 0, down: 0 },
  thumbsByIntent: {},
  thumbsByArticle: {},
  intents: {},
  paths: {},
  tags: {},
  agents: {},
  byDay: {},
});

const blankCounts = () => ({ conversations: 0, engaged: 0, contained: 0, escalated: 0, csatSum: 0, csatCount: 0 });

/** Adds `b` into `a` (every field is a sum). */
export function mergeStats(a: RawStats, b: RawStats): RawStats {
  const addAll = <T extends Record<string, number>>(into: Record<string, T>, from: Record<string, T>, blank: () => T) => {
    for (const [key, value] of Object.entries(from)) {
      const target = (into[key] ??= blank());
      for (const [k, v] of Object.entries(value)) (target as Record<string, number>)[k] = ((target as Record<string, number>)[k] ?? 0) + v;
    }
  };
  const addFlat = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) bump(into, k, v);
  };
  addAll(a.byLocale, b.byLocale, blankCounts);
  addAll(a.byDay, b.byDay, blankCounts);
  addAll(a.thumbsByIntent, b.thumbsByIntent, () => ({ up: 0, down: 0 }));
  addAll(a.thumbsByArticle, b.thumbsByArticle, () => ({ up: 0, down: 0 }));
  addAll(a.agents, b.agents, () => ({ conversations: 0, firstResponseSum: 0, firstResponseCount: 0, resolutionSum: 0, resolutionCount: 0 }));
  addFlat(a.reasons, b.reasons);
  addFlat(a.csatDistribution, b.csatDistribution);
  addFlat(a.intents, b.intents);
  addFlat((a.tags ??= {}), b.tags ?? {});
  addFlat((a.paths ??= {}), b.paths ?? {});
  a.thumbs.up += b.thumbs.up;
  a.thumbs.down += b.thumbs.down;
  return a;
}

/** Counts everything that happened in [from, to) for one merchant, straight from the tables. */
export async function collectStats(prisma: PrismaClient, merchantId: string, from: Date, to: Date, dayOf: (d: Date) => string): Promise<RawStats> {
  const inWindow = { merchantId, createdAt: { gte: from, lt: to } };
  const [conversations, feedback, intents, agentMessages, engagedRows, paths] = await Promise.all([
    prisma.conversation.findMany({ where: inWindow, select: { id: true, locale: true, handoffReason: true, queuedAt: true, resolvedAt: true, agentId: true, createdAt: true } }),
    prisma.feedback.findMany({ where: inWindow, select: { thumbs: true, csat: true, intent: true, articleId: true, locale: true, conversationId: true, createdAt: true, tags: true } }),
    // An intent counts once per conversation: a five-step order form is one order, not five.
    prisma.message.groupBy({ by: ["intent", "conversationId"], where: { ...inWindow, role: "shopper", intent: { not: null } } }),
    prisma.message.findMany({ where: { ...inWindow, role: "agent", internal: false }, orderBy: { seq: "asc" }, select: { conversationId: true, agentId: true, createdAt: true } }),
    // Conversations in which the shopper wrote at all (one aggregate: far cheaper than a count per row).
    // (Messages come after their conversation opens: the lower bound keeps this to recent rows.)
    prisma.message.groupBy({ by: ["conversationId"], where: { merchantId, role: "shopper", createdAt: { gte: from }, conversation: { createdAt: { gte: from, lt: to } } } }),
    prisma.message.groupBy({ by: ["answeredBy"], where: { ...inWindow, role: "shopper", answeredBy: { not: null } }, _count: { _all: true } }),
  ]);
  const stats = emptyStats();
  const engaged = new Set(engagedRows.map((r) => r.conversationId));
  const localeOf = new Map(conversations.map((c) => [c.id, c.locale]));
  for (const c of conversations) {
    // A conversation is one in which the shopper wrote: opening the widget (the greeting) is not.
    if (!engaged.has(c.id)) continue;
    for (const counts of [(stats.byLocale[c.locale] ??= blankCounts()), (stats.byDay[dayOf(c.createdAt)] ??= blankCounts())]) {
      counts.conversations++;
      counts.engaged++;
      if (c.handoffReason) counts.escalated++;
      else counts.contained++;
    }
    if (engaged.has(c.id) && c.handoffReason) stats.reasons[c.handoffReason] = (stats.reasons[c.handoffReason] ?? 0) + 1;
  }
  for (const f of feedback) {
    for (const tag of f.tags) bump(stats.tags, tag, 1);
    if (f.csat !== null) {
      stats.csatDistribution[String(f.csat)] = (stats.csatDistribution[String(f.csat)] ?? 0) + 1;
      for (const counts of [(stats.byLocale[localeOf.get(f.conversationId) ?? f.locale ?? "en"] ??= blankCounts()), (stats.byDay[dayOf(f.createdAt)] ??= blankCounts())]) {
        counts.csatSum += f.csat;
        counts.csatCount++;
      }
    }
    if (f.thumbs === "up" || f.thumbs === "down") {
      stats.thumbs[f.thumbs]++;
      if (f.intent) (stats.thumbsByIntent[f.intent] ??= { up: 0, down: 0 })[f.thumbs]++;
      if (f.articleId) (stats.thumbsByArticle[f.articleId] ??= { up: 0, down: 0 })[f.thumbs]++;
    }
  }
  for (const i of intents) bump(stats.intents, i.intent!, 1);
  for (const p of paths) stats.paths[p.answeredBy!] = p._count._all;
  const firstReply = new Map<string, { agentId: string | null; at: Date }>();
  for (const m of agentMessages) if (!firstReply.has(m.conversationId)) firstReply.set(m.conversationId, { agentId: m.agentId, at: m.createdAt });
  for (const c of conversations) {
    if (!c.queuedAt) continue;
    const reply = firstReply.get(c.id);
    const agentId = reply?.agentId ?? c.agentId;
    if (!agentId) continue;
    const a = (stats.agents[agentId] ??= { conversations: 0, firstResponseSum: 0, firstResponseCount: 0, resolutionSum: 0, resolutionCount: 0 });
    a.conversations++;
    if (reply) {
      a.firstResponseSum += (reply.at.getTime() - c.queuedAt.getTime()) / 1000;
      a.firstResponseCount++;
    }
    if (c.resolvedAt) {
      a.resolutionSum += (c.resolvedAt.getTime() - c.queuedAt.getTime()) / 1000;
      a.resolutionCount++;
    }
  }
  return stats;
}

/**
 * Adds to a count keyed by user text (a complaint tag, an intent, a reason): an own property
 * always, so "constructor" counts like any word and "__proto__" never reaches the prototype.
 */
export function bump(counts: Record<string, number>, key: string, by: number): void {
  const before = Object.hasOwn(counts, key) ? counts[key]! : 0;
  Object.defineProperty(counts, key, { value: before + by, enumerable: true, writable: true, configurable: true });
}
