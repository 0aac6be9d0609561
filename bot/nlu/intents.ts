/**
 * One definition per intent: its name (the contract's), what kind of request it is (which
 * decides the handler the engine gives it), the words that steer help-center retrieval
 * toward its topic in each language, and where its training examples live
 * (knowledge/intents/<locale>/<name>.txt). Every list the engine, the model router and
 * the answer composer need is derived from this table, so a new intent is added here once.
 */

/**
 * - `order_task`: needs one of the shopper's orders (track, cancel, change, refund): an order form.
 * - `place_order`: buying: the order-placing form.
 * - `help`: answered from the help center.
 * - `product`: answered from the catalog.
 * - `social`: greetings, thanks, yes/no, chit-chat: a polite reply, never a miss.
 * - `handoff`: asks for a person or complains: the handoff rules.
 * - `promo`: the shopper's own promotions (their usable coupons): listed from the shop's data.
 */
export type IntentKind = "order_task" | "place_order" | "help" | "product" | "social" | "handoff" | "promo";

export interface IntentDefinition {
  kind: IntentKind;
  /** Topic words per language for retrieval; they steer ranking, never decide it alone. */
  hints?: { en: string; "zh-CN": string };
  /** The help center can also answer it in general terms (an order task asked as a question). */
  answerable?: boolean;
}

const DEFINITIONS = {
  // The 27 common customer-service intents of the contract.
  cancel_order: { kind: "order_task", hints: { en: "cancel order before shipping", "zh-CN": "取消订单 发货前" } },
  change_order: { kind: "order_task", hints: { en: "change order items edit before shipping", "zh-CN": "修改订单 商品 发货前" } },
  place_order: { kind: "place_order" },
  track_order: { kind: "order_task", hints: { en: "track order tracking status courier", "zh-CN": "物流 查询 快递单号 订单跟踪" } },
  change_shipping_address: { kind: "order_task", hints: { en: "change shipping address before shipping", "zh-CN": "修改地址 收货地址 发货前" } },
  set_up_shipping_address: { kind: "help", hints: { en: "add shipping address account address book", "zh-CN": "收货地址 添加地址 新增" } },
  check_cancellation_fee: { kind: "help", hints: { en: "cancel order cancellation fee free", "zh-CN": "取消订单 手续费 免费取消" } },
  delivery_options: { kind: "help", hints: { en: "shipping options courier express delivery fee", "zh-CN": "配送方式 快递 顺丰 运费 包邮" } },
  delivery_period: { kind: "help", hints: { en: "delivery time how long days arrive", "zh-CN": "配送时效 几天 送达 发货时间" } },
  get_refund: { kind: "order_task", answerable: true, hints: { en: "refund money back original payment", "zh-CN": "退款 原路退回 到账" } },
  track_refund: { kind: "order_task", answerable: true, hints: { en: "refund status how long refund arrives business days", "zh-CN": "退款 到账 多久 进度" } },
  check_refund_policy: { kind: "help", hints: { en: "return policy returns exchange conditions no-reason", "zh-CN": "退货 退换货 无理由 退货政策" } },
  get_invoice: { kind: "help", hints: { en: "invoice request issue receipt vat", "zh-CN": "发票 开具 电子发票 专用发票 抬头" } },
  check_invoice: { kind: "help", hints: { en: "invoice view download find details", "zh-CN": "发票 查看 下载 税号 金额" } },
  check_payment_methods: { kind: "help", hints: { en: "payment methods accepted cards alipay wechat pay", "zh-CN": "支付方式 微信支付 支付宝 银行卡" } },
  payment_issue: { kind: "help", hints: { en: "payment failed declined charged twice problem", "zh-CN": "支付失败 扣款 重复扣款 付款问题" } },
  complaint: { kind: "handoff" },
  review: { kind: "help", hints: { en: "review feedback rate", "zh-CN": "评价 反馈" } },
  contact_customer_service: { kind: "help", hints: { en: "contact customer service hours phone email", "zh-CN": "联系客服 客服时间 电话" } },
  contact_human_agent: { kind: "handoff" },
  create_account: { kind: "help", hints: { en: "create account sign up register", "zh-CN": "注册 账户 创建账号" } },
  delete_account: { kind: "help", hints: { en: "delete account close", "zh-CN": "注销 删除账户" } },
  edit_account: { kind: "help", hints: { en: "edit account profile details update", "zh-CN": "修改 账户 资料 个人信息" } },
  recover_password: { kind: "help", hints: { en: "forgot password reset recover", "zh-CN": "忘记密码 重置密码 找回" } },
  registration_problems: { kind: "help", hints: { en: "registration problem sign up error verification code", "zh-CN": "注册 问题 验证码 注册不了" } },
  switch_account: { kind: "help", hints: { en: "switch account log out another account", "zh-CN": "切换账号 退出登录" } },
  newsletter_subscription: { kind: "help", hints: { en: "newsletter subscribe unsubscribe emails", "zh-CN": "订阅 邮件 退订 newsletter" } },
  // The bot's own.
  greet: { kind: "social" },
  goodbye: { kind: "social" },
  thanks: { kind: "social" },
  affirm: { kind: "social" },
  deny: { kind: "social" },
  product_search: { kind: "product" },
  product_info: { kind: "product" },
  recommend: { kind: "product" },
  promotions: { kind: "help", hints: { en: "promotions sale discount deals events", "zh-CN": "优惠 活动 促销 折扣" } },
  coupon: { kind: "help", hints: { en: "coupon voucher code promo how to use", "zh-CN": "优惠券 使用 满减 券" } },
  my_coupons: { kind: "promo" },
  price_protection: { kind: "help", hints: { en: "price protection price drop difference refund", "zh-CN": "价格保护 价保 降价 差价" } },
  out_of_scope: { kind: "social" },
} as const satisfies Record<string, IntentDefinition>;

export type Intent = keyof typeof DEFINITIONS;

/** The intent names of the contract, in the contract's order (the common set first). */
export const INTENTS = Object.keys(DEFINITIONS) as Intent[];

const known = new Set<string>(INTENTS);
export const isIntent = (name: string): name is Intent => known.has(name);

export function intentDefinition(name: Intent): IntentDefinition {
  return DEFINITIONS[name];
}

export const kindOf = (name: Intent): IntentKind => DEFINITIONS[name].kind;

/** The order journeys that need one of the shopper's orders. */
export type OrderTaskIntent = { [K in Intent]: (typeof DEFINITIONS)[K]["kind"] extends "order_task" ? K : never }[Intent];
export const isOrderTask = (name: Intent): name is OrderTaskIntent => kindOf(name) === "order_task";

/** Questions the help center can answer (help topics, and order tasks asked in general). */
export const isAnswerable = (name: Intent): boolean => {
  const d: IntentDefinition = DEFINITIONS[name];
  return d.kind === "help" || d.answerable === true;
};

export const topicHint = (name: Intent, locale: "en" | "zh-CN"): string | undefined => (DEFINITIONS[name] as IntentDefinition).hints?.[locale];

/** Where an intent's training examples are written (relative to knowledge/). */
export const examplesPath = (name: Intent, locale: "en" | "zh-CN") => `intents/${locale}/${name}.txt`;
