import { hasConstraints, parseConstraints } from "../nlu/entities/constraints.ts";
import { isAnswerable, isOrderTask, kindOf, type Intent } from "../nlu/intents.ts";
import { say, type Outcome, type TurnContext } from "./context.ts";
import { isEllipsis, productsReferredTo } from "./followup.ts";
import { answerFromKnowledge, clarify, findAnswer } from "./help.ts";
import { startOrderTask } from "./order-tasks.ts";
import { startPlaceOrder } from "./place-order.ts";
import { startPrivacy } from "./privacy.ts";
import { listCoupons } from "./coupons.ts";
import { ABOUT_DISCOUNTS, withVipBenefits } from "./vip.ts";
import { productAnswer, productFollowUp, searchProducts } from "./products.ts";
import { emojiReply, isChitChat, smallTalk } from "./social.ts";

/** Below this the classifier's top intent is a guess: retrieval and clarification take over. */
export const CONFIDENT = 0.45;
/** A product match this strong is what the message is about ("noise cancelling earbuds" is not a cancellation). */
export const STRONG_PRODUCT = 0.65;

/**
 * What a message asks for when no form is waiting for it (or, as a digression, inside one).
 * In order: moods and chit-chat, follow-ups on the current product or help topic, buying,
 * order journeys, products, social turns, then the help center; what is left is a miss
 * only when it looked like a question the shop should answer.
 */
export async function route(ctx: TurnContext, digression: boolean): Promise<Outcome> {
  const { nlu, state } = ctx;
  const { name, confidence } = nlu.intent;
  const confident = confidence >= CONFIDENT;
  const kind = kindOf(name);
  // "If I order today, when will it be sent out?": a question about buying, not about an order that exists.
  const prospective = isOrderTask(name) && HYPOTHETICAL.test(ctx.text) && !ctx.nlu.entities.some((e) => e.entity === "order_number");

  const mood = emojiReply(ctx);
  if (mood) return mood;
  if (isChitChat(ctx.text) && !(confident && kind !== "social")) return { replies: [say(ctx.r.text("chit_chat", { shop: ctx.merchant.name }))] };

  const referred = productsReferredTo(ctx);
  if (referred) return productFollowUp(ctx, referred);
  if (state.topic.last === "help" && state.topic.question && isEllipsis(ctx.text) && !namesProduct(ctx)) {
    // Two readings: a follow-up on the current topic ("银行卡呢" after refund times), or a
    // new question that happens to start with "and" ("那退款到支付宝呢" after returns).
    const topicIntent = state.topic.intent as Intent | undefined;
    const carried = await findAnswer(ctx, topicIntent, { text: `${state.topic.question} ${ctx.text}`, articleId: state.topic.articleId });
    const fresh = confident && isAnswerable(name) && name !== topicIntent ? await findAnswer(ctx, name) : null;
    // The message switches topic when it names another article's subject ("refunds"), not just a detail ("bank cards").
    const switches = fresh && fresh.outcome.articleId !== carried?.outcome.articleId && fresh.namesSubject;
    if (fresh && (!carried || switches)) return remembered(ctx, fresh.outcome, name);
    if (carried) return remembered(ctx, carried.outcome, topicIntent, state.topic.question);
  }

  // "删除我的个人信息", "what data do you have about me?": the shopper's data rights, verified and confirmed.
  if (confident && kind === "privacy" && !digression) return startPrivacy(ctx);
  // "有优惠券吗", "any promo codes?", "我的优惠券": the coupons this shopper can use, from the shop's data.
  if (confident && (kind === "promo" || (name === "coupon" && ASKS_FOR_COUPONS.test(ctx.text)))) return listCoupons(ctx);
  if (!digression && wantsToBuy(ctx)) return startPlaceOrder(ctx);
  // "I'll take it", "我要这个" right after one product was shown: buying that product.
  const shown = state.topic.last === "product" && state.topic.productIds.length === 1 ? state.topic.productIds[0] : undefined;
  if (!digression && shown && TAKE_IT.test(ctx.text) && !namesProduct(ctx, 0.45)) return startPlaceOrder(ctx, shown);
  // An existing order's number is never part of a new order: "check order LL400124, email …".
  if (!digression && name === "place_order" && ctx.nlu.entities.some((e) => e.entity === "order_number")) return startOrderTask(ctx, "track_order");
  if (confident && !digression) {
    // "看看那个熊猫公仔", "show me the hoodie": browsing a product, not buying it yet.
    if (name === "place_order" && namesProduct(ctx, 0.45) && BROWSE.test(ctx.text.trim())) return productAnswer(ctx, "product_info");
    if (name === "place_order") {
      if (shown && !namesProduct(ctx, 0.45)) return startPlaceOrder(ctx, shown);
      // "I want to buy a gift under ¥200": choices first; the order starts from a card.
      if (!namesProduct(ctx) && hasConstraints(parseConstraints(ctx.text))) return productAnswer(ctx, "product_search");
      // "Can you gift wrap my order?" asks about a service; buying starts from a product.
      const service = !namesProduct(ctx, 0.45) && /[?？]|^(can|could|do|does|is|are) (you|i|they)\b|吗|能不能|可不可以/i.test(ctx.text);
      if (!service) return startPlaceOrder(ctx);
    }
    if (isOrderTask(name) && !prospective) {
      const task = startOrderTask(ctx, name);
      // "How long does a refund take?" with no order in sight: the policy answers it; the
      // order lookup stands ready for when they give a number.
      const noOrder = !ctx.nlu.entities.some((e) => e.entity === "order_number");
      const general = noOrder && ((isAnswerable(name) && !ctx.shopper.verified) || POLICY_QUESTION.test(ctx.text));
      if (!general) return task;
      const answer = await answerFromKnowledge(ctx, name);
      const lookup = await task;
      return answer ? { ...remembered(ctx, answer, name), replies: [...answer.replies, ...lookup.replies] } : lookup;
    }
  }
  if (!digression && ctx.nlu.entities.some((e) => e.entity === "order_number") && (!confident || name === "affirm")) return startOrderTask(ctx, "track_order");
  // A product reading that finds nothing may be a help question after all ("买一百块钱的东西包邮不").
  if (confident && kind === "product" && (name === "recommend" || searchProducts(ctx).length > 0 || !HELP_TOPIC.test(ctx.text))) return productAnswer(ctx, name);
  if (confident && kind === "social" && name !== "out_of_scope") {
    const small = smallTalk(ctx, name);
    if (small && !(digression && (name === "affirm" || name === "deny"))) return small;
  }
  if (asksWithinPrice(ctx) && searchProducts(ctx).length > 0) return productAnswer(ctx, "product_search");
  if (!(confident && name === "out_of_scope")) {
    // A prospective question reads the classifier's best topic that is not an order journey.
    const guess = nlu.intent_ranking.find((r) => r.confidence >= 0.15 && isAnswerable(r.name) && !(prospective && isOrderTask(r.name)));
    const likely = guess?.name;
    const sure = confident && !prospective;
    const second = nlu.intent_ranking[1];
    const also = sure && second && second.confidence >= 0.25 && isAnswerable(second.name) ? second.name : undefined;
    const answer = await answerFromKnowledge(ctx, sure ? name : undefined, { likely, also, trust: sure ? undefined : guess?.confidence });
    const about = sure ? name : likely;
    if (answer) return remembered(ctx, about && ABOUT_DISCOUNTS.has(about) ? withVipBenefits(ctx, answer) : answer, about);
  }
  if (isOffTopic(ctx) && nlu.intent.confidence >= 0.5) return smallTalk(ctx, "out_of_scope")!;
  if ((namesProduct(ctx, 0.45) || hasConstraints(parseConstraints(ctx.text))) && searchProducts(ctx).length > 0) return productAnswer(ctx, "product_search");
  if (confident && isOrderTask(name)) return startOrderTask(ctx, name);
  if (isOffTopic(ctx)) return smallTalk(ctx, "out_of_scope")!;
  const question = await clarify(ctx);
  if (question) return question;
  return { replies: [say(ctx.r.text("fallback"), [ctx.r.quickReplies(["qr_track", "qr_products", "qr_human"])])], fallback: true };
}

/** Keeps the help topic for follow-ups ("and with SF express?"). */
function remembered(ctx: TurnContext, answer: Outcome, intent: Intent | undefined, question = ctx.text): Outcome {
  ctx.state.topic.question = question.slice(0, 300);
  ctx.state.topic.intent = intent;
  ctx.state.topic.articleId = answer.articleId;
  ctx.state.topic.last = "help";
  return answer;
}

/** "Can I still change the address after it shipped?", "已经发货了还能改地址吗": a question about the rules, not yet a request. */
const POLICY_QUESTION = /^(can|could|may) (i|you|we)\b.*\?|^(is it possible|do you (allow|let)|am i able|what if|is there)\b|\b(after|once) (it|the order|the parcel|my order)?\s*(has |have |is |was )?(shipped|sent|dispatched|delivered)\b|能不能|可不可以|还能.*吗|可以.*吗|能.*吗|是否可以|怎么(取消|修改|改)|如何/i;

/** "If I order today…", "如果现在下单…", "今天下单的话": buying that has not happened yet. */
const HYPOTHETICAL = /\b(if|when) (i|we) (order|buy|purchase|pay|place (an|my|the) order|check ?out)\b|\bbefore (i|we) (order|buy)\b|如果.{0,6}(下单|购买|买|付款)|(今天|现在|明天|晚上).{0,4}(下单|购买|付款|买)的话|(下单|购买|付款)的话/i;

const namesProduct = (ctx: TurnContext, bar = STRONG_PRODUCT) => ctx.nlu.entities.some((e) => e.entity === "product" && (e.value as { score: number }).score >= bar);

/** "Skincare between 80 and 120", "100元以内的绿茶": a price range is a product search, whatever else the words suggest. */
function asksWithinPrice(ctx: TurnContext): boolean {
  const c = parseConstraints(ctx.text);
  return (c.maxPrice !== undefined || c.minPrice !== undefined) && (c.categories.length > 0 || c.gift || namesProduct(ctx, 0.3));
}

/**
 * "买3包芒果干", "2 of the mango please", "I'll take the hoodie": a named product with a
 * quantity or a buying verb, and not a question about it ("how much are 2 of the mango?").
 */
function wantsToBuy(ctx: TurnContext): boolean {
  if (!ctx.nlu.entities.some((e) => e.entity === "product" && (e.value as { score: number }).score >= 0.5)) return false;
  const t = ctx.text.trim();
  if (/[?？]|how much|多少钱|吗|呢|有没有|还有/i.test(t)) return false;
  const quantity = ctx.nlu.entities.some((e) => e.entity === "quantity");
  return (quantity && (BUY_CUE.test(t) || /^\s*(\d{1,3}|one|two|three|four|five|a couple)\b/i.test(t))) || BUY_VERB.test(t);
}

/** A coupon question that asks what there is, not how coupons work ("有优惠券吗" vs "优惠券怎么用"). */
const ASKS_FOR_COUPONS = /^(有|还有|有没有)(什么|哪些)?(优惠券|优惠卷|券|红包)[吗么嘛]?[?？]?$|我(还)?有.*(券|红包)[吗么嘛]?|我的(优惠券|券|红包)|(能|可以)用(哪|什么).*券|\bany (promo|coupon|discount|voucher)s?( codes?)?\b|\b(do|have) (you|i) (got |have )?any (coupon|voucher|promo|discount)|\b(my|which|what) (coupons|vouchers|promo codes)\b/i;

const TAKE_IT = /\b(i'?ll (take|get|buy|have) (it|one|that|this|them|\d+|two|three)|i want (it|that one|this one)|buy (it|that|this)|order (it|that|this)|add (it|this) to (my )?(cart|order)|sold)\b|要这个|要这款|就这个|就它了|买这个|买它|拍这个|下单这个|来[一两二三四五\d]+[个件盒包袋瓶双]?吧?$/i;
const BROWSE = /^(看看|看下|看一下|给我看看|让我看看|瞧瞧|介绍一下|show me|let me see|can i see|what about|tell me about)/i;
const BUY_CUE = /\b(please|pls|i'?ll take|i'?d like|i want|give me|get me|can i (get|have)|buy|order|purchase)\b|^(买|我要|我想要|我想买|来|给我来|帮我拿|拍|下单|订)/i;
const BUY_VERB = /^(i'?ll take|i'?ll have|i'?d like to (buy|order|get)|i'?d like (the|a|an|some|one|two|three)|i want (to (buy|order|purchase|get)|the|a|an|some|one|two|three)|i wanna (buy|order|get)|buy|order|purchase|add)\b|^(我要买|我想买|买|给我来|来[一两二三四五六七八九十\d]|帮我下单|下单|我要下单)/i;

/**
 * Recognisably off-topic ("who won the football?", "tell me a joke"): a polite answer, not a
 * miss. What the bot could not read at all, or a shop question it has no answer for, is a
 * miss: it counts toward a handoff and is recorded as a knowledge gap.
 */
function isOffTopic(ctx: TurnContext): boolean {
  if (SHOP_WORDS.test(ctx.text)) return false;
  const { name, confidence } = ctx.nlu.intent;
  return (name === "out_of_scope" && confidence >= 0.3) || (kindOf(name) === "social" && confidence >= 0.5);
}

const HELP_TOPIC = /\b(ship|shipping|delivery|deliver|return|refund|invoice|coupon|payment|postage|exchange)\w*|运费|邮费|包邮|快递|退|发票|优惠券|付款|支付|换货|发货/i;
const SHOP_WORDS = /\b(order|ship|deliver|return|refund|invoice|coupon|pay|account|password|parcel|package|price|stock|size|offer|sell|engrav|wrap|store|shop|branch|pick ?up|warehouse|open(ing)? hours)\w*|订单|发货|快递|退|发票|优惠|付款|支付|账号|密码|包裹|价格|库存|尺码|包装|刻字|门店|实体店|店铺|自提|营业/i;
