import type { Locale } from "../../bot/locales/locales.ts";

/** Shared with the browser apps (plain code): what each risk reason means, in both languages. Defined once. */
export const RISK_REASON_LABELS: Record<string, Record<Locale, string>> = {
  "velocity:email": { en: "many orders from this email just now", "zh-CN": "同一邮箱短时间内多次下单" },
  "velocity:phone": { en: "many orders with this phone just now", "zh-CN": "同一手机号短时间内多次下单" },
  "velocity:address": { en: "many orders to this address just now", "zh-CN": "同一地址短时间内多次下单" },
  "velocity:client": { en: "many orders from this network just now", "zh-CN": "同一网络地址短时间内多次下单" },
  "device:many_accounts": { en: "many accounts on one device", "zh-CN": "同一设备使用多个账号" },
  "client:many_accounts": { en: "many accounts on one network", "zh-CN": "同一网络地址使用多个账号" },
  "address:many_accounts": { en: "many people shipping to one address", "zh-CN": "多个账号寄往同一地址" },
  "address:another_account": { en: "a new customer shipping to an address another account used today", "zh-CN": "新客户寄往今天已被其他账号使用的地址" },
  "contact:disposable_email": { en: "throwaway email address", "zh-CN": "一次性邮箱" },
  "contact:name_mismatch": { en: "name differs from the recipient's", "zh-CN": "下单人与收件人姓名不一致" },
  "contact:phone_mismatch": { en: "phone differs from the recipient's", "zh-CN": "下单人与收件人电话不一致" },
  "value:unusual_first_order": { en: "unusually large first order", "zh-CN": "首单金额异常偏高" },
  "value:unusual_new_customer_order": { en: "unusually large order from a customer new today", "zh-CN": "新客户当天订单金额异常偏高" },
  "payments:repeated_failures": { en: "repeated failed payments", "zh-CN": "多次付款失败" },
  "coupon:abuse": { en: "one coupon used by many accounts on one device", "zh-CN": "同一设备多个账号使用同一优惠券" },
  "ring:linked_to_held_order": { en: "linked to another held order", "zh-CN": "与另一笔被暂扣订单关联" },
};

export function riskReasonLabel(reason: string, locale: Locale): string {
  return Object.hasOwn(RISK_REASON_LABELS, reason) ? RISK_REASON_LABELS[reason]![locale] : reason;
}
