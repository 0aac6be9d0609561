import type { Locale } from "../ports.ts";

/**
 * Reading a help question before retrieval: what kind of answer it wants (an amount, a
 * duration), and the words a help center uses for the places shoppers name. Shoppers say
 * "Chengdu" or "发上海"; delivery pages speak of "most other provinces" and "江浙沪".
 */
export function expandQuestion(text: string, locale: Locale): string {
  const extra: string[] = [];
  // Most places cost the same to ship to: the region only matters for how long it takes, or when it is remote.
  const fee = ASKS_AMOUNT.test(text);
  for (const region of REGIONS) if (region.names.test(text) && !(fee && !region.remote)) extra.push(region.words[locale]);
  if (WEEKEND.test(text)) extra.push(locale === "en" ? "seven days a week" : "每天 全年");
  for (const concept of CONCEPTS) if (concept.says.test(text)) extra.push(concept.words[locale]);
  return extra.length ? `${text} ${extra.join(" ")}` : text;
}

/** The kind of answer a question wants, as a pattern the answering passage must contain. */
export function answerType(question: string): RegExp | null {
  if (ASKS_AMOUNT.test(question)) return AMOUNT;
  if (ASKS_DURATION.test(question)) return DURATION;
  return null;
}

/** Words that sections answering that kind of question tend to use ("fees", "free"; "days", "到账"). */
export function answerWords(question: string, locale: Locale): string {
  if (ASKS_AMOUNT.test(question)) return locale === "en" ? "fee fees cost costs free charge price surcharge" : "运费 费用 包邮 免费 收费 附加费";
  if (ASKS_DURATION.test(question)) return locale === "en" ? "days business hours time arrive next same" : "天 工作日 小时 时效 到账 次日 当天";
  return "";
}

/**
 * Everyday words for what help centers name formally: "sent out" is dispatch, "swap" is an
 * exchange, "碎了" is damage. The formal words join the question, so that the section that
 * uses them ranks; the shopper's own words still count as they are.
 */
const CONCEPTS: { says: RegExp; words: Record<Locale, string> }[] = [
  {
    says: /\b(sen[dt]|sending|post(ed)?|go(es)?|went|get|gets) (it |them |my order |the order )?out\b|\bdispatch(ed|es)?\b|\bleaves? (the|your) warehouse\b|发出|寄出|发走|寄走|出库|发件/i,
    words: { en: "dispatch ship", "zh-CN": "发货" },
  },
  { says: /\b(swap|switch|exchange|trade)\b|换货|换个|换一个|换大|换小|换尺码|换码|调换/i, words: { en: "exchange", "zh-CN": "换货" } },
  {
    says: /\btoo (small|big|large|tight|loose|short|long)\b|\b(doesn'?t|does not|didn'?t|did not) fit\b|\b(wrong|bigger|smaller|different) size\b|不合适|不合身|太小|太大|偏小|偏大/i,
    words: { en: "size exchange", "zh-CN": "尺码 换货" },
  },
  {
    says: /\b(broken|broke|cracked|smashed|shattered|damaged|faulty|defective|dented|torn|leaking)\b|\b(doesn'?t|does not|stopped|isn'?t|not) work(ing)?\b|碎了|碎的|摔碎|破了|裂了|坏了|破损|损坏|质量问题|瑕疵|漏了/i,
    words: { en: "faulty damaged", "zh-CN": "破损 质量问题" },
  },
  { says: /\bmoney back\b|\breimburs|退到|退回|退钱|钱退|返还/i, words: { en: "refund", "zh-CN": "退款" } },
];

const WEEKEND = /\b(weekends?|saturdays?|sundays?|holidays?)\b|周末|周六|周日|星期六|星期天|星期日|节假日|假期/i;

const REGIONS: { names: RegExp; words: Record<Locale, string>; remote?: true }[] = [
  {
    names: /\b(shanghai|hangzhou|suzhou|nanjing|ningbo|wuxi|wenzhou|shaoxing|jiaxing|changzhou|zhejiang|jiangsu)\b|上海|杭州|苏州|南京|宁波|无锡|温州|绍兴|嘉兴|常州|浙江|江苏|江浙沪/i,
    words: { en: "Zhejiang Jiangsu Shanghai", "zh-CN": "江浙沪" },
  },
  {
    names: /\b(xinjiang|tibet|qinghai|inner mongolia|urumqi|lhasa|xining|hohhot|baotou|kashgar)\b|新疆|西藏|青海|内蒙|乌鲁木齐|拉萨|西宁|呼和浩特|包头|喀什/i,
    words: { en: "remote areas Xinjiang Tibet Qinghai Inner Mongolia", "zh-CN": "偏远地区 新疆 西藏 青海 内蒙古" },
    remote: true,
  },
  {
    names: /\b(beijing|chengdu|guangzhou|shenzhen|wuhan|xi'?an|chongqing|tianjin|changsha|zhengzhou|shenyang|harbin|xiamen|fuzhou|jinan|qingdao|kunming|nanning|guiyang|hefei|nanchang|dalian|shijiazhuang|taiyuan|lanzhou|haikou|sanya|guangdong|sichuan|hubei|hunan|henan|shandong|fujian|yunnan|anhui|hebei)\b|北京|成都|广州|深圳|武汉|西安|重庆|天津|长沙|郑州|沈阳|哈尔滨|厦门|福州|济南|青岛|昆明|南宁|贵阳|合肥|南昌|大连|石家庄|太原|兰州|海口|三亚|广东|四川|湖北|湖南|河南|山东|福建|云南|安徽|河北|东北/i,
    words: { en: "most other provinces", "zh-CN": "其他大部分省份" },
  },
];

const ASKS_AMOUNT =
  /\b(how much|costs?|fees?|do you charge|charge (for|extra)|extra (fee|charge|cost)s?|free (shipping|delivery)|shipping (is )?free|surcharge|postage|pay (for|extra)|deliver(y)? (for )?free)\b|多少钱|运费|邮费|费用|加钱|收费|包邮|免运费|手续费|附加费|另收|要钱|免费/i;
/** An amount, or a statement that something costs nothing ("no cancellation fee", "不收取"). */
const AMOUNT = /[¥$€]\s?\d|\d+\s?元|\bfree\b|\bno (\w+ )?(fee|charge)s?\b|免费|包邮|不收|无需|不额外/i;
const ASKS_DURATION =
  /\b(how long|how many (days|hours)|how soon|how quick(ly)?|when (will|would|do|does|can|is)|by when|what time|arrive|days? (to|till|until)|take to)\b|\b\d+ (days?|weeks?)\b|多久|几天|多长时间|什么时候|何时|多快|到账|几个工作日|时效|几号|哪天|能到|[\d一二三四五六七八九十两]+\s*天了/i;
const DURATION = /\d\s*(–|-|~|to)?\s*\d*\s*(business days?|working days?|days?|hours?|minutes?|个工作日|天|小时|分钟)|next day|same day|次日|当天|\d{1,2}:\d{2}/i;
