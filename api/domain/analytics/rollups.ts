import type { PrismaClient } from "../../db/generated/client.ts";
import type { Logger } from "../../logger.ts";
import { collectStats, emptyStats, mergeStats, STATS_VERSION, type RawStats } from "./stats.ts";
import { addDays, dayOf, localDayStart, nextDay } from "./days.ts";

/** Days whose numbers may still change (late feedback, escalations): recomputed on every run. */
const RECENT_DAYS = 3;
/** How far back the job makes sure every day has a roll-up. */
const HORIZON_DAYS = 90;
/** Older days are recomputed once they are this old, to pick up late changes. */
const STALE_AFTER_MS = 24 * 3_600_000;

/**
 * Daily roll-ups: each merchant's counts per local day, computed by a job so reports over
 * long periods add up prepared numbers instead of scanning every conversation. Today is
 * always counted live; past days come from here (and are computed on demand if missing).
 */
export class RollupService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
  ) {}

  /**
   * The job: recent days again, any missing day within the horizon, and any day not
   * recomputed for a day (late changes to old conversations land within 24 hours).
   * `all` recomputes the whole horizon.
   */
  async run(now = new Date(), options: { all?: boolean } = {}): Promise<{ days: number; ms: number }> {
    const started = performance.now();
    let days = 0;
    for (const merchant of await this.prisma.merchant.findMany({ select: { id: true, timezone: true } })) {
      const today = dayOf(now, merchant.timezone);
      const wanted: string[] = [];
      for (let d = addDays(today, -HORIZON_DAYS); d < today; d = nextDay(d)) wanted.push(d);
      const stale = new Date(now.getTime() - STALE_AFTER_MS);
      const fresh = new Set(
        (await this.prisma.dailyRollup.findMany({ where: { merchantId: merchant.id, day: { in: wanted }, computedAt: { gte: stale } }, select: { day: true } })).map((r) => r.day),
      );
      const recent = new Set(wanted.slice(-RECENT_DAYS));
      for (const day of wanted.filter((d) => options.all || recent.has(d) || !fresh.has(d))) {
        await this.compute(merchant.id, merchant.timezone, day);
        days++;
      }
    }
    const ms = Math.round(performance.now() - started);
    if (days) this.log.info({ days, ms }, "analytics roll-up");
    return { days, ms };
  }

  /**
   * The merged counts of these past (consecutive) days. Days without a roll-up are counted
   * live, one scan per run of missing days, and not stored: computing and storing them one
   * by one on a request is what let one long period stall every tenant (red team). The job
   * fills the roll-ups within its horizon.
   */
  async sum(merchantId: string, timezone: string, days: string[]): Promise<RawStats> {
    const rows = await this.prisma.dailyRollup.findMany({ where: { merchantId, day: { in: days } } });
    const found = new Map(rows.map((r) => [r.day, r.data as unknown as RawStats]).filter(([, data]) => (data as RawStats).v === STATS_VERSION) as [string, RawStats][]);
    const total = emptyStats();
    let missingFrom: string | null = null;
    const countMissing = async (until: string) => {
      if (missingFrom === null) return;
      const stats = await collectStats(this.prisma, merchantId, localDayStart(missingFrom, timezone), localDayStart(until, timezone), (d) => dayOf(d, timezone));
      mergeStats(total, stats);
      missingFrom = null;
    };
    for (const day of days) {
      const stored = found.get(day);
      if (stored) {
        await countMissing(day);
        mergeStats(total, stored);
      } else {
        missingFrom ??= day;
      }
    }
    if (days.length) await countMissing(nextDay(days.at(-1)!));
    return total;
  }

  private async compute(merchantId: string, timezone: string, day: string): Promise<RawStats> {
    const stats = await collectStats(this.prisma, merchantId, localDayStart(day, timezone), localDayStart(nextDay(day), timezone), (d) => dayOf(d, timezone));
    const data = stats as unknown as object;
    await this.prisma.dailyRollup.upsert({
      where: { merchantId_day: { merchantId, day } },
      create: { merchantId, day, data, computedAt: new Date() },
      update: { data, computedAt: new Date() },
    });
    return stats;
  }
}
