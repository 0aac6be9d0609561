const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export type BusinessHours = Partial<Record<(typeof DAYS)[number], [string, string] | null>>;

/**
 * Whether the shop is open at `now` in its own time zone. No hours configured means always
 * open; a day set to null is closed; "09:00"–"21:00" includes 09:00 and excludes 21:00.
 */
export function isOpen(hours: BusinessHours | null | undefined, timeZone: string, now = new Date()): boolean {
  if (!hours || Object.keys(hours).length === 0) return true;
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const weekday = parts.find((p) => p.type === "weekday")!.value.slice(0, 3).toLowerCase() as (typeof DAYS)[number];
  const time = `${parts.find((p) => p.type === "hour")!.value}:${parts.find((p) => p.type === "minute")!.value}`;
  const today = hours[weekday];
  return Boolean(today && time >= today[0] && time < today[1]);
}
