import { kindOf } from "../nlu/intents.ts";
import type { ProductView } from "../ports.ts";
import type { TurnContext } from "./context.ts";

/**
 * Follow-ups lean on the previous turn: "and with SF express?", "what about bank cards?",
 * "那普通快递呢？", "银行卡呢" carry on the last help topic; "are they in stock?", "how much
 * is it?", "还有货吗？" ask about the products last shown. A message that names its own
 * topic (a product, or a confident help question with words of its own) switches topic.
 */
export function isEllipsis(text: string): boolean {
  const t = text.trim();
  if (ELLIPSIS_EN.test(t) && words(t) <= 8) return true;
  const han = (t.match(/\p{Script=Han}/gu) ?? []).length;
  return han > 0 && han <= 12 && ELLIPSIS_ZH.test(t);
}

/** The products a message asks about without naming them, or null when it is not such a follow-up. */
export function productsReferredTo(ctx: TurnContext): ProductView[] | null {
  const ids = ctx.state.topic.productIds;
  if (ids.length === 0 || ctx.state.topic.last !== "product") return null;
  if (ctx.nlu.entities.some((e) => e.entity === "product" || e.entity === "order_number")) return null;
  const t = ctx.text.trim();
  if (!(ASKS_PRICE.test(t) || ASKS_STOCK.test(t) || ASKS_DETAIL.test(t))) return null;
  const short = words(t) <= 6 || (t.match(/\p{Script=Han}/gu) ?? []).length <= 8;
  const { name, confidence } = ctx.nlu.intent;
  // "How much is shipping?" after a product is a help question of its own.
  const ownTopic = kindOf(name) === "help" && confidence >= 0.5 && HELP_WORDS.test(t);
  if (ownTopic || !(PRONOUN.test(t) || short)) return null;
  const products = ids.map((id) => ctx.catalog.find((p) => p.id === id)).filter((p): p is ProductView => Boolean(p));
  return products.length ? products : null;
}

const words = (t: string) => (t.match(/[A-Za-z']+/g) ?? []).length;

const ELLIPSIS_EN = /^(and|what about|how about|also|or|same for|what if|plus|and if|then)\b|^(with|for|to|by|via|using) [\w\s]+\??$/i;
const ELLIPSIS_ZH = /^(那|那么|还有|另外|如果|要是|换成|用)|呢[？?。!！~]*$/;
const ASKS_PRICE = /\b(how much|price|prices|cost|costs|expensive|cheap)\b|多少钱|价格|价钱|几块|多少一|贵不贵|贵吗/i;
const ASKS_STOCK = /\b(in stock|available|availability|sold out|any left|still have|stock)\b|有货|还有吗|还有没有|现货|库存|卖完|售罄|缺货|没货/i;
const ASKS_DETAIL = /\b(tell me (more )?about (it|them|this|that)|more (info|details)|details?|what is it|describe|size|sizes|ports?|how big|material|made of|weight)\b|介绍|详情|几个口|多大|尺寸|材质|怎么样|好用吗|什么做的|规格/i;
const PRONOUN = /\b(it|they|them|this|that|these|those|one)\b|它|这个|那个|这款|那款|这些|那些/i;
const HELP_WORDS = /\b(ship|shipping|delivery|deliver|return|refund|invoice|coupon|pay|payment|postage)\w*|运费|邮费|快递|退|发票|优惠|付款|支付|包邮/i;
