/**
 * BM25 retrieval over help-center passages (one passage per `##` section of an article).
 * Tokenisation is passed in, so one index serves English stems and Chinese words alike.
 */
export interface ArticleDoc {
  id: string;
  slug: string;
  locale: string;
  title: string;
  body: string;
  tags: string[];
}

export interface PassageHit {
  articleId: string;
  slug: string;
  title: string;
  heading: string;
  text: string;
  /** The section's place in its article (0 = the opening paragraph). */
  position: number;
  /** 0..1: how much of the question the passage covers (IDF-weighted). */
  score: number;
}

export type Tokenize = (text: string) => string[];

interface Passage {
  article: ArticleDoc;
  /** The first section of an article usually sums it up: it wins near-ties. */
  lead: boolean;
  position: number;
  heading: string;
  text: string;
  tf: Map<string, number>;
  length: number;
}

const K1 = 1.2;
const B = 0.75;

export class PassageIndex {
  private readonly passages: Passage[] = [];
  private readonly df = new Map<string, number>();
  private avgLength = 1;

  constructor(
    articles: ArticleDoc[],
    private readonly tokenize: Tokenize,
  ) {
    for (const article of articles) {
      for (const [i, section] of splitSections(article.body).entries()) {
        // Title and tags count (twice) in every passage of the article: they say what it is about.
        const topic = `${article.title} ${article.tags.join(" ")}`;
        const tokens = tokenize(`${topic} ${topic} ${section.heading} ${section.heading} ${section.text}`);
        const tf = new Map<string, number>();
        for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
        for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
        this.passages.push({ article, lead: i === 0, position: i, heading: section.heading, text: section.text, tf, length: tokens.length });
      }
    }
    this.avgLength = this.passages.reduce((sum, p) => sum + p.length, 0) / Math.max(1, this.passages.length);
  }

  get size(): number {
    return this.passages.length;
  }

  /** Ranks by BM25 over question + hint; scores by how much of the question itself is covered. */
  search(question: string, limit: number, hint = ""): PassageHit[] {
    const q = [...new Set(this.tokenize(question))];
    const h = [...new Set(this.tokenize(hint))].filter((t) => !q.includes(t));
    if (q.length === 0 && h.length === 0) return [];
    const maxIdf = this.idf("\u0000unseen");
    const qMass = q.reduce((sum, t) => sum + (this.df.has(t) ? this.idf(t) : maxIdf), 0);
    const hMass = h.reduce((sum, t) => sum + (this.df.has(t) ? this.idf(t) : 0), 0);
    const scored = this.passages.map((p) => {
      let bm25 = 0;
      let covered = 0;
      let hinted = 0;
      for (const t of q) {
        const f = p.tf.get(t);
        if (!f) continue;
        bm25 += this.idf(t) * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * p.length) / this.avgLength)));
        covered += this.idf(t);
      }
      for (const t of h) {
        const f = p.tf.get(t);
        if (!f) continue;
        bm25 += 0.5 * this.idf(t) * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * p.length) / this.avgLength)));
        hinted += this.idf(t);
      }
      const coverage = qMass ? covered / qMass : 0;
      const hintCoverage = hMass ? hinted / hMass : 0;
      const score = h.length ? 0.6 * coverage + 0.4 * hintCoverage : coverage;
      return { p, bm25: p.lead ? bm25 * 1.15 : bm25, score };
    });
    return scored
      .filter((s) => s.bm25 > 0)
      .sort((a, b) => b.bm25 - a.bm25)
      .slice(0, limit)
      .map(({ p, score }) => ({
        articleId: p.article.id,
        slug: p.article.slug,
        title: p.article.title,
        heading: p.heading,
        text: p.text,
        position: p.position,
        score: Math.round(Math.min(1, score) * 1000) / 1000,
      }));
  }

  private idf(token: string): number {
    const n = this.passages.length;
    const d = this.df.get(token) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  }
}

/** Splits markdown at `##` headings; the text is made plain (no emphasis marks, bullets as •). */
export function splitSections(body: string): { heading: string; text: string }[] {
  const sections: { heading: string; lines: string[] }[] = [{ heading: "", lines: [] }];
  for (const line of body.split(/\r?\n/)) {
    const heading = /^#{2,3}\s+(.*)$/.exec(line);
    if (heading) sections.push({ heading: heading[1]!.trim(), lines: [] });
    else sections.at(-1)!.lines.push(line);
  }
  const merged: { heading: string; text: string }[] = [];
  for (const section of sections.map((s) => ({ heading: s.heading, text: plain(s.lines.join("\n")) }))) {
    if (!section.text) continue;
    const previous = merged.at(-1);
    // A one-line section ("See also ...") is no answer on its own: it stays with the one before.
    if (previous && (textWeight(section.text) < MIN_PASSAGE_CHARS || NAVIGATION.test(section.heading))) previous.text += `\n${section.heading ? `${section.heading}\n` : ""}${section.text}`;
    else merged.push(section);
  }
  return merged;
}

const MIN_PASSAGE_CHARS = 80;
/** Text length in Latin characters: a Han character says about as much as two and a half letters. */
const textWeight = (text: string) => text.length + 1.5 * (text.match(/\p{Script=Han}/gu)?.length ?? 0);
/** "Related help" sections point elsewhere; they are not answers. */
const NAVIGATION = /related|see also|more help|相关|更多帮助|延伸阅读/i;

function plain(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/__(.+?)__/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s*[-*+]\s+/gm, "• ")
    .replace(/^#+\s*/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
