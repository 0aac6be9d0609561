import { ReferralsService } from "../promotions/referrals.service.ts";
import { COUNTED_REFUNDS, earned, isPaid } from "../orders/revenue.ts";
import { matchLocale } from "../../contracts/common.ts";
import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import { addDays, dayOf, localDayStart, nextDay } from "./days.ts";
import { clusterQuestions, type GapCluster } from "./gaps.ts";
import type { RollupService } from "./rollups.ts";
import { collectStats, emptyStats, mergeStats } from "./stats.ts";
import { summarize } from "./summary.ts";
import { LOW_STOCK } from "../../contracts/products.ts";
import type { SummaryInput } from "../../../bot/llm/summary.ts";
import { MIN_UNHINTED_SCORE } from "../../../bot/dialogue/help.ts";
import { intentLabels } from "../../../bot/nlu/intents.ts";
import type { Locale, Passage } from "../../../bot/ports.ts";
import { unansweredQuestions } from "./unanswered.ts";

/** The part of the knowledge service that tells whether an article answers a question now. */
export interface GapAnswerer {
  search(merchantId: string, locale: Locale, query: { text: string }, limit: number): Promise<Passage[]>;
}

export interface KnowledgeGap extends GapCluster {
  /** An article in the gap's language answers it now. */
  answered: boolean;
  answeredBy: { articleId: string; title: string } | null;
}

/** Writes the feedback summary with a model; null keeps the local one. */
export type SummaryWriter = (input: SummaryInput) => Promise<string | null>;

const SUMMARY_CACHE_MS = 10 * 60 * 1000;

export interface Period {
  from: Date;
  to: Date;
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);
const mean = (sum: number, count: number) => (count ? Math.round((sum / count) * 100) / 100 : null);

/**
 * How well the bot and the agents serve a merchant's shoppers in a period, and what sold.
 * Every query filters on the merchant first.
 */
export class AnalyticsService {
  /** Model-written summaries by merchant, period, language and the numbers they describe. */
  private readonly summaries = new Map<string, { text: string; at: number }>();

  constructor(
    private readonly prisma: PrismaClient,
    /** Without roll-ups every report is counted live. */
    private readonly rollups?: RollupService,
    /** With a model configured, it writes the summary (the local one otherwise, or when it fails). */
    private readonly summaryWriter?: SummaryWriter,
    /** Finds the help article that now answers a gap (a gap it answers is marked answered). */
    private readonly knowledge?: GapAnswerer,
  ) {}

  /**
   * The feedback report. Whole past days come from the daily roll-ups (computed by a job,
   * or now if missing); today and partial days at the edges are counted live.
   */
  async feedback(merchantId: string, period: Period, summaryLocale?: Locale, options: { rollups?: boolean; now?: Date } = {}) {
    const merchant = await this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { defaultLocale: true, timezone: true } });
    const tz = merchant.timezone;
    const dayFn = (d: Date) => dayOf(d, tz);
    const raw = emptyStats();
    const live = async (from: Date, to: Date) => {
      if (from < to) mergeStats(raw, await collectStats(this.prisma, merchantId, from, to, dayFn));
    };
    const fullDays: string[] = [];
    if (this.rollups && options.rollups !== false) {
      const todayStart = localDayStart(dayFn(options.now ?? new Date()), tz);
      let day = dayFn(period.from);
      if (localDayStart(day, tz) < period.from) day = nextDay(day);
      const firstStart = localDayStart(day, tz);
      let end = firstStart;
      while (true) {
        const dayEnd = localDayStart(nextDay(day), tz);
        if (dayEnd > period.to || dayEnd > todayStart) break;
        fullDays.push(day);
        end = dayEnd;
        day = nextDay(day);
      }
      if (fullDays.length) {
        mergeStats(raw, await this.rollups.sum(merchantId, tz, fullDays));
        await live(period.from, firstStart);
        await live(end, period.to);
      }
    }
    if (fullDays.length === 0) await live(period.from, period.to);

    const inPeriod = { merchantId, createdAt: { gte: period.from, lt: period.to } };
    const [unanswered, rated] = await Promise.all([
      // The newest unanswered questions and rated comments are enough to find gaps and themes.
      unansweredQuestions(this.prisma, merchantId, period),
      // What the summary quotes and the low-rated list shows: rated feedback with words, newest first.
      this.prisma.feedback.findMany({
        where: { ...inPeriod, OR: [{ comment: { not: null } }, { reason: { not: null } }, { csat: { lte: 2 } }, { thumbs: "down" }] },
        select: { thumbs: true, csat: true, comment: true, reason: true, intent: true, articleId: true, locale: true, conversationId: true, createdAt: true },
        orderBy: { createdAt: "desc" },
        take: 1000,
      }),
    ]);

    const all = Object.values(raw.byLocale).reduce(
      (a, s) => ({ conversations: a.conversations + s.conversations, engaged: a.engaged + s.engaged, contained: a.contained + s.contained, escalated: a.escalated + s.escalated, csatSum: a.csatSum + s.csatSum, csatCount: a.csatCount + s.csatCount }),
      { conversations: 0, engaged: 0, contained: 0, escalated: 0, csatSum: 0, csatCount: 0 },
    );
    const knowledgeGaps = await this.markAnswered(merchantId, clusterQuestions(unanswered).slice(0, 30));
    const result = {
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      csat: { average: mean(all.csatSum, all.csatCount), count: all.csatCount, distribution: raw.csatDistribution as Record<"1" | "2" | "3" | "4" | "5", number> },
      thumbs: { ...raw.thumbs, byIntent: raw.thumbsByIntent, byArticle: raw.thumbsByArticle },
      conversations: all.conversations,
      containmentRate: share(all.contained, all.engaged),
      escalationRate: share(all.escalated, all.engaged),
      escalationReasons: raw.reasons,
      complaintTags: Object.entries(raw.tags ?? {})
        .map(([tag, count]) => ({ tag, count }))
        .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
      agents: Object.entries(raw.agents).map(([agentId, a]) => ({ agentId, conversations: a.conversations, firstResponseSec: mean(a.firstResponseSum, a.firstResponseCount), resolutionSec: mean(a.resolutionSum, a.resolutionCount) })),
      topIntents: Object.entries(raw.intents)
        .map(([intent, count]) => ({ intent, label: intentLabels(intent), count }))
        .sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent))
        .slice(0, 15),
      /** Open gaps first (most asked first), then those an article answers now. */
      knowledgeGaps,
      /** Who answered the shopper's messages: the local engine, the model, or the engine after the model failed. */
      answeredBy: { local: raw.paths.local ?? 0, model: raw.paths.model ?? 0, fallback: raw.paths.fallback ?? 0 },
      byLocale: Object.fromEntries(
        Object.entries(raw.byLocale).map(([locale, s]) => [locale, { conversations: s.conversations, containmentRate: share(s.contained, s.engaged), escalationRate: share(s.escalated, s.engaged), csat: { average: mean(s.csatSum, s.csatCount), count: s.csatCount } }]),
      ),
    };
    const trend = Object.entries(raw.byDay)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, d]) => ({ date, conversations: d.conversations, containmentRate: share(d.contained, d.engaged), escalations: d.escalated, csat: mean(d.csatSum, d.csatCount) }));
    const lowRated = rated
      .filter((f) => (f.csat !== null && f.csat <= 2) || f.thumbs === "down")
      .slice(0, 10)
      .map((f) => ({ conversationId: f.conversationId, csat: f.csat, thumbs: f.thumbs, comment: f.comment ?? f.reason, at: f.createdAt.toISOString() }));
    const locale = summaryLocale ?? matchLocale(merchant.defaultLocale) ?? "en";
    // The summary quotes only what was asked in its own language, and only open gaps.
    const local = summarize({ ...result, knowledgeGaps: result.knowledgeGaps.filter((g) => !g.answered && g.locale === locale) }, rated.filter((f) => (f.locale ?? locale) === locale), locale);
    const summary = this.summaryWriter ? await this.modelSummary(merchantId, locale, result, rated.filter((f) => (f.locale ?? locale) === locale), local.text) : null;
    return { ...result, trend, lowRated, summary: summary ? { text: summary, locale, source: "model" as const } : { ...local, source: "local" as const }, fromRollups: fullDays.length };
  }

  /**
   * A gap is answered once a published article in its language covers it: the help
   * center's search ranks a passage for the question as well as the bot needs to answer.
   */
  private async markAnswered(merchantId: string, gaps: GapCluster[]): Promise<KnowledgeGap[]> {
    const marked = await Promise.all(
      gaps.map(async (g) => {
        const best = this.knowledge ? (await this.knowledge.search(merchantId, g.locale as Locale, { text: g.question }, 1))[0] : undefined;
        const answeredBy = best && best.score >= MIN_UNHINTED_SCORE ? { articleId: best.articleId, title: best.title } : null;
        return { question: g.question, count: g.count, examples: g.examples, locale: g.locale, answered: answeredBy !== null, answeredBy };
      }),
    );
    return [...marked.filter((g) => !g.answered), ...marked.filter((g) => g.answered)].slice(0, 20);
  }

  private async modelSummary(merchantId: string, locale: Locale, result: Omit<SummaryInput["numbers"], "knowledgeGaps"> & { period: SummaryInput["period"]; knowledgeGaps: KnowledgeGap[] }, rated: FeedbackRow[], local: string): Promise<string | null> {
    const input: SummaryInput = {
      merchantId,
      locale,
      period: result.period,
      numbers: {
        conversations: result.conversations,
        csat: { average: result.csat.average, count: result.csat.count },
        containmentRate: result.containmentRate,
        escalationRate: result.escalationRate,
        thumbs: { up: result.thumbs.up, down: result.thumbs.down },
        topIntents: result.topIntents.slice(0, 5),
        knowledgeGaps: result.knowledgeGaps.filter((g) => !g.answered && g.locale === locale).slice(0, 5).map(({ question, count }) => ({ question, count })),
      },
      comments: rated
        .filter((f) => f.comment || f.reason)
        .slice(0, 30)
        .map((f) => ({ rating: f.csat !== null ? `${f.csat}/5` : `thumbs ${f.thumbs}`, text: (f.comment ?? f.reason)! })),
      local,
    };
    const key = JSON.stringify([merchantId, locale, input.numbers, input.comments.length, input.comments[0]?.text]);
    const cached = this.summaries.get(key);
    if (cached && Date.now() - cached.at < SUMMARY_CACHE_MS) return cached.text;
    const text = await this.summaryWriter!(input);
    if (text) {
      if (this.summaries.size > 500) this.summaries.clear();
      this.summaries.set(key, { text, at: Date.now() });
    }
    return text;
  }

  async sales(merchantId: string, period: Period, granularity: "day" | "week" | "month" = "day") {
    const orders = await this.prisma.order.findMany({
      where: { merchantId, createdAt: { gte: period.from, lt: period.to } },
      select: {
        id: true,
        status: true,
        totalAmount: true,
        currency: true,
        channel: true,
        createdAt: true,
        items: { select: { productId: true, sku: true, name: true, quantity: true, unitPrice: true } },
        refunds: COUNTED_REFUNDS,
      },
    });
    const merchant = await this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { currency: true, timezone: true } });
    const [failedPayments, lowStock] = await Promise.all([
      this.prisma.payment.count({ where: { merchantId, status: "failed", createdAt: { gte: period.from, lt: period.to } } }),
      this.prisma.product.count({ where: { merchantId, status: "active", stock: { lte: LOW_STOCK } } }),
    ]);
    const counted = orders.filter((o) => o.status !== "cancelled");
    // Revenue is money received and kept: paid orders, less what was refunded on them. Orders
    // awaiting payment, cancelled, refunded, or with a refund requested (money on its way back) add nothing.
    const refundedOf = (o: { refunds: { amount: number }[] }) => o.refunds.reduce((sum, r) => sum + r.amount, 0);
    const refunded = orders.reduce((sum, o) => sum + (o.status === "refunded" ? Math.max(o.totalAmount, refundedOf(o)) : refundedOf(o)), 0);
    const revenue = counted.reduce((sum, o) => sum + earned(o), 0);
    const paidCount = counted.filter((o) => isPaid(o.status)).length;
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
      c.revenue += earned(o);
    }
    const trend = new Map<string, { orders: number; revenue: number }>();
    for (const o of counted) {
      const key = bucket(o.createdAt, granularity, merchant.timezone);
      const t = trend.get(key) ?? { orders: 0, revenue: 0 };
      t.orders++;
      t.revenue += earned(o);
      trend.set(key, t);
    }
    return {
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      currency: merchant.currency,
      orders: counted.length,
      cancelled: orders.length - counted.length,
      revenue: { amount: revenue, currency: merchant.currency },
      paidOrders: paidCount,
      awaitingPayment: orders.filter((o) => o.status === "pending_payment").length,
      failedPayments,
      lowStock,
      refunded: { amount: refunded, currency: merchant.currency },
      refundRequested: orders.filter((o) => o.status === "refund_requested").length,
      averageOrder: { amount: paidCount ? Math.round(revenue / paidCount) : 0, currency: merchant.currency },
      byChannel: channels,
      topProducts: [...products.values()].sort((a, b) => b.revenue - a.revenue).slice(0, 10).map((p) => ({ ...p, revenue: { amount: p.revenue, currency: merchant.currency } })),
      trend: [...trend].sort(([a], [b]) => a.localeCompare(b)).map(([period, t]) => ({ period, orders: t.orders, revenue: { amount: t.revenue, currency: merchant.currency } })),
      granularity,
      byReferral: await new ReferralsService(this.prisma).report(merchantId, period),
    };
  }
}

/** The period a moment falls in, in the shop's time zone: its day, the Monday of its week, or its month. */
function bucket(at: Date, granularity: "day" | "week" | "month", timeZone: string): string {
  const day = dayOf(at, timeZone);
  if (granularity === "month") return day.slice(0, 7);
  if (granularity === "week") return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
  return day;
}

export type FeedbackRow = Prisma.FeedbackGetPayload<{ select: { thumbs: true; csat: true; comment: true; reason: true; intent: true; articleId: true; locale: true; conversationId: true; createdAt: true } }>;

