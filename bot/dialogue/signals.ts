/**
 * Signals read off a message besides its intent: "never mind", strong negative sentiment,
 * explicit confirmations. Lexicons rather than models: they must be exact and explainable.
 */

const NEVER_MIND = /^(never ?mind|nevermind|forget it|forget about it|stop|cancel that|cancel this|no thanks|nvm|quit|exit|changed my mind|i changed my mind|not anymore|skip it|leave it)\b/i;
const NEVER_MIND_ZH = /^(算了|不用了|不要了|不买了|先不用了|先不买了|取消吧|算了吧|没事了|不需要了|不想要了|不想买了|先不要了|先算了|再说吧|改天吧|我再想想)/;

/** "Never mind" and its kin, as the whole of a short message (not "never mind the size, what colours?"). */
export function isNeverMind(text: string): boolean {
  const t = text.trim().replace(/^(oh|ah|hmm|actually|ok|okay|哎|啊|嗯|那|那就|还是)[,，\s]*/i, "");
  const short = t.length <= 24 && !/[?？]/.test(t);
  return short && (NEVER_MIND.test(t) || NEVER_MIND_ZH.test(t));
}

const NEGATIVE_EN = /\b(terrible|awful|horrible|worst|useless|scam|fraud|ridiculous|disgusting|pathetic|unacceptable|furious|angry|rubbish|garbage|liars?|cheated|wtf|hate|sue|lawyer)\b/gi;
const NEGATIVE_ZH = /(垃圾|太差|差劲|骗子|骗人|气死|无语|离谱|坑人|坑爹|恶心|什么破|破店|黑店|欺骗|忽悠|投诉你们|举报|曝光|退钱|态度差|不负责|耍我|服了|滚)/g;

/** 0 (calm) .. 1 (very upset), from lexicon hits, shouting and repeated marks. */
export function negativity(text: string): number {
  let score = 0;
  score += (text.match(NEGATIVE_EN)?.length ?? 0) * 0.4;
  score += (text.match(NEGATIVE_ZH)?.length ?? 0) * 0.4;
  if (/[!！]{2,}|[?？]{3,}/.test(text)) score += 0.2;
  const letters = text.replace(/[^A-Za-z]/g, "");
  if (letters.length >= 8 && letters === letters.toUpperCase()) score += 0.3;
  return Math.min(1, score);
}

const YES = /^(y|yes|yeah|yep|yup|sure|ok|okay|confirm|confirmed|correct|right|go ahead|do it|place it|place the order|sounds good|please do)[.!]*$|^(是|是的|对|对的|好|好的|确认|确定|可以|行|嗯|没问题|下单|确认下单|要的)[。！!]*$/i;
const NO = /^(n|no|nope|nah|don't|do not|not now|wrong|incorrect)[.!]*$|^(不|不是|不对|不要|不用|错了|否|不行)[。！!]*$/i;

export const isPlainYes = (text: string) => YES.test(text.trim());
export const isPlainNo = (text: string) => NO.test(text.trim());
