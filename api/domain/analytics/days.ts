/** Calendar days in a merchant's own time zone. */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    formats.set(timeZone, f);
  }
  return f;
}

/** "YYYY-MM-DD" of an instant, in the time zone. */
export function dayOf(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(format(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Offset of the time zone from UTC at an instant, in ms (east positive). */
function offsetAt(at: number, timeZone: string): number {
  const p = Object.fromEntries(format(timeZone).formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - (at - (at % 1000));
}

/** The instant a local day starts (DST-safe: the offset is checked at the result). */
export function localDayStart(day: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T00:00:00Z`);
  let start = guess - offsetAt(guess, timeZone);
  const corrected = guess - offsetAt(start, timeZone);
  if (corrected !== start) start = corrected;
  return new Date(start);
}

/** The calendar day `n` days after (or before, for negative `n`) a "YYYY-MM-DD" day. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export const nextDay = (day: string): string => addDays(day, 1);
