import { LOCALES, type Locale } from "../locales/locales.ts";

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
 * - `privacy`: the shopper's data rights (see, copy or erase what the shop holds about them): the privacy journey.
 */
export type IntentKind = "order_task" | "place_order" | "help" | "product" | "social" | "handoff" | "promo" | "privacy";

export interface IntentDefinition {
  kind: IntentKind;
  /** The readable name people see (console topics, dashboard top intents), per language. */
  label: Record<Locale, string>;
  /** Topic words per language for retrieval; they steer ranking, never decide it alone. */
  hints?: Record<Locale, string>;
  /** The help center can also answer it in general terms (an order task asked as a question). */
  answerable?: boolean;
  /**
   * A narrower case of another intent that the dialogue router tells apart (bot/dialogue/route.ts)
   * in languages where the classifier has no examples of its own for it: in Chinese, "有优惠券吗"
   * is `coupon` to the classifier and the shopper's coupon list to the router.
   */
  refines?: string;
}

const DEFINITIONS = {
  // The 27 common customer-service intents of the contract.
  cancel_order: { kind: "order_task", label: { en: "Cancel an order", "zh-CN": "取消订单" }, hints: { en: "cancel order before shipping", "zh-CN": "取消订单 发货前" } },
  change_order: { kind: "order_task", label: { en: "Change an order", "zh-CN": "修改订单" }, hints: { en: "change order items edit before shipping", "zh-CN": "修改订单 商品 发货前" } },
  place_order: { kind: "place_order", label: { en: "Place an order", "zh-CN": "下单" } },
  track_order: { kind: "order_task", label: { en: "Track an order", "zh-CN": "查询物流" }, hints: { en: "track order tracking status courier", "zh-CN": "物流 查询 快递单号 订单跟踪" } },
  change_shipping_address: { kind: "order_task", label: { en: "Change shipping address", "zh-CN": "修改收货地址" }, hints: { en: "change shipping address before shipping", "zh-CN": "修改地址 收货地址 发货前" } },
  set_up_shipping_address: { kind: "help", label: { en: "Set up a shipping address", "zh-CN": "设置收货地址" }, hints: { en: "add shipping address account address book", "zh-CN": "收货地址 添加地址 新增" } },
  check_cancellation_fee: { kind: "help", label: { en: "Cancellation fee", "zh-CN": "取消费用" }, hints: { en: "cancel order cancellation fee free", "zh-CN": "取消订单 手续费 免费取消" } },
  delivery_options: { kind: "help", label: { en: "Delivery options", "zh-CN": "配送方式" }, hints: { en: "shipping options courier express delivery fee", "zh-CN": "配送方式 快递 顺丰 运费 包邮" } },
  delivery_period: { kind: "help", label: { en: "Delivery time", "zh-CN": "配送时效" }, hints: { en: "delivery time how long days arrive", "zh-CN": "配送时效 几天 送达 发货时间" } },
  get_refund: { kind: "order_task", label: { en: "Get a refund", "zh-CN": "申请退款" }, answerable: true, hints: { en: "refund money back original payment", "zh-CN": "退款 原路退回 到账" } },
  track_refund: { kind: "order_task", label: { en: "Refund status", "zh-CN": "退款进度" }, answerable: true, hints: { en: "refund status how long refund arrives business days", "zh-CN": "退款 到账 多久 进度" } },
  check_refund_policy: { kind: "help", label: { en: "Return and refund policy", "zh-CN": "退换货政策" }, hints: { en: "return policy returns exchange conditions no-reason", "zh-CN": "退货 退换货 无理由 退货政策" } },
  get_invoice: { kind: "help", label: { en: "Get an invoice", "zh-CN": "开具发票" }, hints: { en: "invoice request issue receipt vat", "zh-CN": "发票 开具 电子发票 专用发票 抬头" } },
  check_invoice: { kind: "help", label: { en: "Check an invoice", "zh-CN": "查看发票" }, hints: { en: "invoice view download find details", "zh-CN": "发票 查看 下载 税号 金额" } },
  check_payment_methods: { kind: "help", label: { en: "Payment methods", "zh-CN": "支付方式" }, hints: { en: "payment methods accepted cards alipay wechat pay", "zh-CN": "支付方式 微信支付 支付宝 银行卡" } },
  payment_issue: { kind: "help", label: { en: "Payment problem", "zh-CN": "支付问题" }, hints: { en: "payment failed declined charged twice problem", "zh-CN": "支付失败 扣款 重复扣款 付款问题" } },
  complaint: { kind: "handoff", label: { en: "Complaint", "zh-CN": "投诉" } },
  review: { kind: "help", label: { en: "Review", "zh-CN": "评价" }, hints: { en: "review feedback rate", "zh-CN": "评价 反馈" } },
  contact_customer_service: { kind: "help", label: { en: "Contact customer service", "zh-CN": "联系客服" }, hints: { en: "contact customer service hours phone email", "zh-CN": "联系客服 客服时间 电话" } },
  contact_human_agent: { kind: "handoff", label: { en: "Asks for a person", "zh-CN": "要求人工客服" } },
  create_account: { kind: "help", label: { en: "Create an account", "zh-CN": "注册账户" }, hints: { en: "create account sign up register", "zh-CN": "注册 账户 创建账号" } },
  delete_account: { kind: "help", label: { en: "Delete account", "zh-CN": "注销账户" }, hints: { en: "delete account close", "zh-CN": "注销 删除账户" } },
  edit_account: { kind: "help", label: { en: "Edit account", "zh-CN": "修改账户资料" }, hints: { en: "edit account profile details update", "zh-CN": "修改 账户 资料 个人信息" } },
  recover_password: { kind: "help", label: { en: "Recover password", "zh-CN": "找回密码" }, hints: { en: "forgot password reset recover", "zh-CN": "忘记密码 重置密码 找回" } },
  registration_problems: { kind: "help", label: { en: "Registration problem", "zh-CN": "注册问题" }, hints: { en: "registration problem sign up error verification code", "zh-CN": "注册 问题 验证码 注册不了" } },
  switch_account: { kind: "help", label: { en: "Switch account", "zh-CN": "切换账户" }, hints: { en: "switch account log out another account", "zh-CN": "切换账号 退出登录" } },
  newsletter_subscription: { kind: "help", label: { en: "Newsletter", "zh-CN": "订阅邮件" }, hints: { en: "newsletter subscribe unsubscribe emails", "zh-CN": "订阅 邮件 退订 newsletter" } },
  // The bot's own.
  greet: { kind: "social", label: { en: "Greeting", "zh-CN": "问候" } },
  goodbye: { kind: "social", label: { en: "Goodbye", "zh-CN": "告别" } },
  thanks: { kind: "social", label: { en: "Thanks", "zh-CN": "致谢" } },
  affirm: { kind: "social", label: { en: "Yes", "zh-CN": "确认" } },
  deny: { kind: "social", label: { en: "No", "zh-CN": "否定" } },
  product_search: { kind: "product", label: { en: "Product search", "zh-CN": "找商品" } },
  product_info: { kind: "product", label: { en: "Product question", "zh-CN": "商品咨询" } },
  recommend: { kind: "product", label: { en: "Recommendation", "zh-CN": "推荐商品" } },
  promotions: { kind: "help", label: { en: "Promotions", "zh-CN": "优惠活动" }, hints: { en: "promotions sale discount deals events", "zh-CN": "优惠 活动 促销 折扣" } },
  coupon: { kind: "help", label: { en: "Coupons", "zh-CN": "优惠券" }, hints: { en: "coupon voucher code promo how to use", "zh-CN": "优惠券 使用 满减 券" } },
  my_coupons: { kind: "promo", refines: "coupon", label: { en: "My coupons", "zh-CN": "我的优惠券" } },
  privacy_request: { kind: "privacy", label: { en: "Data request (access or erasure)", "zh-CN": "个人信息请求（查阅或删除）" } },
  price_protection: { kind: "help", label: { en: "Price protection", "zh-CN": "价格保护" }, hints: { en: "price protection price drop difference refund", "zh-CN": "价格保护 价保 降价 差价" } },
  out_of_scope: { kind: "social", label: { en: "Out of scope", "zh-CN": "超出范围" } },
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

/** The intent's readable name in one language; an unknown name (an old row) is shown as it is. */
export const intentLabel = (name: string, locale: Locale): string => (isIntent(name) ? DEFINITIONS[name].label[locale] : name);

/** The readable name in every language, for pages that switch language themselves. */
export const intentLabels = (name: string): Record<Locale, string> =>
  Object.fromEntries(LOCALES.map((l) => [l, intentLabel(name, l)])) as Record<Locale, string>;

export const topicHint = (name: Intent, locale: Locale): string | undefined => (DEFINITIONS[name] as IntentDefinition).hints?.[locale];

/** Where an intent's training examples are written (relative to knowledge/). */
export const examplesPath = (name: Intent, locale: Locale) => `intents/${locale}/${name}.txt`;
