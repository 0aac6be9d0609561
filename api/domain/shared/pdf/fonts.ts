/**
 * The two fonts a PDF of ours uses, neither embedded (so a file is a few kilobytes and the
 * server needs no font files):
 * - Helvetica / Helvetica-Bold, two of the 14 standard fonts every reader has, with
 *   WinAnsiEncoding: for every character WinAnsi can encode (ASCII, Latin-1, € – — … ×);
 * - STSong-Light with the UniGB-UTF16-H CMap, Adobe's standard Simplified Chinese font
 *   (readers substitute an installed Song/Ming face): for everything else, written as UTF-16BE.
 * Text is cut into runs of one font; widths are known for Helvetica (its AFM) and are one em
 * for the Chinese font (its default width, right for ideographs and full-width punctuation).
 */

export type FontKind = "latin" | "cjk";
export interface Run {
  font: FontKind;
  text: string;
}

/** WinAnsi bytes 0x80–0x9F that are not Latin-1 code points. */
const WIN_ANSI_EXTRA: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89, "Š": 0x8a, "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e,
  "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b, "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
};

/** The WinAnsi byte of a character, or undefined when Helvetica cannot show it. */
export function winAnsiByte(ch: string): number | undefined {
  const code = ch.codePointAt(0)!;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
  return WIN_ANSI_EXTRA[ch];
}

/** Helvetica's advance widths (thousandths of an em) for ASCII 0x20–0x7E, from its AFM. */
const HELVETICA_ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** The few non-ASCII characters reports use whose width is not Helvetica's usual 556. */
const HELVETICA_OTHER: Record<string, number> = { "\u00a0": 278, "·": 278, "×": 584, "—": 1000, "…": 1000, "•": 350, "‘": 222, "’": 222, "“": 333, "”": 333, "°": 400 };
/** Helvetica-Bold is a little wider; measuring it as Helvetica scaled up keeps lines inside the margin. */
const BOLD_SCALE = 1.07;

/** Spaces that neither font is sure to have (Intl puts U+202F in times), as plain spaces. */
export const normaliseSpaces = (text: string) => text.replace(/[\u2000-\u200a\u202f\u205f]/g, " ").replace(/[\r\n\t]+/g, " ");

/** Cuts text into runs of one font each. */
export function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const ch of normaliseSpaces(text)) {
    const font: FontKind = winAnsiByte(ch) === undefined ? "cjk" : "latin";
    const last = runs.at(-1);
    if (last?.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

/** Width in points of text at a size (bold: Helvetica-Bold for its Latin runs). */
export function widthOf(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of normaliseSpaces(text)) {
    if (winAnsiByte(ch) === undefined) units += 1000;
    else {
      const code = ch.codePointAt(0)!;
      const w = code <= 0x7e ? HELVETICA_ASCII[code - 0x20]! : (HELVETICA_OTHER[ch] ?? 556);
      units += bold ? w * BOLD_SCALE : w;
    }
  }
  return (units * size) / 1000;
}

/** A Latin run as a PDF literal string: WinAnsi bytes, with ( ) \ escaped and bytes above 0x7E in octal. */
export function latinString(text: string): string {
  let out = "(";
  for (const ch of text) {
    const byte = winAnsiByte(ch) ?? 0x3f;
    if (ch === "(" || ch === ")" || ch === "\\") out += `\\${ch}`;
    else if (byte > 0x7e) out += `\\${byte.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

/** A run for the Chinese font as a hex string of UTF-16BE code units (what UniGB-UTF16-H reads). */
export function cjkString(text: string): string {
  return `<${utf16Units(text).map((u) => u.toString(16).padStart(4, "0")).join("").toUpperCase()}>`;
}

export function utf16Units(text: string): number[] {
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) units.push(text.charCodeAt(i));
  return units;
}

/** A text string for the document's Info (title): UTF-16BE with its byte-order mark, in hex. */
export function textString(text: string): string {
  return `<FEFF${cjkString(text).slice(1, -1)}>`;
}
