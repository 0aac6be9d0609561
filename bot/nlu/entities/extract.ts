import { parseChineseNumber, parseEnglishNumber } from "./numbers.ts";

export interface Entity {
  entity: "order_number" | "email" | "phone" | "quantity" | "money" | "date" | "product";
  value: unknown;
  start: number;
  end: number;
  text: string;
}

/** Pattern entities: order numbers, emails, phones, quantities, money and dates. */
export function extractEntities(text: string, now: Date = new Date()): Entity[] {
  const found: Entity[] = [];
  const add = (entity: Entity["entity"], value: unknown, start: number, match: string) => {
    const end = start + match.length;
    if (found.some((e) => start < e.end && end > e.start)) return; // first, more specific match wins
    found.push({ entity, value, start, end, text: match });
  };
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    for (const m of text.matchAll(re)) fn(m as RegExpExecArray);
  };

  each(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, (m) => add("email", m[0].toLowerCase(), m.index, m[0]));
  each(/(?<![A-Za-z0-9])([A-Za-z]{2})-?(\d{6})(?!\d)/g, (m) => add("order_number", `${m[1]!.toUpperCase()}${m[2]}`, m.index, m[0]));
  each(/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g, (m) =>
    add("phone", normalizePhone(m[0], true), m.index, m[0]),
  );
  each(/(?<![\w+])\+\d{1,3}[\s-]?\d{2,4}(?:[\s-]?\d{2,4}){2,3}(?!\d)/g, (m) => add("phone", normalizePhone(m[0], false), m.index, m[0]));
  each(/(?:¥|￥|RMB\s?|CNY\s?)(\d+(?:\.\d{1,2})?)|(\d+(?:\.\d{1,2})?)\s?(?:元|块钱|块|yuan|rmb|RMB|CNY)/g, (m) =>
    add("money", { amount: toMinor(m[1] ?? m[2]!), currency: "CNY" }, m.index, m[0]),
  );
  each(/\$\s?(\d+(?:\.\d{1,2})?)|(\d+(?:\.\d{1,2})?)\s?(?:dollars?|usd|USD)\b/g, (m) =>
    add("money", { amount: toMinor(m[1] ?? m[2]!), currency: "USD" }, m.index, m[0]),
  );
  extractDates(text, now, add);
  each(/(\d{1,3}|[一二两俩三四五六七八九十]{1,3})\s?(个|件|条|瓶|盒|包|双|套|台|只|份|张|本|支|袋|罐|杯|顶|副|箱|斤)/g, (m) => {
    const n = parseChineseNumber(m[1]!);
    if (n && n > 0) add("quantity", n, m.index, m[0]);
  });
  each(
    /\b(?:(?:make it|change (?:it )?to|qty:?|quantity:?|x|×)\s?(\d{1,3})|(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a pair of|a dozen)\s+(?!(?:days?|weeks?|hours?|months?|years?|minutes?|yuan|dollars?|rmb|am|pm|percent)\b)(?:pcs|pieces?|units?|items?|of|x\b|[a-z]{3,}))/gi,
    (m) => {
      const raw = (m[1] ?? m[2] ?? "").replace(/^a (couple|pair|dozen) of$/i, "$1").replace(/^a (couple|pair|dozen)$/i, "$1");
      const n = parseEnglishNumber(raw.split(" ").at(-1)!) ?? parseEnglishNumber(raw);
      if (n && n > 0 && n <= 999) add("quantity", n, m.index, m[0]);
    },
  );
  return found.sort((a, b) => a.start - b.start);
}

function normalizePhone(raw: string, chinese: boolean): string {
  const digits = raw.replace(/\D/g, "");
  if (chinese) return `+86${digits.slice(-11)}`;
  return `+${digits}`;
}

function toMinor(amount: string): number {
  const [whole, frac = ""] = amount.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0").slice(0, 2));
}

type Add = (entity: Entity["entity"], value: unknown, start: number, match: string) => void;

const WEEKDAYS_ZH: Record<string, number> = Object.setPrototypeOf({ 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0 }, null);
const WEEKDAYS_EN = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

function extractDates(text: string, now: Date, add: Add) {
  const day = (offset: number) => isoDate(new Date(now.getTime() + offset * 86_400_000));
  for (const m of text.matchAll(/(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?/g)) {
    add("date", `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`, m.index!, m[0]);
  }
  for (const m of text.matchAll(/(\d{1,2})月(\d{1,2})[日号]/g)) {
    add("date", `${now.getUTCFullYear()}-${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}`, m.index!, m[0]);
  }
  const relative: [RegExp, number][] = [
    [/大前天/g, -3], [/前天/g, -2], [/昨天|昨日|\byesterday\b/gi, -1], [/今天|今日|\btoday\b/gi, 0],
    [/明天|明日|\btomorrow\b/gi, 1], [/后天|\bday after tomorrow\b/gi, 2],
  ];
  for (const [re, offset] of relative) for (const m of text.matchAll(re)) add("date", day(offset), m.index!, m[0]);
  for (const m of text.matchAll(/(上|下|这|本)?(?:周|星期|礼拜)([一二三四五六日天])/g)) {
    const target = WEEKDAYS_ZH[m[2]!]!;
    const week = m[1] === "上" ? -7 : m[1] === "下" ? 7 : 0;
    const today = now.getUTCDay();
    const toMonday = (d: number) => (d + 6) % 7;
    add("date", day(toMonday(target) - toMonday(today) + week), m.index!, m[0]);
  }
  for (const m of text.matchAll(/\b(last|next|this)?\s?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi)) {
    const target = WEEKDAYS_EN.indexOf(m[2]!.toLowerCase());
    const today = now.getUTCDay();
    let offset = target - today;
    const which = m[1]?.toLowerCase();
    if (which === "last") offset = offset >= 0 ? offset - 7 : offset;
    else if (which === "next") offset = offset <= 0 ? offset + 7 : offset;
    add("date", day(offset), m.index!, m[0]);
  }
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
