import { createHash } from "node:crypto";

/**
 * The objects of a PDF file, written out with their cross-reference table and trailer
 * (PDF 1.4, classic xref, no compression: a report is a few kilobytes and stays readable).
 * Bodies are ASCII: strings outside it are escaped or hex-encoded by the callers.
 */
export class PdfFile {
  private readonly bodies: (string | null)[] = [];

  /** An object number to fill in later (for objects that point at each other). */
  reserve(): number {
    this.bodies.push(null);
    return this.bodies.length;
  }

  set(id: number, body: string): number {
    this.bodies[id - 1] = body;
    return id;
  }

  add(body: string): number {
    return this.set(this.reserve(), body);
  }

  /** A stream object; `data` must be ASCII (content operators, a CMap). */
  addStream(dict: string, data: string): number {
    return this.add(`<< ${dict ? `${dict} ` : ""}/Length ${data.length} >>\nstream\n${data}\nendstream`);
  }

  toBuffer(root: number, info: number): Buffer {
    // The binary comment tells transfer tools the file is binary (PDF 32000-1, 7.5.2).
    let out = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
    const offsets: number[] = [];
    this.bodies.forEach((body, i) => {
      if (body === null) throw new Error(`PDF object ${i + 1} was reserved but never written`);
      offsets.push(out.length);
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    if (/[^\x00-\xff]/.test(out)) throw new Error("PDF bodies must be ASCII; encode text with fonts.ts");
    const xref = out.length;
    const id = createHash("md5").update(out, "latin1").digest("hex").toUpperCase();
    // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, n/f, CR LF.
    const entries = ["0000000000 65535 f\r\n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n\r\n`)].join("");
    out += `xref\n0 ${this.bodies.length + 1}\n${entries}trailer\n<< /Size ${this.bodies.length + 1} /Root ${root} 0 R /Info ${info} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(out, "latin1");
  }
}

/** A PDF date string, `D:YYYYMMDDHHmmSSZ`. */
export const pdfDate = (at: Date) => `D:${at.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
