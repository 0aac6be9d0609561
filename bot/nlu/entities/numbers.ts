const DIGITS: Record<string, number> = Object.setPrototypeOf({ 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }, null);

/** "两" -> 2, "十二" -> 12, "二十" -> 20, "三百零五" -> 305, "12" -> 12; null when not a number. */
export function parseChineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两俩三四五六七八九十百千]+$/.test(text)) return null;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch in DIGITS) current = DIGITS[ch]!;
    else {
      const unit = ch === "十" ? 10 : ch === "百" ? 100 : 1000;
      total += (current || 1) * unit;
      current = 0;
    }
  }
  return total + current;
}

const WORDS: Record<string, number> = Object.setPrototypeOf({
  a: 1, an: 1, one: 1, single: 1, two: 2, couple: 2, pair: 2, three: 3, four: 4, five: 5,
  six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, dozen: 12,
}, null);

export function parseEnglishNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return WORDS[text.toLowerCase()] ?? null;
}
