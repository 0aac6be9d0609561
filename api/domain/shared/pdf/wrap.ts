import { normaliseSpaces, widthOf } from "./fonts.ts";

/** Han, kana, hangul and full-width forms: a line may break before or after any of them. */
const BREAKS_AROUND = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
/** Closing punctuation that must not start a line (it stays with the character before it). */
const NO_LINE_START = /[，。、；：！？）】》」』”’,.;:!?)\]}%]/;

/**
 * Greedy line breaking to a width: at spaces between words, between any two Chinese
 * characters (never before closing punctuation), and inside a word only when the word alone
 * is wider than the line.
 */
export function wrap(text: string, width: number, size: number, bold = false): string[] {
  const measure = (s: string) => widthOf(s, size, bold);
  const lines: string[] = [];
  let line = "";
  for (const word of wordsOf(normaliseSpaces(text).trim())) {
    if (measure((line + word).trimEnd()) <= width) {
      line += word;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = "";
    for (const ch of word.trimStart()) {
      if (line && measure((line + ch).trimEnd()) > width) {
        lines.push(line.trimEnd());
        line = "";
      }
      line += ch;
    }
  }
  if (line.trim() || !lines.length) lines.push(line.trimEnd());
  return lines;
}

/** Units that are never split across lines unless too wide: a Latin word with its trailing spaces, or one Chinese character with its closing punctuation. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let endsInSpace = false;
  for (const ch of text) {
    const space = ch === " ";
    if (NO_LINE_START.test(ch) && current) current += ch;
    else if (BREAKS_AROUND.test(ch) || (!space && endsInSpace)) {
      if (current) words.push(current);
      current = ch;
    } else if (current && BREAKS_AROUND.test([...current].at(-1)!) && !space) {
      words.push(current);
      current = ch;
    } else current += ch;
    endsInSpace = space;
  }
  if (current) words.push(current);
  return words;
}
