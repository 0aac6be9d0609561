import type { Locale } from "../locales/locales.ts";
import { searchTokens } from "../nlu/features.ts";
import { topicHint, type Intent } from "../nlu/intents.ts";
import type { Passage } from "../ports.ts";
import type { Block } from "../render.ts";
import { say, type Outcome, type TurnContext } from "./context.ts";
import { answerType, answerWords, expandQuestion } from "./help-query.ts";

/**
 * Below this share of the question covered, a passage is not an answer. With the intent's
 * topic agreeing (the passage also ranks for the intent's topic words) a lower bar is
 * enough; on the words alone most of the question must be covered ("do you offer gift
 * wrapping?" must not be answered by a passage that merely contains "offer").
 */
export const MIN_ANSWER_SCORE = 0.3;
export const MIN_UNHINTED_SCORE = 0.45;
export const MIN_TYPED_SCORE = 0.38;
/** Sections of the same article this close to the best one answer too (fee + threshold; every courier). */
const COMPANION_SHARE = 0.75;
const MAX_SECTIONS = 3;

export interface HelpQuery {
  /** The question as retrieval should read it (a follow-up carries the question it follows). */
  text?: string;
  /** The article the conversation is on: it wins near-ties. */
  articleId?: string;
  /** The classifier's guess when it is not confident: a weaker topic signal than `intent`. */
  likely?: Intent;
  /** The classifier's runner-up, when it is close: its topic words join the hint. */
  also?: Intent;
  /** The classifier's confidence in the topic (0..1). @defaultValue 1 for `intent`, 0.5 for `likely` */
  trust?: number;
}

/**
 * Answers a question from the merchant's help center. Passages of every section are ranked
 * by how much of the question they cover; the intent's topic words, the kind of answer the
 * question wants (an amount, a duration) and the conversation's current article are further
 * signals. The answer joins the sections of the best article that answer (never an article's
 * opening line alone); two articles that tie get a clarifying question instead.
 */
export async function answerFromKnowledge(ctx: TurnContext, intent?: Intent, query: HelpQuery = {}): Promise<Outcome | null> {
  return (await findAnswer(ctx, intent, query))?.outcome ?? null;
}

/** The answer with how well it matched (0..~1.5), so that two readings of a follow-up can be compared. */
export async function findAnswer(ctx: TurnContext, intent?: Intent, query: HelpQuery = {}): Promise<{ outcome: Outcome; score: number; namesSubject: boolean } | null> {
  const locale = ctx.r.locale;
  const question = query.text ?? ctx.text;
  const text = expandQuestion(question, locale);
  const topic = intent ?? query.likely;
  // A classifier torn between two topics ("how much is shipping": delivery time or options?) hints at both.
  const hint = [topic, query.also].filter((t): t is Intent => Boolean(t)).map((t) => topicHint(t, locale) ?? "").join(" ").trim() || undefined;
  const [plain, hinted] = await Promise.all([
    ctx.ports.knowledge.search(ctx.merchant.id, locale, { text }, 16),
    hint ? ctx.ports.knowledge.search(ctx.merchant.id, locale, { text, hint }, 4) : Promise.resolve([]),
  ]);
  const wants = answerType(question);
  // How much the intent's topic counts: as much as the classifier is sure of it.
  const trust = Math.min(1, query.trust ?? (intent ? 1 : 0.5));
  const onTopic = new Set(hinted.slice(0, intent ? 3 : 2).map(key));
  const topicArticles = new Set(hinted.slice(0, 1).map((h) => h.articleId));
  // Amounts and numbers are values ("if I spend 50 yuan"), not what the question is about.
  const asked = [...new Set(searchTokens(question, locale))].filter((t) => !VALUE_TOKEN.test(t));
  const places = [...new Set(searchTokens(text.slice(question.length), locale))];
  const kind = [...new Set(searchTokens(answerWords(question, locale), locale))];
  const topicWords = hint ? [...new Set(searchTokens(hint, locale))] : [];
  const candidates = [...plain, ...hinted.filter((h) => !plain.some((p) => key(p) === key(h)))];
  // A word no candidate section contains is what the help center lacks ("engraving"): it weighs double.
  const seen = new Set(candidates.flatMap((p) => [...ownTokens(p, locale)]));
  const weight = (t: string) => (seen.has(t) ? 1 : 2);
  const ranked = candidates
    .map((p) => {
      // The index scores title and tags in every section of an article; what tells the
      // sections apart is how much of the question the section's own words cover.
      const own = ownTokens(p, locale);
      const agreed = onTopic.has(key(p));
      // What the question itself says, then what the classifier's topic adds (it ranks, but
      // only vouches for an answer when the classifier is fairly sure).
      let evidence = 0.5 * (plain.find((x) => key(x) === key(p))?.score ?? 0) + 0.5 * share(asked, own, weight) + 0.15 * share(places, own) + 0.2 * share(kind, own) + 0.25 * titleShare(asked, p, locale);
      let topical = 0.15 * trust * share(topicWords, own) + trust * ((agreed ? 0.25 : 0) + (topicArticles.has(p.articleId) ? 0.12 : 0));
      if (wants && !wants.test(p.text)) {
        evidence *= 0.4;
        topical *= 0.4;
      }
      if (query.articleId && p.articleId === query.articleId) evidence += 0.1;
      if (p.heading === "") evidence -= 0.1;
      // The earlier sections of an article state its main rules; later ones its exceptions.
      evidence -= 0.03 * (p.position ?? 0);
      const score = evidence + topical;
      return { p, score, evidence, agreed };
    })
    .sort((a, b) => b.score - a.score);
  const best = ranked[0];
  // A section holding the kind of answer asked for (an amount, a duration) needs less word overlap.
  const typed = Boolean(wants && best && wants.test(best.p.text));
  // The topic lowers the bar only when the classifier is fairly sure of it.
  const vouched = best?.agreed && trust >= 0.6;
  if (!best || (vouched ? best.score : best.evidence) < (vouched ? MIN_ANSWER_SCORE : typed ? MIN_TYPED_SCORE : MIN_UNHINTED_SCORE)) return null;

  const rival = ranked.find((x) => x.p.articleId !== best.p.articleId);
  if (!intent && !query.articleId && rival && rival.score >= best.score * 0.97 && !best.agreed) return { outcome: clarifyBetween(ctx, [best.p, rival.p]), score: best.score, namesSubject: false };

  const sections = best.p.heading === "" ? [] : ranked
    .filter((x) => x.p.articleId === best.p.articleId && x.score >= best.score * COMPANION_SHARE && x.p.heading !== "" && (!wants || wants.test(x.p.text)))
    .slice(0, MAX_SECTIONS)
    .sort((a, b) => (a.p.position ?? 0) - (b.p.position ?? 0))
    .map((x) => x.p);
  if (sections.length === 0) {
    // The best match is the article's opening line: it may state the rule ("refunds go back to
    // the original payment method") but is never the whole answer. The closest section joins it.
    const next = ranked.find((x) => x.p.articleId === best.p.articleId && x.p.heading !== "");
    sections.push(best.p, ...(next ? [next.p] : []));
  }
  const body = sections.map(sectionText).join("\n\n");
  const blocks: Block[] = [{ type: "citation", articleId: best.p.articleId, title: best.p.title, url: best.p.url }];
  return { outcome: { replies: [say(`${ctx.r.text("answer_intro", { title: best.p.title })}\n${body}`, blocks)], articleId: best.p.articleId }, score: best.score, namesSubject: titleShare(asked, best.p, locale) > 0 };
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

/** The share of the question's words a section contains; a misspelt word ("shiping") counts for less. */
function share(asked: string[], own: Set<string>, weight: (t: string) => number = () => 1): number {
  let hits = 0;
  let total = 0;
  for (const t of asked) {
    const w = weight(t);
    total += w;
    if (own.has(t)) hits += w;
    else if (t.length >= 5 && /^[a-z]/.test(t) && [...own].some((o) => o.length >= 4 && o.slice(0, 4) === t.slice(0, 4))) hits += 0.6 * w;
  }
  return total ? hits / total : 0;
}

/** A question naming an article's subject ("how long do refunds take?" and "Refunds") points at that article. */
function titleShare(asked: string[], p: Passage, locale: Locale): number {
  const title = new Set(searchTokens(p.title, locale));
  return title.size ? asked.filter((t) => title.has(t)).length / title.size : 0;
}

const sectionTokens = new WeakMap<Passage, Set<string>>();
function ownTokens(p: Passage, locale: Locale): Set<string> {
  let tokens = sectionTokens.get(p);
  if (!tokens) sectionTokens.set(p, (tokens = new Set(searchTokens(`${p.heading ?? ""} ${p.text}`, locale))));
  return tokens;
}

const VALUE_TOKEN = /^(\d+|yuan|rmb|cny|kuai|bucks?|~?\d*[元块]|~?[一二三四五六七八九十百千两]+[块元]?|~?块钱|东西|~东西)$/;

const key = (p: Passage) => `${p.articleId}#${p.heading ?? p.text.slice(0, 40)}`;
