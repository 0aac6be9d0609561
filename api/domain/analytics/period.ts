import { AppError } from "../../errors.ts";
import { addDays } from "./days.ts";

const DAY = 86_400_000;
/** The longest period one report may cover: a year (and a leap day). */
export const MAX_PERIOD_DAYS = 366;
/** Days outside these years are refused (no shop has data there, and dates past 9999 do not serialise). */
const EARLIEST = Date.parse("2000-01-01T00:00:00Z");
const LATEST = Date.parse("2100-01-01T00:00:00Z");

/**
 * The instants a report over whole days covers: from the start of `from` to the end of `to`
 * (inclusive), in UTC days as the analytics API's `?from=&to=` reads them. The reports use the
 * same function, so a report and the API asked for the same days give the same figures.
 * Bounded: one report never scans more than MAX_PERIOD_DAYS, so one request cannot hold the
 * database (or, on PGlite, the server's only thread) for minutes.
 */
export function periodOfDays(q: { from?: string; to?: string }, now = new Date()): { from: Date; to: Date } {
  const to = q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY) : now;
  const from = q.from ? new Date(`${q.from}T00:00:00Z`) : new Date(to.getTime() - 30 * DAY);
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY) {
    throw new AppError(400, "analytics:range_too_long", `A report covers at most ${MAX_PERIOD_DAYS} days; ask for several shorter periods.`, { maxDays: MAX_PERIOD_DAYS });
  }
  if (from.getTime() < EARLIEST || to.getTime() > LATEST) {
    throw new AppError(400, "analytics:date_out_of_range", "Days must lie between 2000-01-01 and 2099-12-31.");
  }
  return { from, to };
}

export type ReportPeriod = "weekly" | "monthly";

/** The week (Monday to Sunday) or calendar month that contains `day` (YYYY-MM-DD). */
export function periodContaining(kind: ReportPeriod, day: string): { from: string; to: string } {
  if (kind === "monthly") {
    const first = `${day.slice(0, 7)}-01`;
    const next = new Date(`${first}T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    return { from: first, to: addDays(next.toISOString().slice(0, 10), -1) };
  }
  const monday = addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
  return { from: monday, to: addDays(monday, 6) };
}

/** The last whole week or month before `today`: what a scheduled report covers. */
export function previousPeriod(kind: ReportPeriod, today: string): { from: string; to: string } {
  const current = periodContaining(kind, today);
  return periodContaining(kind, addDays(current.from, -1));
}
