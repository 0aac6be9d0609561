export const strings = {
  en: {
    title: "Merchant dashboard", email: "Email", password: "Password", signIn: "Sign in", signOut: "Sign out", badLogin: "Wrong email or password, or not a supervisor.",
    from: "From", to: "To", apply: "Apply", csat: "CSAT", containment: "Bot containment", escalation: "Escalated to people", conversations: "Conversations", revenue: "Revenue", orders: "Orders", paidOrders: "Paid orders", awaitingPayment: "Awaiting payment", failedPayments: "Failed payments", lowStock: "Products low on stock", answeredByModel: "Answered by the model", fallbacks: "fallbacks",
    csatTrend: "CSAT per day", containmentTrend: "Conversations per day", escalations: "Escalations per day", intents: "Top intents", sales: "Revenue per day", channels: "Orders by channel",
    gaps: "Knowledge gaps", tags: "Complaint tags", gapsHint: "Questions the bot could not answer, grouped.", write: "Write the article", lowRated: "Recent low-rated conversations", openConversation: "Open in the console", summary: "Summary", byModel: "Written by the language model from these numbers and comments.", byRules: "Made from these numbers and comments (no model).", none: "Nothing yet.",
    newArticle: "New help article", articleTitle: "Title", articleBody: "Answer (markdown, ## sections)", save: "Publish", saved: "Published: the bot answers from it now.", held: "Orders on hold (risk)", heldHint: "Held until reviewed: POST /orders/{id}/review approves or rejects.", language: "中文", bot: "Bot", api: "API", console: "Console", times: "×",
  },
  "zh-CN": {
    title: "商家数据看板", email: "邮箱", password: "密码", signIn: "登录", signOut: "退出", badLogin: "邮箱或密码错误，或不是主管账号。",
    from: "开始", to: "结束", apply: "查询", csat: "满意度", containment: "机器人独立解决", escalation: "转人工", conversations: "会话数", answeredByModel: "由模型回答", fallbacks: "回退", revenue: "销售额", orders: "订单数", paidOrders: "已付款订单", awaitingPayment: "待付款", failedPayments: "付款失败", lowStock: "库存不足商品",
    csatTrend: "每日满意度", containmentTrend: "每日会话数", escalations: "每日转人工", intents: "热门意图", sales: "每日销售额", channels: "订单来源",
    gaps: "知识缺口", tags: "投诉标签", gapsHint: "机器人答不上来的问题（已归类）。", write: "去写文章", lowRated: "最近的差评会话", openConversation: "在工作台中打开", summary: "小结", byModel: "由语言模型根据以上数据和评论撰写。", byRules: "根据以上数据和评论自动生成（未使用模型）。", none: "暂无数据。",
    newArticle: "新建帮助文章", articleTitle: "标题", articleBody: "回答（markdown，用 ## 分节）", save: "发布", saved: "已发布：机器人现在就能用它回答。", held: "风控暂扣订单", heldHint: "审核前不会收款或发货：通过 POST /orders/{id}/review 放行或拒绝。", language: "English", bot: "机器人", api: "API", console: "客服台", times: "次",
  },
} as const;
export type Lang = keyof typeof strings;
export type Key = keyof (typeof strings)["en"];
