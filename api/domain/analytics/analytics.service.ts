import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import { clusterQuestions, type GapCluster } from "./gaps.ts";
import { summarize } from "./summary.ts";

export interface Period {
  from: Date;
  to: Date;
}

type Stats = { conversations: number; engaged: number; contained: number; escalated: number; csat: number[] };

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);
const average = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null);

/**
 * How well the bot and the agents serve a merchant's shoppers in a period, and what sold.
 * Every query filters on the merchant first.
 */
export class AnalyticsService {
  constructor(private readonly prisma: PrismaClient) {}

  async feedback(merchantId: string, period: Period, summaryLocale?: "en" | "zh-CN") {
    const inPeriod = { merchantId, createdAt: { gte: period.from, lt: period.to } };
    const [merchant, conversations, feedback, intents, unanswered, firstAgentReplies, engagedRows] = await Promise.all([
      this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { defaultLocale: true, timezone: true } }),
      this.prisma.conversation.findMany({
        where: inPeriod,
        select: { id: true, locale: true, status: true, handoffReason: true, queuedAt: true, resolvedAt: true, agentId: true, createdAt: true },
      }),
      this.prisma.feedback.findMany({ where: inPeriod, select: { thumbs: true, csat: true, comment: true, reason: true, intent: true, articleId: true, locale: true, conversationId: true, createdAt: true } }),
      this.prisma.message.groupBy({ by: ["intent"], where: { ...inPeriod, role: "shopper", intent: { not: null } }, _count: { _all: true } }),
      this.prisma.message.findMany({ where: { ...inPeriod, role: "shopper", unanswered: true }, select: { text: true, locale: true }, take: 5000 }),
      this.prisma.message.findMany({
        where: { ...inPeriod, role: "agent", internal: false },
        orderBy: { seq: "asc" },
        select: { conversationId: true, agentId: true, createdAt: true },
      }),
      // Conversations in which the shopper wrote at all (a separate aggregate: far cheaper than a count per row).
      this.prisma.message.groupBy({ by: ["conversationId"], where: { merchantId, role: "shopper", conversation: { createdAt: { gte: period.from, lt: period.to } } } }),
    ]);
    const engaged = new Set(engagedRows.map((r) => r.conversationId));

    const byLocale = new Map<string, Stats>();
    const stats = (locale: string) => byLocale.get(locale) ?? byLocale.set(locale, { conversations: 0, engaged: 0, contained: 0, escalated: 0, csat: [] }).get(locale)!;
    const reasons: Record<string, number> = {};
    for (const c of conversations) {
      const s = stats(c.locale);
      s.conversations++;
      if (!engaged.has(c.id)) continue; // opened the widget, never wrote
      s.engaged++;
      if (c.handoffReason) {
        s.escalated++;
        reasons[c.handoffReason] = (reasons[c.handoffReason] ?? 0) + 1;
      } else s.contained++;
    }
    const csatRows = feedback.filter((f) => f.csat !== null);
    const localeOf = new Map(conversations.map((c) => [c.id, c.locale]));
    for (const f of csatRows) stats(localeOf.get(f.conversationId) ?? f.locale ?? merchant.defaultLocale).csat.push(f.csat!);

    const distribution: Record<"1" | "2" | "3" | "4" | "5", number> = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
    for (const f of csatRows) distribution[String(f.csat) as keyof typeof distribution]++;
    const thumbs = { up: feedback.filter((f) => f.thumbs === "up").length, down: feedback.filter((f) => f.thumbs === "down").length };
    const thumbsBy = (key: "intent" | "articleId") => {
      const out: Record<string, { up: number; down: number }> = {};
      for (const f of feedback) {
        if (!f.thumbs || !f[key]) continue;
        const entry = (out[f[key]!] ??= { up: 0, down: 0 });
        entry[f.thumbs as "up" | "down"]++;
      }
      return out;
    };

    const all = [...byLocale.values()].reduce((a, s) => ({ conversations: a.conversations + s.conversations, engaged: a.engaged + s.engaged, contained: a.contained + s.contained, escalated: a.escalated + s.escalated, csat: [...a.csat, ...s.csat] }), { conversations: 0, engaged: 0, contained: 0, escalated: 0, csat: [] as number[] });
    const agents = agentTimes(conversations, firstAgentReplies);
    const knowledgeGaps: GapCluster[] = clusterQuestions(unanswered).slice(0, 20);
    const result = {
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      csat: { average: average(all.csat), count: all.csat.length, distribution },
      thumbs: { ...thumbs, byIntent: thumbsBy("intent"), byArticle: thumbsBy("articleId") },
      conversations: all.conversations,
      containmentRate: share(all.contained, all.engaged),
      escalationRate: share(all.escalated, all.engaged),
      escalationReasons: reasons,
      agents,
      topIntents: intents
        .map((i) => ({ intent: i.intent!, count: i._count._all }))
        .sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent))
        .slice(0, 15),
      knowledgeGaps: knowledgeGaps.map(({ question, count, examples, locale }) => ({ question, count, examples, locale })),
      byLocale: Object.fromEntries(
        [...byLocale].map(([locale, s]) => [locale, { conversations: s.conversations, containmentRate: share(s.contained, s.engaged), escalationRate: share(s.escalated, s.engaged), csat: { average: average(s.csat), count: s.csat.length } }]),
      ),
    };
    // Per day: conversations, containment, escalations and CSAT, for the dashboard's trend charts.
    const days = new Map<string, { conversations: number; engaged: number; contained: number; escalated: number; csat: number[] }>();
    const day = (d: Date) => {
      const key = bucket(d, "day", merchant.timezone);
      return days.get(key) ?? days.set(key, { conversations: 0, engaged: 0, contained: 0, escalated: 0, csat: [] }).get(key)!;
    };
    for (const c of conversations) {
      const d = day(c.createdAt);
      d.conversations++;
      if (!engaged.has(c.id)) continue;
      d.engaged++;
      if (c.handoffReason) d.escalated++;
      else d.contained++;
    }
    for (const f of csatRows) day(f.createdAt).csat.push(f.csat!);
    const trend = [...days]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, d]) => ({ date, conversations: d.conversations, containmentRate: share(d.contained, d.engaged), escalations: d.escalated, csat: average(d.csat) }));
    const lowRated = feedback
      .filter((f) => (f.csat !== null && f.csat <= 2) || f.thumbs === "down")
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, 10)
      .map((f) => ({ conversationId: f.conversationId, csat: f.csat, thumbs: f.thumbs, comment: f.comment ?? f.reason, at: f.createdAt.toISOString() }));
    const locale = summaryLocale ?? (merchant.defaultLocale === "zh-CN" ? "zh-CN" : "en");
    return { ...result, trend, lowRated, summary: summarize(result, feedback, locale) };
  }

  async sales(merchantId: string, period: Period, granularity: "day" | "week" | "month" = "day") {
    const orders = await this.prisma.order.findMany({
      where: { merchantId, createdAt: { gte: period.from, lt: period.to } },
      select: { id: true, status: true, totalAmount: true, currency: true, channel: true, createdAt: true, items: { select: { productId: true, sku: true, name: true, quantity: true, unitPrice: true } } },
    });
    const merchant = await this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { currency: true, timezone: true } });
    const counted = orders.filter((o) => o.status !== "cancelled");
    const revenue = counted.reduce((sum, o) => sum + o.totalAmount, 0);
    const products = new Map<string, { productId: string; sku: string; name: unknown; quantity: number; revenue: number }>();
    for (const o of counted) {
      for (const item of o.items) {
        const p = products.get(item.productId) ?? { productId: item.productId, sku: item.sku, name: item.name, quantity: 0, revenue: 0 };
        p.quantity += item.quantity;
        p.revenue += item.quantity * item.unitPrice;
        products.set(item.productId, p);
      }
    }
    const channels: Record<string, { orders: number; revenue: number }> = {};
    for (const o of counted) {
      const c = (channels[o.channel] ??= { orders: 0, revenue: 0 });
      c.orders++;
      c.revenue += o.totalAmount;
    }
    const trend = new Map<string, { orders: number; revenue: number }>();
    for (const o of counted) {
      const key = bucket(o.createdAt, granularity, merchant.timezone);
      const t = trend.get(key) ?? { orders: 0, revenue: 0 };
      t.orders++;
      t.revenue += o.totalAmount;
      trend.set(key, t);
    }
    return {
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      currency: merchant.currency,
      orders: counted.length,
      cancelled: orders.length - counted.length,
      revenue: { amount: revenue, currency: merchant.currency },
      averageOrder: { amount: counted.length ? Math.round(revenue / counted.length) : 0, currency: merchant.currency },
      byChannel: channels,
      topProducts: [...products.values()].sort((a, b) => b.revenue - a.revenue).slice(0, 10).map((p) => ({ ...p, revenue: { amount: p.revenue, currency: merchant.currency } })),
      trend: [...trend].sort(([a], [b]) => a.localeCompare(b)).map(([period, t]) => ({ period, orders: t.orders, revenue: { amount: t.revenue, currency: merchant.currency } })),
      granularity,
    };
  }
}

/** First-response and resolution times per agent, in seconds. */
function agentTimes(
  conversations: { id: string; queuedAt: Date | null; resolvedAt: Date | null; agentId: string | null }[],
  agentMessages: { conversationId: string; agentId: string | null; createdAt: Date }[],
) {
  const firstReply = new Map<string, { agentId: string | null; at: Date }>();
  for (const m of agentMessages) if (!firstReply.has(m.conversationId)) firstReply.set(m.conversationId, { agentId: m.agentId, at: m.createdAt });
  const per = new Map<string, { firstResponse: number[]; resolution: number[] }>();
  for (const c of conversations) {
    if (!c.queuedAt) continue;
    const reply = firstReply.get(c.id);
    const agentId = reply?.agentId ?? c.agentId;
    if (!agentId) continue;
    const entry = per.get(agentId) ?? per.set(agentId, { firstResponse: [], resolution: [] }).get(agentId)!;
    if (reply) entry.firstResponse.push((reply.at.getTime() - c.queuedAt.getTime()) / 1000);
    if (c.resolvedAt) entry.resolution.push((c.resolvedAt.getTime() - c.queuedAt.getTime()) / 1000);
  }
  return [...per].map(([agentId, t]) => ({ agentId, conversations: Math.max(t.firstResponse.length, t.resolution.length), firstResponseSec: average(t.firstResponse), resolutionSec: average(t.resolution) }));
}

/** Formatters are costly to build (~0.1 ms each): one per time zone, reused for every row. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function bucket(at: Date, granularity: "day" | "week" | "month", timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  const day = format.format(at);
  if (granularity === "month") return day.slice(0, 7);
  if (granularity === "week") {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  }
  return day;
}

export type FeedbackRow = Prisma.FeedbackGetPayload<{ select: { thumbs: true; csat: true; comment: true; reason: true; intent: true; articleId: true; locale: true; conversationId: true; createdAt: true } }>;
