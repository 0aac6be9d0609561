import { searchTokens } from "../nlu/features.ts";
import { topicHint, type Intent } from "../nlu/intents.ts";
import type { Passage } from "../ports.ts";
import type { Block } from "../render.ts";
import { say, type Outcome, type TurnContext } from "./context.ts";
import { answerType, expandQuestion } from "./help-query.ts";

/**
 * Below this share of the question covered, a passage is not an answer. With the intent's
 * topic agreeing (the passage also ranks for the intent's topic words) a lower bar is
 * enough; on the words alone most of the question must be covered ("do you offer gift
 * wrapping?" must not be answered by a passage that merely contains "offer").
 */
export const MIN_ANSWER_SCORE = 0.3;
export const MIN_UNHINTED_SCORE = 0.45;
/** Sections of the same article this close to the best one answer too (fee + threshold; every courier). */
const COMPANION_SHARE = 0.75;
const MAX_SECTIONS = 3;

export interface HelpQuery {
  /** The question as retrieval should read it (a follow-up carries the question it follows). */
  text?: string;
  /** The article the conversation is on: it wins near-ties. */
  articleId?: string;
}

/**
 * Answers a question from the merchant's help center. Passages of every section are ranked
 * by how much of the question they cover; the intent's topic words, the kind of answer the
 * question wants (an amount, a duration) and the conversation's current article are further
 * signals. The answer joins the sections of the best article that answer (never an article's
 * opening line alone); two articles that tie get a clarifying question instead.
 */
export async function answerFromKnowledge(ctx: TurnContext, intent?: Intent, query: HelpQuery = {}): Promise<Outcome | null> {
  const locale = ctx.r.locale;
  const question = query.text ?? ctx.text;
  const text = expandQuestion(question, locale);
  const hint = intent ? topicHint(intent, locale) : undefined;
  const [plain, hinted] = await Promise.all([
    ctx.ports.knowledge.search(ctx.merchant.id, locale, { text }, 16),
    hint ? ctx.ports.knowledge.search(ctx.merchant.id, locale, { text, hint }, 4) : Promise.resolve([]),
  ]);
  const wants = answerType(question);
  const onTopic = new Set(hinted.slice(0, 3).map(key));
  const asked = [...new Set(searchTokens(text, locale))];
  const candidates = [...plain, ...hinted.filter((h) => !plain.some((p) => key(p) === key(h)))];
  const ranked = candidates
    .map((p) => {
      // The index scores title and tags in every section of an article; what tells the
      // sections apart is how much of the question the section's own words cover.
      const own = new Set(searchTokens(`${p.heading ?? ""} ${p.text}`, locale));
      const covered = asked.length ? asked.filter((t) => own.has(t)).length / asked.length : 0;
      const agreed = onTopic.has(key(p));
      let score = 0.5 * (plain.find((x) => key(x) === key(p))?.score ?? 0) + 0.5 * covered + (agreed ? 0.15 : 0);
      if (wants && !wants.test(p.text)) score *= 0.5;
      if (query.articleId && p.articleId === query.articleId) score += 0.1;
      if (p.heading === "") score -= 0.1;
      score -= 0.005 * (p.position ?? 0);
      return { p, score, agreed };
    })
    .sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!best || best.score < (best.agreed ? MIN_ANSWER_SCORE : MIN_UNHINTED_SCORE)) return null;

  const rival = ranked.find((x) => x.p.articleId !== best.p.articleId);
  if (!intent && !query.articleId && rival && rival.score >= best.score * 0.97 && !best.agreed) return clarifyBetween(ctx, [best.p, rival.p]);

  const sections = ranked
    .filter((x) => x.p.articleId === best.p.articleId && x.score >= best.score * COMPANION_SHARE && x.p.heading !== "")
    .slice(0, MAX_SECTIONS)
    .sort((a, b) => (a.p.position ?? 0) - (b.p.position ?? 0))
    .map((x) => x.p);
  if (sections.length === 0) {
    // The best match is the article's opening line: it sums up, it does not answer. Give the closest section with it.
    const next = ranked.find((x) => x.p.articleId === best.p.articleId && x.p.heading !== "");
    sections.push(best.p, ...(next ? [next.p] : []));
  }
  const body = sections.map(sectionText).join("\n\n");
  const blocks: Block[] = [{ type: "citation", articleId: best.p.articleId, title: best.p.title, url: best.p.url }];
  return { replies: [say(`${ctx.r.text("answer_intro", { title: best.p.title })}\n${body}`, blocks)], articleId: best.p.articleId };
}

/** Offers the closest articles as choices when no single one is a confident answer. */
export async function clarify(ctx: TurnContext): Promise<Outcome | null> {
  const passages = await ctx.ports.knowledge.search(ctx.merchant.id, ctx.r.locale, { text: ctx.text }, 6);
  const candidates = passages.filter((p) => p.score >= MIN_ANSWER_SCORE / 3);
  if (candidates.length === 0) return null;
  return { ...clarifyBetween(ctx, candidates), fallback: true };
}

function clarifyBetween(ctx: TurnContext, passages: Passage[]): Outcome {
  const titles = [...new Set(passages.map((p) => p.title))].slice(0, 3);
  const options = [...titles.map((title) => ({ label: title, text: title })), { label: ctx.r.text("offer_human"), text: ctx.r.text("qr_human") }];
  return { replies: [say(ctx.r.text("clarify"), [{ type: "quick_replies", options }])] };
}

/** The section with its heading, so that joined sections say which is which. */
function sectionText(p: Passage): string {
  return p.heading && !p.text.startsWith(p.heading) ? `${p.heading}\n${p.text}` : p.text;
}

const key = (p: Passage) => `${p.articleId}#${p.heading ?? p.text.slice(0, 40)}`;
