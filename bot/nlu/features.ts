import type { Locale } from "../locales/locales.ts";
import { normalize } from "./normalize.ts";
import { stem } from "./stem.ts";

const zhSegmenter = new Intl.Segmenter("zh", { granularity: "word" });
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_TOKEN = /zz[a-z]+|[a-z][a-z']*|0/g;

/**
 * The sparse features of one utterance (strings; the classifier maps them to columns).
 * English: stems, stem bigrams and character 3-5-grams of each word (robust to typos).
 * Chinese: segmenter words plus character 1-3-grams of each Han run (robust to the
 * segmenter's mistakes on short, informal turns); Latin words inside as in English.
 */
export function extractFeatures(text: string, locale: Locale): string[] {
  const norm = normalize(text);
  const features = new Set<string>();
  const latin = norm.replace(HAN_RUN, " ").match(LATIN_TOKEN) ?? [];
  addEnglish(latin, features, locale === "en");
  if (locale === "zh-CN") addChinese(norm, features);
  if (features.size === 0) features.add("empty");
  return [...features];
}

function addEnglish(words: string[], out: Set<string>, full: boolean) {
  const stems = words.map((w) => stem(w.replace(/'s$/, "")));
  stems.forEach((s, i) => {
    out.add(`w:${s}`);
    if (full && i > 0) out.add(`b:${stems[i - 1]}_${s}`);
  });
  if (!full) return;
  for (const word of words) {
    if (word.startsWith("zz") || word.length < 3) continue;
    const padded = `^${word}$`;
    for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) out.add(`c:${padded.slice(i, i + n)}`);
  }
}

function addChinese(norm: string, out: Set<string>) {
  for (const { segment, isWordLike } of zhSegmenter.segment(norm)) {
    if (isWordLike && /\p{Script=Han}/u.test(segment)) out.add(`z:${segment}`);
  }
  for (const run of norm.match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      out.add(`u:${chars[i]}`);
      if (i + 1 < chars.length) out.add(`2:${chars[i]}${chars[i + 1]}`);
      if (i + 2 < chars.length) out.add(`3:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
    }
  }
}

const STOPWORDS = new Set(
  "a an the i me my you your we our us it its is are was were be been am do does did to of in on at for with from by and or not no can could would should will shall how what when where why which who this that these those there here have has had get got please hi hello want need like just about any some also too then btw way really still yet ok okay thanks thank much many long take takes does u ur whats what's im i'm ive i've if so there's tell know wondering hey guys".split(" "),
);
const ZH_STOP = new Set(["的", "了", "吗", "呢", "啊", "吧", "我", "你", "们", "是", "在", "有", "和", "就", "都", "也", "要", "想", "请问", "怎么", "什么", "一下", "可以", "这个", "那个", "还", "多少", "怎么办", "咋办", "能不能", "么", "不", "没", "买", "钱"]);

const FUNCTION_CHARS = new Set([..."的了吗呢吧啊么怎我你他她们是在就都也还要想能会可以这那哪什咋嘛呀哦不没有和与或及买"]);

/** Tokens for help-center search: English stems without stopwords; Chinese words and character bigrams. */
export function searchTokens(text: string, locale: Locale): string[] {
  const norm = text.normalize("NFKC").toLowerCase();
  const tokens: string[] = [];
  for (const word of norm.replace(HAN_RUN, " ").match(/[a-z][a-z']+|\d+/g) ?? []) {
    if (!STOPWORDS.has(word)) tokens.push(stem(word.replace(/'s$/, "")));
  }
  if (locale === "zh-CN" || HAN_RUN.test(norm)) {
    HAN_RUN.lastIndex = 0;
    for (const { segment, isWordLike } of zhSegmenter.segment(norm)) {
      if (isWordLike && /\p{Script=Han}/u.test(segment) && !ZH_STOP.has(segment)) tokens.push(segment);
    }
    for (const run of norm.match(HAN_RUN) ?? []) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) {
        const bigram = `${chars[i]}${chars[i + 1]}`;
        // A pair with a function character ("么办", "能发") matches everything and means nothing.
        if (!FUNCTION_CHARS.has(chars[i]!) && !FUNCTION_CHARS.has(chars[i + 1]!)) tokens.push(`~${bigram}`);
      }
    }
  }
  return tokens;
}
