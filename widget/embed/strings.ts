/** Widget UI strings (the bot's own replies come translated from the server). */
export const strings = {
  en: {
    open: "Open chat",
    close: "Close chat",
    title: "Chat with us",
    placeholder: "Type a message…",
    send: "Send",
    typing: "typing…",
    offline: "Connection lost. Reconnecting…",
    helpful: "Helpful",
    notHelpful: "Not helpful",
    thanks: "Thanks for your feedback!",
    rate: "Rate this conversation",
    joined: "{name} joined the chat",
    source: "Source",
    buy: "Buy",
    total: "Total",
    language: "中文",
    unread: "{n} unread",
  },
  "zh-CN": {
    open: "打开客服对话",
    close: "关闭对话",
    title: "在线客服",
    placeholder: "输入消息…",
    send: "发送",
    typing: "正在输入…",
    offline: "网络已断开，正在重连…",
    helpful: "有帮助",
    notHelpful: "没帮助",
    thanks: "感谢您的反馈！",
    rate: "为本次会话评分",
    joined: "{name} 加入了对话",
    source: "来源",
    buy: "购买",
    total: "合计",
    language: "English",
    unread: "{n} 条未读",
  },
} as const;

export type WidgetLocale = keyof typeof strings;
export type StringKey = keyof (typeof strings)["en"];
export const localeOf = (value: string | undefined | null): WidgetLocale => (value?.toLowerCase().startsWith("zh") ? "zh-CN" : "en");
