import type { Intent } from "../nlu/intents.ts";
import { say, type Outcome, type TurnContext } from "./context.ts";

/**
 * Greetings, thanks, yes/no out of context, chit-chat and off-topic questions: a polite
 * answer that steers back to what the shop can do. None of them is a miss: they never
 * count toward a handoff and never appear as knowledge gaps.
 */
export function smallTalk(ctx: TurnContext, intent: Intent): Outcome | null {
  const { r } = ctx;
  const shop = ctx.merchant.name;
  switch (intent) {
    case "greet":
      return { replies: [say(r.text("greet", { shop }), [r.quickReplies(["qr_track", "qr_products", "qr_returns", "qr_human"])])] };
    case "goodbye":
      return { replies: [say(r.text("goodbye", { shop }), [{ type: "csat_request", text: r.text("csat") }])] };
    case "thanks":
      return { replies: [say(r.text("thanks"))] };
    case "affirm":
      return { replies: [say(r.text("affirm_idle"), [r.quickReplies(["qr_track", "qr_products", "qr_returns"])])] };
    case "deny":
      return { replies: [say(r.text("deny_idle"))] };
    case "out_of_scope":
      return { replies: [say(r.text("out_of_scope"), [r.quickReplies(["qr_track", "qr_products", "qr_returns", "qr_human"])])] };
    default:
      return null;
  }
}

/** A message of emoji and punctuation only: read for its mood, never as a question. */
export function emojiReply(ctx: TurnContext): Outcome | null {
  const text = ctx.text.trim();
  if (!text || /[\p{L}\p{N}]/u.test(text)) return null;
  if (/[😡😠🤬👎😤💢😞😢😭]/u.test(text)) return { replies: [say(ctx.r.text("emoji_upset"), [ctx.r.quickReplies(["qr_track", "qr_returns", "qr_human"])])] };
  if (/[👋]/u.test(text)) return smallTalk(ctx, ctx.state.turn <= 1 ? "greet" : "goodbye");
  if (/[🙏❤️😊🥰😘💕🌹]/u.test(text)) return smallTalk(ctx, "thanks");
  return { replies: [say(ctx.r.text("emoji_ok"))] };
}

/**
 * Chit-chat the classifier has no intent for ("how are you", "你是机器人吗", "haha"): the
 * shop's assistant answers kindly instead of saying it did not understand.
 */
export function isChitChat(text: string): boolean {
  return CHIT_CHAT.test(text.trim());
}

/** One or more chit-chat phrases and nothing else ("haha you're funny", "在吗"); "great, I'll take it" is not. */
const CHIT_CHAT =
  /^(?:(?:ha(?:ha)+|he(?:he)+|lol|lmao|hmm+|ok(?:ay)?|cool|nice|great|wow|k|yo|sup|how are you(?: doing| today)?|how'?s it going|what'?s your name|who are you|are you (?:a )?(?:bot|robot|human|real|ai|an ai)|you'?re (?:funny|smart|cute|great|silly|a bot)|good (?:bot|job)|just chatting|nothing|hi there|hey there)[\s!.?~,]*)+$|^(?:(?:哈+|呵+|嘿+|嗯+|哦+|噢+|好吧|厉害|你好棒|你真棒|在吗|在不在|有人吗|你是谁|你叫什么(?:名字)?|你是机器人吗|你是真人吗|你是ai吗|机器人吗|你好呀|你几岁了?|没事|随便看看)[\s!！?？。~，,]*)+$/i;
