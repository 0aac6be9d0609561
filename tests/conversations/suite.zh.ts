import type { Conversation } from "./types.ts";

const address = "浙江省杭州市西湖区文三路90号3幢502";

/**
 * Chinese conversations as shoppers write them on Taobao/JD-style chats: short, elliptical
 * follow-ups (那…呢？), colloquial particles, English brand words, numbers in digits or
 * characters. Expectations are facts of the demo shop and what should happen.
 */
export const chineseSuite: Conversation[] = [
  // ── 运费、快递、时效 ───────────────────────────────────────────────────────
  { id: "zh-ship-fee-threshold", locale: "zh-CN", turns: [["运费多少？满多少包邮？", { has: ["¥8", "¥99"] }]] },
  { id: "zh-ship-baoyou", locale: "zh-CN", turns: [["包邮吗", { has: ["¥99"] }]] },
  { id: "zh-ship-sf-then-normal", locale: "zh-CN", turns: [["顺丰要加钱吗", { has: ["¥18"] }], ["那普通快递呢？", { has: ["¥8"] }]] },
  { id: "zh-ship-couriers", locale: "zh-CN", turns: [["你们发什么快递", { has: ["中通", "顺丰"] }]] },
  { id: "zh-ship-time-shanghai", locale: "zh-CN", turns: [["发上海几天能到", { has: ["1–2 天"] }]] },
  { id: "zh-ship-time-followup", locale: "zh-CN", turns: [["寄到成都要多久啊", { has: ["2–4 天"] }], ["顺丰呢", { has: ["1–3 天"] }]] },
  { id: "zh-ship-remote", locale: "zh-CN", turns: [["新疆能发吗？运费怎么算", { has: ["¥15"] }]] },
  { id: "zh-ship-hk", locale: "zh-CN", turns: [["可以寄到香港吗", { any: ["港澳台", "中国大陆"] }]] },
  { id: "zh-ship-dispatch", locale: "zh-CN", turns: [["今天下单今天能发货吗", { any: ["16:00", "当天"] }]] },
  { id: "zh-ship-late", locale: "zh-CN", turns: [["快递好几天都没动静了怎么办", { any: ["48 小时", "3 天", "订单号"] }]] },
  { id: "zh-ship-fee-typo", locale: "zh-CN", turns: [["邮费怎么算的", { has: ["¥8"] }]] },
  { id: "zh-ship-greet-then", locale: "zh-CN", turns: [["你好"], ["买一百块钱的东西包邮不", { has: ["¥99"] }], ["好的谢谢"]] },

  // ── 退货退款 ──────────────────────────────────────────────────────────────
  { id: "zh-return-tshirt", locale: "zh-CN", turns: [["T恤买大了能退吗？收到五天了", { has: ["7 天"], any: ["未使用", "吊牌"] }]] },
  { id: "zh-return-policy", locale: "zh-CN", turns: [["你们支持七天无理由吗", { has: ["7 天"] }]] },
  { id: "zh-return-food", locale: "zh-CN", turns: [["茶叶拆开了还能退吗", { any: ["已拆封", "拆封"] }]] },
  { id: "zh-return-broken", locale: "zh-CN", turns: [["收到的杯子是碎的", { any: ["15 天", "换新", "照片"] }]] },
  { id: "zh-return-postage", locale: "zh-CN", turns: [["退货运费谁出", { any: ["运费险", "买家承担", "¥10"] }]] },
  { id: "zh-refund-time", locale: "zh-CN", turns: [["退款多久到账", { any: ["1–3 个工作日", "48 小时"] }], ["银行卡呢", { has: ["3–7"] }]] },
  { id: "zh-refund-wechat", locale: "zh-CN", turns: [["退到微信要几天", { has: ["1–3 个工作日"] }]] },
  { id: "zh-exchange", locale: "zh-CN", turns: [["卫衣尺码小了可以换大一码吗", { any: ["换货", "尺码", "7 天"] }]] },
  { id: "zh-refund-where", locale: "zh-CN", turns: [["退款是退到哪里", { has: ["原路退回"] }]] },

  // ── 支付、优惠券、发票、价保 ──────────────────────────────────────────────
  { id: "zh-pay-methods", locale: "zh-CN", turns: [["可以用什么付款", { has: ["微信支付", "支付宝"] }]] },
  { id: "zh-pay-huabei", locale: "zh-CN", turns: [["能用花呗吗", { has: ["花呗"] }]] },
  { id: "zh-pay-cod", locale: "zh-CN", turns: [["支持货到付款不", { has: ["货到付款"] }]] },
  { id: "zh-pay-double", locale: "zh-CN", turns: [["付了两次钱怎么办", { any: ["重复扣款", "1–3 个工作日"] }]] },
  { id: "zh-coupon-stack", locale: "zh-CN", turns: [["优惠券能叠加吗", { any: ["一张", "叠加"] }]] },
  { id: "zh-coupon-new", locale: "zh-CN", turns: [["新人有优惠吗", { any: ["¥10", "新人券"] }]] },
  { id: "zh-coupon-expired", locale: "zh-CN", turns: [["优惠券过期了还能用吗", { any: ["过期", "延期"] }]] },
  { id: "zh-pp", locale: "zh-CN", turns: [["买了没两天就降价了，能退差价吗", { has: ["7 天"] }]] },
  { id: "zh-pp-live", locale: "zh-CN", turns: [["直播间的价格保价吗", { any: ["直播", "不"] }]] },
  { id: "zh-invoice", locale: "zh-CN", turns: [["能开发票吗", { any: ["增值税电子普通发票", "发票"] }]] },
  { id: "zh-invoice-special", locale: "zh-CN", turns: [["我们公司要开增值税专用发票，需要提供什么", { has: ["纳税人识别号"] }]] },
  { id: "zh-invoice-when", locale: "zh-CN", turns: [["发票多久能开出来", { has: ["3 个工作日"] }]] },
  { id: "zh-invoice-followup", locale: "zh-CN", turns: [["开普票要多久", { has: ["3 个工作日"] }], ["那专票呢", { has: ["7 个工作日"] }]] },
  { id: "zh-promo", locale: "zh-CN", turns: [["最近有什么活动吗", { any: ["618", "双11", "直播"] }]] },

  // ── 账户 ──────────────────────────────────────────────────────────────────
  { id: "zh-acct-password", locale: "zh-CN", turns: [["密码忘了咋办", { any: ["忘记密码", "验证码"] }]] },
  { id: "zh-acct-delete", locale: "zh-CN", turns: [["怎么注销账号", { has: ["15 天"] }]] },
  { id: "zh-acct-unsub", locale: "zh-CN", turns: [["别再给我发营销短信了", { any: ["TD", "退订"] }]] },
  { id: "zh-acct-phone", locale: "zh-CN", turns: [["换手机号了怎么改绑", { any: ["账户安全", "验证码"] }]] },

  // ── 订单：取消、修改、查询 ────────────────────────────────────────────────
  { id: "zh-cancel-fee", locale: "zh-CN", turns: [["取消订单要手续费吗", { any: ["不收取", "免费", "无需", "没有手续费", "全额退款"] }]] },
  { id: "zh-track", locale: "zh-CN", orders: [{ number: "LL500201", status: "shipped", email: "mei@example.com" }], turns: [["我的快递到哪了", { has: ["订单号"] }], ["LL500201", { any: ["邮箱", "手机号"] }], ["mei@example.com", { has: ["LL500201", "已发货"] }]] },
  { id: "zh-cancel-order", locale: "zh-CN", orders: [{ number: "LL500202", status: "paid", email: "wu@example.com" }], turns: [["帮我取消订单 LL500202", { any: ["邮箱", "手机号"] }], ["wu@example.com", { has: ["LL500202"] }], ["确认", { has: ["已取消"] }]] },
  { id: "zh-address-after-ship", locale: "zh-CN", turns: [["已经发货了还能改地址吗", { any: ["发货前", "无法", "不能"] }]] },

  // ── 商品：条件搜索、追问 ──────────────────────────────────────────────────
  { id: "zh-prod-greentea-under", locale: "zh-CN", turns: [["100元以内的绿茶", { products: ["TEA-002"], noProducts: ["TEA-001"] }]] },
  { id: "zh-prod-gift-tea", locale: "zh-CN", turns: [["推荐一款适合送礼的茶", { products: ["TEA-001"], noProducts: ["SNK-002", "SOCK-001", "CBL-001"] }]] },
  { id: "zh-prod-stock-followup", locale: "zh-CN", turns: [["有普洱吗", { products: ["TEA-003"] }], ["还有货吗？", { any: ["仅剩 3", "3 件", "剩 3", "库存"] }]] },
  { id: "zh-prod-price-followup", locale: "zh-CN", turns: [["看看那个熊猫公仔", { products: ["TOY-002"] }], ["多少钱", { has: ["89"] }]] },
  { id: "zh-prod-case-under", locale: "zh-CN", turns: [["45块以下的手机壳", { products: ["CASE-001"], noProducts: ["CASE-002"] }]] },
  { id: "zh-prod-earbuds", locale: "zh-CN", turns: [["降噪耳机多少钱", { has: ["299"], products: ["AUD-001"] }]] },
  { id: "zh-prod-mixed-en", locale: "zh-CN", turns: [["有没有iphone 15的case", { products: ["CASE-001"] }]] },
  { id: "zh-prod-skincare-between", locale: "zh-CN", turns: [["80到120之间的护肤品", { products: ["SKIN-002"], noProducts: ["SKIN-001", "SKIN-003"] }]] },
  { id: "zh-prod-snack-under", locale: "zh-CN", turns: [["40块以下的零食有啥", { products: ["SNK-002"], noProducts: ["SNK-003", "SNK-001"] }]] },
  { id: "zh-prod-moon-soldout", locale: "zh-CN", turns: [["月球灯还有吗", { products: ["LAMP-001"], any: ["售罄", "缺货", "没货"] }]] },
  { id: "zh-prod-charger", locale: "zh-CN", turns: [["有快充充电器吗", { products: ["CHG-001"] }], ["几个口", { any: ["USB-C", "三口", "2个"] }]] },
  { id: "zh-prod-giftwrap", locale: "zh-CN", turns: [["可以帮忙礼品包装吗", { not: ["为您找到"] }]] },
  { id: "zh-prod-gift-budget", locale: "zh-CN", turns: [["想给男朋友买个礼物，200以内", { noProducts: ["HOME-002", "AUD-001"], any: ["¥"] }]] },

  // ── 下单 ──────────────────────────────────────────────────────────────────
  { id: "zh-order-mango", locale: "zh-CN", turns: [["买3包芒果干", { any: ["收货地址"], form: true }], [address], ["李雷"], ["13800138000"], ["lilei@example.com", { has: ["89.70"] }], ["确认", { order: { sku: "SNK-002", quantity: 3 } }]] },
  { id: "zh-order-correct", locale: "zh-CN", turns: [["买3包芒果干", { form: true }], ["改成5包", { has: ["5"], form: true }], [address], ["韩梅梅"], ["13900001111"], ["hmm@example.com", { has: ["149.50"] }], ["好的", { order: { sku: "SNK-002", quantity: 5 } }]] },
  { id: "zh-order-quit", locale: "zh-CN", turns: [["我要买两盒龙井", { form: true }], ["算了不要了", { form: false, noOrder: true }]] },
  { id: "zh-order-quit2", locale: "zh-CN", turns: [["来一个渔夫帽", { form: true }], ["不买了", { form: false, noOrder: true }], ["谢谢"]] },
  { id: "zh-order-aside", locale: "zh-CN", turns: [["我想买手机支架", { form: true }], ["对了能开发票吗", { any: ["发票"], form: true }], ["1个", { any: ["收货地址"] }]] },
  { id: "zh-order-unparsed", locale: "zh-CN", turns: [["下单茉莉花茶", { form: true }], ["2"], ["杭州市滨江区江南大道100号"], ["王芳"], ["等一下我查查", { form: true }], ["13588889999", { any: ["邮箱"] }]] },

  { id: "zh-order-this-one", locale: "zh-CN", turns: [["有没有茉莉花茶", { products: ["TEA-002"] }], ["那我要这个，来两盒", { any: ["收货地址"], form: true }]] },

  // ── 转人工 ────────────────────────────────────────────────────────────────
  { id: "zh-human", locale: "zh-CN", turns: [["转人工", { handoff: true }]] },
  { id: "zh-complaint", locale: "zh-CN", turns: [["你们这什么破店，东西坏了也没人管，我要投诉！", { handoff: true }]] },
  { id: "zh-emoji", locale: "zh-CN", turns: [["😡"], ["👍"], ["运费多少", { has: ["¥8"] }]] },
  { id: "zh-offtopic", locale: "zh-CN", turns: [["今天杭州天气怎么样"], ["你会唱歌吗"], ["那退货要几天", { has: ["7"] }]] },
  { id: "zh-social", locale: "zh-CN", turns: [["在吗"], ["哈哈"], ["你是机器人吗"]] },
  { id: "zh-polite-long", locale: "zh-CN", turns: [["您好，我想给外婆买点茶叶当生日礼物，她住在苏州，下周过生日，今天下单的话来得及吗？谢谢您！", { any: ["1–2 天", "16:00", "当天"] }]] },

  // ── 语言 ──────────────────────────────────────────────────────────────────
  { id: "zh-lang-english-word", locale: "zh-CN", turns: [["可以用visa卡吗", { has: ["Visa"], lang: "zh-CN" }]] },
  { id: "zh-lang-ok", locale: "zh-CN", turns: [["运费多少", { has: ["¥8"] }], ["ok"]] },
  { id: "zh-lang-en-widget", locale: "en", turns: [["请问怎么退货", { lang: "zh-CN", has: ["7"] }]] },

  // ── 话题切换 ──────────────────────────────────────────────────────────────
  { id: "zh-topic-switch", locale: "zh-CN", turns: [["发广州几天到", { has: ["2–4 天"] }], ["退货政策是什么", { has: ["7 天"] }], ["那退款到支付宝呢", { has: ["1–3"] }]] },
  { id: "zh-prod-sunscreen-followup", locale: "zh-CN", turns: [["有防晒霜吗", { products: ["SKIN-002"] }], ["这个多少钱", { has: ["99"] }], ["有货吗", { any: ["有货", "230"] }]] },
  { id: "zh-prod-teapot-stock", locale: "zh-CN", turns: [["紫砂壶还有几把", { products: ["HOME-002"], any: ["仅剩 4", "4 件"] }]] },
  { id: "zh-order-hat-aside-quit", locale: "zh-CN", turns: [["我想买个渔夫帽", { form: true }], ["多久能到杭州", { any: ["1–2 天", "次日"], form: true }], ["还是算了吧", { form: false, noOrder: true }]] },
  // ── 个人信息：查阅、删除 ─────────────────────────────────────────────────────
  { id: "zh-privacy-erase-queued", locale: "zh-CN", orders: [{ number: "LL400141", status: "delivered", email: "hui@example.com" }], turns: [["删除我的个人信息", { has: ["订单号"], privacy: "none" }], ["LL400141", { has: ["邮箱或手机号"] }], ["hui@example.com", { has: ["提交"], privacy: "none" }], ["是的", { has: ["编号"], privacy: "queued" }]] },
  { id: "zh-privacy-export-signed-in", locale: "zh-CN", shopper: { customerId: "c-jun" }, orders: [{ number: "LL400142", status: "paid", email: "jun@example.com", customerId: "c-jun" }], turns: [["导出我的数据", { has: ["完整副本"] }], ["确认", { has: ["订单：1 个"], privacy: "queued" }]] },
  { id: "zh-privacy-erase-now", locale: "zh-CN", erasure: "immediate", shopper: { customerId: "c-kai" }, orders: [{ number: "LL400143", status: "completed", email: "kai@example.com", customerId: "c-kai" }], turns: [["把我的个人信息删掉", { has: ["立即删除"] }], ["好的", { has: ["已删除"], privacy: "done" }]] },
  { id: "zh-privacy-never-mind", locale: "zh-CN", orders: [{ number: "LL400144", status: "paid", email: "lan@example.com" }], turns: [["你们存了我哪些个人信息", { has: ["订单号"] }], ["LL400144 lan@example.com", { has: ["完整副本"] }], ["算了", { any: ["没有做任何"], form: false, privacy: "none" }]] },
  { id: "zh-acct-locked", locale: "zh-CN", turns: [["密码输错好几次账号被锁了", { has: ["30 分钟"] }]] },
  { id: "zh-mixed-human-later", locale: "zh-CN", turns: [["运费险怎么赔", { has: ["¥10"] }], ["我还是想找人工问问", { handoff: true }]] },
  { id: "zh-weekend", locale: "zh-CN", turns: [["周末发货吗", { any: ["每天都发货", "每天"] }], ["好的拜拜"]] },
];
