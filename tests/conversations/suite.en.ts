import type { Conversation } from "./types.ts";

const address = "Room 502, 88 Tianmushan Road, Xihu District, Hangzhou";

/**
 * English conversations as new shoppers write them: short, colloquial, follow-ups that lean
 * on the previous turn, typos, a few Chinese words. Expectations are facts of the demo
 * shop (help center and catalog) and what should happen (order, handoff, language).
 */
export const englishSuite: Conversation[] = [
  // ── shipping and delivery ────────────────────────────────────────────────
  { id: "en-ship-fee-beijing", locale: "en", turns: [["How much is shipping to Beijing?", { has: ["¥8", "¥99"] }]] },
  { id: "en-ship-free", locale: "en", turns: [["is there free shipping?", { has: ["¥99"] }]] },
  { id: "en-ship-free-followup-sf", locale: "en", turns: [["do u do free delivery", { has: ["¥99"] }], ["and with SF express?", { has: ["¥18"] }]] },
  { id: "en-ship-couriers", locale: "en", turns: [["which couriers do you use", { has: ["ZTO", "SF"] }]] },
  { id: "en-ship-time-shanghai", locale: "en", turns: [["how long does delivery take to shanghai?", { has: ["1–2 days"], any: ["next day", "SF"] }]] },
  { id: "en-ship-time-then-sf", locale: "en", turns: [["how many days till my stuff arrives if I live in Chengdu", { has: ["2–4 days"] }], ["what about sf express?", { has: ["1–3 days"] }]] },
  { id: "en-ship-remote", locale: "en", turns: [["I'm in Xinjiang, do you charge extra for shipping there?", { has: ["¥15"] }]] },
  { id: "en-ship-hk", locale: "en", turns: [["Can you ship to Hong Kong?", { any: ["Hong Kong", "mainland China"] }]] },
  { id: "en-ship-dispatch", locale: "en", turns: [["if I order today when will it be sent out", { any: ["4:00 pm", "same day"] }]] },
  { id: "en-ship-typo", locale: "en", turns: [["whats the shiping cost", { has: ["¥8"] }]] },
  { id: "en-ship-thanks", locale: "en", turns: [["Hi there", {}], ["how much do you charge for delivery?", { has: ["¥8"] }], ["ok thanks!", { not: ["person"] }]] },
  { id: "en-ship-sf-cost", locale: "en", turns: [["How much does SF Express cost?", { has: ["¥18"] }]] },
  { id: "en-ship-late", locale: "en", turns: [["my parcel still hasn't come and it's been ages, what do I do", { any: ["3 days", "48 hours", "order number"] }]] },

  // ── returns, refunds ─────────────────────────────────────────────────────
  { id: "en-return-tshirt", locale: "en", turns: [["Can I return a t-shirt if it doesn't fit? I've had it 5 days", { has: ["7 days"], any: ["unused", "tags"] }]] },
  { id: "en-return-policy", locale: "en", turns: [["what's your return policy", { has: ["7"] }]] },
  { id: "en-return-earbuds", locale: "en", turns: [["can I return earbuds after opening them?", { any: ["hygiene", "seal"] }]] },
  { id: "en-return-faulty", locale: "en", turns: [["the mug arrived cracked, can I get a replacement?", { any: ["15 days", "replacement", "photos"] }]] },
  { id: "en-return-shipping-cost", locale: "en", turns: [["who pays for return shipping?", { any: ["return shipping", "¥10"] }]] },
  { id: "en-refund-time", locale: "en", turns: [["how long do refunds take to alipay", { has: ["1–3 business days"] }]] },
  { id: "en-refund-card", locale: "en", turns: [["I paid by visa, when will I see my refund?", { has: ["3–7 business days"] }]] },
  { id: "en-refund-followup", locale: "en", turns: [["how long does a refund take?", { any: ["1–3 business days", "48 hours"] }], ["and for bank cards?", { has: ["3–7"] }]] },
  { id: "en-exchange-size", locale: "en", turns: [["I got the hoodie but it's too small, can I swap it for a bigger size", { any: ["exchange", "7 days", "size"] }]] },

  // ── payments, coupons, invoices, price protection ───────────────────────
  { id: "en-pay-methods", locale: "en", turns: [["what payment methods do you accept?", { has: ["WeChat Pay", "Alipay"] }]] },
  { id: "en-pay-amex", locale: "en", turns: [["can I pay with american express", { any: ["American Express"] }]] },
  { id: "en-pay-cod", locale: "en", turns: [["do you take cash on delivery?", { any: ["cash on delivery"] }]] },
  { id: "en-pay-charged-twice", locale: "en", turns: [["I think I got charged twice for one order??", { any: ["1–3 business days", "refunded automatically", "screenshot"] }]] },
  { id: "en-coupon-how", locale: "en", turns: [["how do I use a coupon", { any: ["checkout", "one coupon"] }]] },
  { id: "en-coupon-two", locale: "en", turns: [["can I use two coupons on the same order?", { has: ["one coupon"] }]] },
  { id: "en-coupon-new", locale: "en", turns: [["is there a discount for new customers", { has: ["¥10"] }]] },
  { id: "en-price-protection", locale: "en", turns: [["I bought tea yesterday and now it's cheaper. can I get the difference back?", { has: ["7 days"] }]] },
  { id: "en-price-protection-flash", locale: "en", turns: [["does price protection cover flash sales?", { any: ["Flash sales", "flash sale"] }]] },
  { id: "en-invoice", locale: "en", turns: [["can I get a fapiao for my order", { any: ["electronic VAT general invoice", "invoice"] }]] },
  { id: "en-invoice-special", locale: "en", turns: [["my company needs a special VAT invoice, what do you need from me?", { any: ["taxpayer ID", "taxpayer"] }]] },
  { id: "en-invoice-when", locale: "en", turns: [["when will I receive my invoice", { has: ["3 business days"] }]] },
  { id: "en-sale-events", locale: "en", turns: [["when are your big sales?", { any: ["618", "Double 11"] }]] },

  // ── account ──────────────────────────────────────────────────────────────
  { id: "en-acct-password", locale: "en", turns: [["forgot my password, help", { any: ["Forgot password", "SMS code"] }]] },
  { id: "en-acct-locked", locale: "en", turns: [["my account got locked after typing the wrong password", { has: ["30 minutes"] }]] },
  { id: "en-acct-delete", locale: "en", turns: [["how do i delete my account", { has: ["15-day"] }]] },
  { id: "en-acct-unsub", locale: "en", turns: [["stop sending me marketing emails please", { any: ["Unsubscribe", "Promotions"] }]] },
  { id: "en-acct-signup", locale: "en", turns: [["how do I sign up?", { any: ["SMS", "WeChat"] }]] },

  // ── orders: cancel, change, track ────────────────────────────────────────
  { id: "en-cancel-fee", locale: "en", turns: [["is there a fee if I cancel my order?", { any: ["no cancellation fee", "free of charge"] }]] },
  { id: "en-track", locale: "en", orders: [{ number: "LL400123", status: "shipped", email: "amy@example.com" }], turns: [["where's my order", { any: ["order number", "LL123456"] }], ["LL400123", { any: ["email", "phone"] }], ["amy@example.com", { has: ["LL400123", "shipped"] }]] },
  { id: "en-track-oneline", locale: "en", orders: [{ number: "LL400124", status: "paid", email: "ben@example.com" }], turns: [["hey can you check order LL400124, email ben@example.com", { has: ["LL400124"] }]] },
  { id: "en-cancel-order", locale: "en", orders: [{ number: "LL400125", status: "paid", email: "cat@example.com" }], turns: [["I want to cancel my order", { any: ["order number"] }], ["LL400125 cat@example.com", { any: ["Cancel order LL400125"] }], ["yes", { has: ["cancelled"] }]] },
  { id: "en-change-address-q", locale: "en", turns: [["can I change my delivery address after the order has shipped?", { any: ["only before", "no longer", "cannot change"] }]] },

  // ── personal data: see it, erase it ──────────────────────────────────────
  { id: "en-privacy-erase-queued", locale: "en", orders: [{ number: "LL400131", status: "delivered", email: "dan@example.com" }], turns: [["can you delete my personal data?", { any: ["order number", "LL123456"], privacy: "none" }], ["LL400131 dan@example.com", { has: ["erasure request"], privacy: "none" }], ["yes", { has: ["reference"], privacy: "queued" }]] },
  { id: "en-privacy-what-data-signed-in", locale: "en", shopper: { customerId: "c-eve" }, orders: [{ number: "LL400132", status: "paid", email: "eve@example.com", customerId: "c-eve" }], turns: [["what data do you have on me?", { has: ["complete copy"], not: ["order number"] }], ["ok", { has: ["Orders: 1"], not: ["eve@example.com"], privacy: "queued" }]] },
  { id: "en-privacy-erase-now-declined", locale: "en", erasure: "immediate", shopper: { customerId: "c-fay" }, orders: [{ number: "LL400133", status: "shipped", email: "fay@example.com", customerId: "c-fay" }], turns: [["pls erase everything you have on me", { has: ["right away", "cannot be undone"] }], ["no", { has: ["haven't done anything"], privacy: "none" }]] },
  { id: "en-privacy-erase-now", locale: "en", erasure: "immediate", shopper: { customerId: "c-gil" }, orders: [{ number: "LL400134", status: "completed", email: "gil@example.com", customerId: "c-gil" }], turns: [["I want my personal data deleted", { has: ["right away"] }], ["yes please do", { has: ["has been erased"], privacy: "done" }]] },
  { id: "en-privacy-email-is-not-proof", locale: "en", erasure: "immediate", orders: [{ number: "LL400135", status: "paid", email: "hal@example.com" }], turns: [["delete all data for hal@example.com", { has: ["doesn't prove"], privacy: "none" }], ["yes", { not: ["erased"], privacy: "none" }]] },

  // ── products with constraints ────────────────────────────────────────────
  { id: "en-prod-green-tea-under", locale: "en", turns: [["green tea under 100 yuan", { products: ["TEA-002"], noProducts: ["TEA-001"] }]] },
  { id: "en-prod-cases-under", locale: "en", turns: [["phone cases under 45 yuan", { products: ["CASE-001"], noProducts: ["CASE-002"] }]] },
  { id: "en-prod-earbuds", locale: "en", turns: [["tell me about the noise cancelling earbuds", { has: ["¥299"], products: ["AUD-001"], not: ["cancellation fee"] }]] },
  { id: "en-prod-longjing-mixed", locale: "en", turns: [["do you have 龙井 tea?", { products: ["TEA-001"], lang: "en" }]] },
  { id: "en-prod-gift-tea", locale: "en", turns: [["I need a tea that would make a nice gift", { products: ["TEA-001"], noProducts: ["SNK-002", "SOCK-001", "CBL-001"] }]] },
  { id: "en-prod-stock-followup", locale: "en", turns: [["do you sell a moon lamp?", { products: ["LAMP-001"] }], ["is it in stock?", { any: ["sold out", "out of stock"] }]] },
  { id: "en-prod-price-followup", locale: "en", turns: [["show me the hoodie", { products: ["HOODIE-001"] }], ["how much is it?", { has: ["199"] }]] },
  { id: "en-prod-they-stock", locale: "en", turns: [["got any wireless earbuds?", { products: ["AUD-001"] }], ["are they in stock?", { any: ["in stock", "75"] }], ["how much are they?", { has: ["299"] }]] },
  { id: "en-prod-between", locale: "en", turns: [["skincare between 80 and 120 yuan", { products: ["SKIN-002"], noProducts: ["SKIN-001", "SKIN-003"] }]] },
  { id: "en-prod-snacks-cheap", locale: "en", turns: [["snacks below 40 rmb?", { products: ["SNK-002"], noProducts: ["SNK-003", "SNK-001"] }]] },
  { id: "en-prod-charger", locale: "en", turns: [["do you have a fast charger for my laptop", { products: ["CHG-001"] }]] },
  { id: "en-prod-puer-typo", locale: "en", turns: [["looking for puer tea cake", { products: ["TEA-003"] }]] },
  { id: "en-prod-gift-mom", locale: "en", turns: [["any gift ideas for my mom? budget around 100", { noProducts: ["HOME-002", "AUD-001"], any: ["¥", "CN¥"] }]] },
  { id: "en-prod-giftwrap", locale: "en", turns: [["do you offer gift wrapping?", { not: ["Here are", "Here's what I found"] }]] },
  { id: "en-prod-sizes", locale: "en", turns: [["I'm torn between M and L for the white tee, can you talk me through it?", { any: ["108", "114"] }]] },

  // ── ordering ─────────────────────────────────────────────────────────────
  { id: "en-order-mango", locale: "en", turns: [["2 of the mango please", { any: ["deliver"], form: true }], [address], ["Li Lei"], ["13800138000"], ["lilei@example.com", { has: ["59.80"] }], ["yes", { order: { sku: "SNK-002", quantity: 2 } }]] },
  { id: "en-order-nevermind", locale: "en", turns: [["I'd like to buy the panda plush", { form: true }], ["never mind", { form: false, noOrder: true }], ["thanks", { form: false }]] },
  { id: "en-order-correction", locale: "en", turns: [["I want to order the oolong tea bags", { any: ["How many"] }], ["3"], ["actually make it 4", { any: ["4"] }], [address], ["Zhang Wei"], ["+86 139 0000 2222"], ["zw@example.com", { has: ["159.60"] }], ["confirm", { order: { sku: "TEA-004", quantity: 4 } }]] },
  { id: "en-order-aside", locale: "en", turns: [["buy the bucket hat", { form: true }], ["wait, how much is shipping?", { has: ["¥8"], form: true }], ["1", { any: ["deliver"] }]] },
  { id: "en-order-forget", locale: "en", turns: [["can I order 3 packs of mixed nuts", { form: true }], ["forget it", { form: false, noOrder: true }]] },
  { id: "en-order-name-no-handoff", locale: "en", turns: [["I want the jasmine tea", { form: true }], ["2"], ["Flat 3, 12 Nanshan Rd, Hangzhou"], ["Xiaoming"], ["not sure, maybe later", { form: true }], ["13912345678", { any: ["email"] }]] },

  { id: "en-order-take-it", locale: "en", turns: [["do you have the panda plush toy?", { products: ["TOY-002"] }], ["great, I'll take it", { any: ["How many"], form: true }], ["2", { any: ["deliver"] }]] },

  // ── handoff ──────────────────────────────────────────────────────────────
  { id: "en-human", locale: "en", turns: [["can I talk to a real person", { handoff: true }]] },
  { id: "en-complaint", locale: "en", turns: [["This is ridiculous, my order is a week late and nobody answers. Terrible service!", { handoff: true }]] },
  { id: "en-emoji", locale: "en", turns: [["👍"], ["🙏"], ["👋"]] },
  { id: "en-offtopic-twice", locale: "en", turns: [["what's the weather like in hangzhou today?"], ["who won the football last night?"], ["ok, how long do returns take?", { has: ["7"] }]] },
  { id: "en-polite-gift", locale: "en", turns: [["Hello! I'd like to send some tea to my grandmother in Suzhou for her birthday next week. Could you tell me whether it would arrive in time if I order today, and whether you can include a little note? Thank you so much!", { any: ["1–2 days", "same day", "4:00 pm"] }]] },
  { id: "en-social", locale: "en", turns: [["how are you today?"], ["haha you're funny"], ["what's your name?"]] },
  { id: "en-joke-then-question", locale: "en", turns: [["tell me a joke"], ["fine. do you accept wechat pay?", { has: ["WeChat Pay"] }]] },

  // ── language ─────────────────────────────────────────────────────────────
  { id: "en-lang-mixed-word", locale: "en", turns: [["do you accept 支付宝?", { any: ["Alipay"], lang: "en" }]] },
  { id: "en-lang-switch-sentence", locale: "en", turns: [["hi", {}], ["我想问一下退货政策", { lang: "zh-CN", has: ["7"] }]] },
  { id: "en-lang-zh-widget-english-sentence", locale: "zh-CN", turns: [["What payment methods do you take?", { lang: "en", has: ["Alipay"] }]] },

  // ── multi-topic ──────────────────────────────────────────────────────────
  { id: "en-topic-switch", locale: "en", turns: [["how long does shipping take to guangzhou", { has: ["2–4 days"] }], ["also what's your return policy?", { has: ["7"] }], ["and refunds to wechat pay?", { has: ["1–3"] }]] },
  { id: "en-bye", locale: "en", turns: [["do you ship on sundays?", { any: ["seven days a week", "7 days a week"] }], ["great, bye!"]] },
];
