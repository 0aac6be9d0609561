/**
 * A small, independent reader of the PDFs the API writes (uncompressed streams): checks the
 * file's structure and gives back its text as positioned lines. Independent of the writer
 * on purpose (it reads what a PDF reader reads: objects, xref, fonts, content operators).
 */

export interface PdfText {
  /** /Count of the page tree. */
  pageCount: number;
  title: string;
  /** Every text object (one line) with its page and position. */
  lines: { page: number; x: number; y: number; text: string }[];
}

export function readPdf(bytes: Uint8Array): PdfText {
  const file = Buffer.from(bytes).toString("latin1");
  if (!file.startsWith("%PDF-1.")) throw new Error("not a PDF: no %PDF header");
  if (!/%%EOF\s*$/.test(file)) throw new Error("no %%EOF at the end");
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(file)?.[1]);
  if (!file.startsWith("xref", startxref)) throw new Error("startxref does not point at the xref table");
  const [, first, count] = /^xref\s+(\d+) (\d+)\s+/.exec(file.slice(startxref)) ?? [];
  const table = file.slice(startxref).split(/\r?\n/).slice(2, 2 + Number(count));
  const objects = new Map<number, string>();
  table.forEach((entry, i) => {
    const [offset, , kind] = entry.trim().split(" ");
    if (kind !== "n") return;
    const id = Number(first) + i;
    const at = Number(offset);
    if (!file.startsWith(`${id} 0 obj`, at)) throw new Error(`xref entry of object ${id} points at the wrong place`);
    objects.set(id, file.slice(at, file.indexOf("endobj", at)));
  });
  const trailer = file.slice(file.indexOf("trailer", startxref));
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const object = (id: number) => objects.get(id) ?? (() => { throw new Error(`object ${id} is missing`); })();
  const stream = (id: number) => {
    const body = object(id);
    const length = Number(/\/Length (\d+)/.exec(body)?.[1]);
    const start = body.indexOf("stream\n") + "stream\n".length;
    return body.slice(start, start + length);
  };

  const catalog = object(ref(trailer, "Root"));
  const pages = object(ref(catalog, "Pages"));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pages)?.[1] ?? "").matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const pageCount = Number(/\/Count (\d+)/.exec(pages)?.[1]);
  if (kids.length !== pageCount) throw new Error("the page tree's /Count is not its number of kids");

  const lines: PdfText["lines"] = [];
  kids.forEach((kid, index) => {
    const page = object(kid);
    const fontDict = object(ref(page, "Font"));
    const twoByte = (name: string) => /\/Subtype \/Type0/.test(object(ref(fontDict, name)));
    let font = "";
    let line: PdfText["lines"][number] | null = null;
    for (const token of tokens(stream(ref(page, "Contents")))) {
      if (token.op === "BT") line = { page: index + 1, x: 0, y: 0, text: "" };
      else if (token.op === "Tm" && line) [line.x, line.y] = token.args.slice(4).map(Number) as [number, number];
      else if (token.op === "Tf") font = token.args[0]!.slice(1);
      else if (token.op === "Tj" && line) line.text += decode(token.args[0]!, twoByte(font));
      else if (token.op === "ET" && line) lines.push(line);
    }
  });
  const info = object(ref(trailer, "Info"));
  return { pageCount, title: decode(/\/Title (<[0-9A-F]+>|\((?:\\.|[^\\)])*\))/.exec(info)?.[1] ?? "()", true).replace(/^\uFEFF/, ""), lines };
}

/** Lines that share a baseline on a page, left to right: a table row's label and value. */
export function rowsOf(pdf: PdfText): string[][] {
  const rows = new Map<string, { x: number; text: string }[]>();
  for (const l of pdf.lines) rows.set(`${l.page}:${l.y}`, [...(rows.get(`${l.page}:${l.y}`) ?? []), l]);
  return [...rows.values()].map((r) => r.sort((a, b) => a.x - b.x).map((l) => l.text));
}

/** Operators with their operands (strings kept in their PDF spelling). */
function* tokens(content: string): Generator<{ op: string; args: string[] }> {
  const re = /\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\/[^\s/<>()[\]]+|-?\d*\.?\d+|[A-Za-z'"*]+/g;
  let args: string[] = [];
  for (const [token] of content.matchAll(re)) {
    if (/^[A-Za-z'"*]/.test(token)) {
      yield { op: token, args };
      args = [];
    } else args.push(token);
  }
}

/** A string operand: a literal in WinAnsi or hex, as UTF-16BE for a two-byte font. */
function decode(operand: string, twoByte: boolean): string {
  if (operand.startsWith("<")) {
    const hex = operand.slice(1, -1).replace(/\s/g, "");
    const bytes = Buffer.from(hex, "hex");
    return twoByte ? bytes.swap16().toString("utf16le") : winAnsi([...bytes]);
  }
  const bytes: number[] = [];
  const body = operand.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") bytes.push(body.charCodeAt(i));
    else if (/[0-7]/.test(body[i + 1]!)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      bytes.push(parseInt(octal, 8));
      i += octal.length;
    } else bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[body[i + 1]!] ?? body.charCodeAt(i + 1)), i++;
  }
  return winAnsi(bytes);
}

/** WinAnsiEncoding: Latin-1 but for 0x80–0x9F (Node's TextDecoder("windows-1252") treats it as Latin-1). */
const WIN_ANSI_80 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const winAnsi = (bytes: number[]) => bytes.map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_80[b - 0x80]! : String.fromCharCode(b))).join("");
