import type { Intent } from "../nlu/intents.ts";
import type { Block } from "../render.ts";
import { say, type Outcome, type TurnContext } from "./context.ts";

/**
 * Below this retrieval score an article is not an answer; the bot asks or offers a person.
 * With the intent's topic words to confirm the match a lower bar is enough; on the words
 * alone, most of the question must be covered ("do you offer gift wrapping?" must not be
 * answered by a passage that merely contains "offer").
 */
export const MIN_ANSWER_SCORE = 0.3;
export const MIN_UNHINTED_SCORE = 0.45;

/** Words that steer retrieval toward the topic of an intent, whatever the merchant's articles are called. */
const TOPIC_HINTS: Partial<Record<Intent, { en: string; "zh-CN": string }>> = {
  delivery_options: { en: "shipping options courier express delivery methods", "zh-CN": "配送方式 快递 顺丰 运费" },
  delivery_period: { en: "delivery time how long days arrive", "zh-CN": "配送时效 几天 送达 发货时间" },
  check_refund_policy: { en: "return policy returns refund conditions", "zh-CN": "退货 退换货 无理由 退货政策" },
  get_refund: { en: "refund money back original payment", "zh-CN": "退款 原路退回 到账" },
  track_refund: { en: "refund status how long refund arrives business days", "zh-CN": "退款 到账 多久 进度" },
  check_cancellation_fee: { en: "cancel order cancellation fee free", "zh-CN": "取消订单 手续费 免费取消" },
  cancel_order: { en: "cancel order before shipping", "zh-CN": "取消订单 发货前" },
  change_order: { en: "change order items edit before shipping", "zh-CN": "修改订单 商品 发货前" },
  change_shipping_address: { en: "change shipping address before shipping", "zh-CN": "修改地址 收货地址 发货前" },
  set_up_shipping_address: { en: "add shipping address account address book", "zh-CN": "收货地址 添加地址 新增" },
  check_payment_methods: { en: "payment methods accepted cards alipay wechat pay", "zh-CN": "支付方式 微信支付 支付宝 银行卡" },
  payment_issue: { en: "payment failed declined charged twice problem", "zh-CN": "支付失败 扣款 重复扣款 付款问题" },
  get_invoice: { en: "invoice request issue receipt vat", "zh-CN": "发票 开具 电子发票 专用发票 抬头" },
  check_invoice: { en: "invoice view download find details", "zh-CN": "发票 查看 下载 税号 金额" },
  price_protection: { en: "price protection price drop difference refund", "zh-CN": "价格保护 价保 降价 差价" },
  coupon: { en: "coupon voucher code promo how to use", "zh-CN": "优惠券 使用 满减 券" },
  promotions: { en: "promotions sale discount deals events", "zh-CN": "优惠 活动 促销 折扣" },
  create_account: { en: "create account sign up register", "zh-CN": "注册 账户 创建账号" },
  delete_account: { en: "delete account close", "zh-CN": "注销 删除账户" },
  edit_account: { en: "edit account profile details update", "zh-CN": "修改 账户 资料 个人信息" },
  recover_password: { en: "forgot password reset recover", "zh-CN": "忘记密码 重置密码 找回" },
  registration_problems: { en: "registration problem sign up error verification code", "zh-CN": "注册 问题 验证码 注册不了" },
  switch_account: { en: "switch account log out another account", "zh-CN": "切换账号 退出登录" },
  newsletter_subscription: { en: "newsletter subscribe unsubscribe emails", "zh-CN": "订阅 邮件 退订 newsletter" },
  track_order: { en: "track order tracking status courier", "zh-CN": "物流 查询 快递单号 订单跟踪" },
  review: { en: "review feedback rate", "zh-CN": "评价 反馈" },
  contact_customer_service: { en: "contact customer service hours phone email", "zh-CN": "联系客服 客服时间 电话" },
};

/** Answers from the merchant's help center with the best passage and a citation, or null. */
export async function answerFromKnowledge(ctx: TurnContext, intent?: Intent): Promise<Outcome | null> {
  const hint = intent ? TOPIC_HINTS[intent]?.[ctx.r.locale] : undefined;
  const passages = await ctx.ports.knowledge.search(ctx.merchant.id, ctx.r.locale, { text: ctx.text, hint }, 3);
  const best = passages[0];
  if (!best || best.score < (hint ? MIN_ANSWER_SCORE : MIN_UNHINTED_SCORE)) return null;
  const blocks: Block[] = [{ type: "citation", articleId: best.articleId, title: best.title, url: best.url }];
  return { replies: [say(`${ctx.r.text("answer_intro", { title: best.title })}\n${best.text}`, blocks)], articleId: best.articleId };
}

/** Offers the closest articles as choices when no single one is a confident answer. */
export async function clarify(ctx: TurnContext): Promise<Outcome | null> {
  const passages = await ctx.ports.knowledge.search(ctx.merchant.id, ctx.r.locale, { text: ctx.text }, 6);
  const titles = [...new Set(passages.filter((p) => p.score >= MIN_ANSWER_SCORE / 3).map((p) => p.title))].slice(0, 3);
  if (titles.length === 0) return null;
  const options = [...titles.map((title) => ({ label: title, text: title })), { label: ctx.r.text("offer_human"), text: ctx.r.text("qr_human") }];
  return { replies: [say(ctx.r.text("clarify"), [{ type: "quick_replies", options }])], fallback: true };
}

/** Product cards for what the shopper is looking for: catalog matches first, then name/tag search. */
export function findProducts(ctx: TurnContext, limit = 4) {
  const found = ctx.nlu.entities.filter((e) => e.entity === "product").map((e) => e.value as { id: string; score: number });
  // Only the close contenders: "phone cases" should not bring every phone accessory.
  const bar = (found[0]?.score ?? 0) * 0.75;
  const matched = found
    .filter((v) => v.score >= bar)
    .map((v) => ctx.catalog.find((p) => p.id === v.id))
    .filter((p): p is NonNullable<typeof p> => p !== undefined && p.status === "active");
  return matched.slice(0, limit);
}

export function productAnswer(ctx: TurnContext, intent: Intent): Outcome {
  const { r } = ctx;
  let products = findProducts(ctx);
  if (intent === "recommend" && products.length === 0) {
    products = ctx.catalog.filter((p) => p.status === "active" && p.stock > 5).slice(0, 4);
    return { replies: [say(r.text("recommend"), [{ type: "products", items: products.map((p) => r.productCard(p)) }])] };
  }
  if (products.length === 0) return { replies: [say(r.text("product_none"), [r.quickReplies(["qr_products", "qr_human"])])], fallback: true };
  if (intent === "product_info" && products.length >= 1) {
    const p = products[0]!;
    const text = r.text("product_detail", { name: r.name(p.name), price: r.money(p.price), description: r.name(p.description) });
    return { replies: [say(text, [{ type: "products", items: [r.productCard(p)] }])] };
  }
  const text = products.length === 1 ? r.text("product_found_one") : r.text("product_found_other", { count: products.length });
  return { replies: [say(text, [{ type: "products", items: products.map((p) => r.productCard(p)) }])] };
}

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
      return { replies: [say(r.text("out_of_scope"), [r.quickReplies(["qr_track", "qr_products", "qr_returns", "qr_human"])])], fallback: true };
    default:
      return null;
  }
}
