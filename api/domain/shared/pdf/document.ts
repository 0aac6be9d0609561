import { PdfFile, pdfDate } from "./file.ts";
import { cjkString, latinString, runsOf, textString, widthOf } from "./fonts.ts";
import { wrap } from "./wrap.ts";

/** A4 in points, and the margins of a page. */
const PAGE = { width: 595.28, height: 841.89, margin: 56, footer: 32 };
const INK = "0.06 0.09 0.16";
const MUTED = "0.28 0.33 0.41";
const RULE = "0.80 0.84 0.88";
const LEADING = 1.4;

export interface PdfDocumentOptions {
  /** The document's title (Info and the reader's window title). */
  title: string;
  /** BCP 47 tag of the text, for screen readers. */
  lang: string;
  /** @defaultValue new Date() */
  createdAt?: Date;
}

/**
 * A PDF built top to bottom: a title, small print, headings, paragraphs and two-column tables,
 * wrapped to the page width and broken onto new pages (a heading never ends a page; a table
 * row is never split), with "page / pages" at the foot of every page. English and Chinese
 * text mix freely (fonts.ts). No system font, no browser, no dependency.
 */
export class PdfDocument {
  private readonly pages: string[][] = [[]];
  private y = PAGE.height - PAGE.margin;
  private readonly width = PAGE.width - 2 * PAGE.margin;

  constructor(private readonly options: PdfDocumentOptions) {}

  title(text: string): this {
    return this.block(text, { size: 18, bold: true, after: 4 });
  }

  /** Muted small print (dates, ranges). */
  note(text: string): this {
    return this.block(text, { size: 9.5, color: MUTED, after: 6 });
  }

  paragraph(text: string): this {
    return this.block(text, { size: 10.5, after: 6 });
  }

  /** A section heading with a rule under it, kept on a page with at least two lines after it. */
  heading(text: string): this {
    const size = 13;
    const lines = wrap(text, this.width, size, true);
    this.space(16 + lines.length * size * LEADING + 2 * 10.5 * LEADING);
    this.y -= 10;
    this.lines(lines, PAGE.margin, size, { bold: true });
    this.rule(this.y + 3, RULE);
    this.y -= 6;
    return this;
  }

  /** Label and value rows, the label column 58% of the width. */
  table(rows: [string, string][], size = 10): this {
    const gap = 12;
    const labelWidth = this.width * 0.58;
    const valueWidth = this.width - labelWidth - gap;
    for (const [label, value] of rows) {
      const left = wrap(label, labelWidth, size);
      const right = wrap(value, valueWidth, size);
      const height = Math.max(left.length, right.length) * size * LEADING + 6;
      this.space(height);
      const top = this.y - 3;
      this.y = top;
      this.lines(left, PAGE.margin, size, { color: MUTED });
      this.y = top;
      this.lines(right, PAGE.margin + labelWidth + gap, size, {});
      this.y = top - height + 3;
      this.rule(this.y, "0.90 0.92 0.94");
    }
    this.y -= 4;
    return this;
  }

  toBuffer(): Buffer {
    const file = new PdfFile();
    const pagesId = file.reserve();
    const fonts = file.add(`<< /F1 ${file.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")} 0 R /F2 ${file.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")} 0 R /F3 ${chineseFont(file, this.pages)} 0 R >>`);
    const total = this.pages.length;
    const kids = this.pages.map((ops, i) => {
      const footer = `${i + 1} / ${total}`;
      const content = [...ops, textOps(footer, PAGE.width - PAGE.margin - widthOf(footer, 8.5), PAGE.footer, 8.5, { color: MUTED })].join("\n");
      const contents = file.addStream("", content);
      return file.add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font ${fonts} 0 R >> /Contents ${contents} 0 R >>`);
    });
    file.set(pagesId, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`);
    const root = file.add(`<< /Type /Catalog /Pages ${pagesId} 0 R /Lang ${textString(this.options.lang)} /ViewerPreferences << /DisplayDocTitle true >> >>`);
    const info = file.add(`<< /Title ${textString(this.options.title)} /Producer (ShopChat) /CreationDate (${pdfDate(this.options.createdAt ?? new Date())}) >>`);
    return file.toBuffer(root, info);
  }

  private block(text: string, style: { size: number; bold?: boolean; color?: string; after: number }): this {
    const lines = wrap(text, this.width, style.size, style.bold);
    for (const line of lines) {
      this.space(style.size * LEADING);
      this.lines([line], PAGE.margin, style.size, style);
    }
    this.y -= style.after;
    return this;
  }

  /** Writes lines downwards from the cursor, one leading each. */
  private lines(lines: string[], x: number, size: number, style: { bold?: boolean; color?: string }) {
    for (const line of lines) {
      this.y -= size * LEADING;
      this.page().push(textOps(line, x, this.y + size * (LEADING - 1), size, style));
    }
  }

  private rule(y: number, color: string) {
    this.page().push(`q ${color} RG 0.6 w ${PAGE.margin} ${y.toFixed(2)} m ${PAGE.margin + this.width} ${y.toFixed(2)} l S Q`);
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  private space(height: number) {
    if (this.y - height >= PAGE.margin || this.page().length === 0) return;
    this.pages.push([]);
    this.y = PAGE.height - PAGE.margin;
  }

  private page(): string[] {
    return this.pages.at(-1)!;
  }
}

/** One line of text at a baseline: each run in its font (Chinese bold drawn as fill and stroke). */
function textOps(text: string, x: number, y: number, size: number, style: { bold?: boolean; color?: string }): string {
  const color = style.color ?? INK;
  const runs = runsOf(text)
    .map((r) => (r.font === "latin" ? `/${style.bold ? "F2" : "F1"} ${size} Tf ${style.bold ? "0 Tr " : ""}${latinString(r.text)} Tj` : `/F3 ${size} Tf ${style.bold ? "2 Tr " : ""}${cjkString(r.text)} Tj`))
    .join(" ");
  return `q ${color} rg ${color} RG 0.3 w BT 1 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)} Tm ${runs} ET Q`;
}

/**
 * STSong-Light through UniGB-UTF16-H (not embedded), with a ToUnicode map of the characters
 * the document uses so that copying and searching give the text back.
 */
function chineseFont(file: PdfFile, pages: string[][]): number {
  const codes = new Set<string>();
  for (const op of pages.flat()) for (const [, hex] of op.matchAll(/<([0-9A-F]+)> Tj/g)) for (const code of hex!.match(/D[89AB][0-9A-F]{2}D[C-F][0-9A-F]{2}|[0-9A-F]{4}/g) ?? []) codes.add(code);
  const chars = [...codes].sort();
  const blocks: string[] = [];
  for (let i = 0; i < chars.length; i += 100) {
    const chunk = chars.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map((c) => `<${c}> <${c}>`).join("\n")}\nendbfchar`);
  }
  const cmap = [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "3 begincodespacerange\n<0000> <D7FF>\n<D800DC00> <DBFFDFFF>\n<E000> <FFFF>\nendcodespacerange",
    ...blocks,
    "endcmap",
    "CMapName currentdict /CMapResource defineresource pop",
    "end",
    "end",
  ].join("\n");
  const toUnicode = file.addStream("", cmap);
  const descriptor = file.add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>");
  const cidFont = file.add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`);
  return file.add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UTF16-H /Encoding /UniGB-UTF16-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`);
}
