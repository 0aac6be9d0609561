import { describe, expect, it } from "vitest";
import { extractEntities } from "./extract.ts";
import { parseChineseNumber } from "./numbers.ts";

const now = new Date("2026-11-25T10:00:00Z"); // a Wednesday
const values = (text: string, entity: string) => extractEntities(text, now).filter((e) => e.entity === entity).map((e) => e.value);

describe("entity extraction", () => {
  it("finds order numbers in any case, with or without a dash, and emails", () => {
    expect(values("where is ll482913?", "order_number")).toEqual(["LL482913"]);
    expect(values("订单号LL-100200还没到", "order_number")).toEqual(["LL100200"]);
    expect(values("mail me at Mei.Chen+shop@Example.com", "email")).toEqual(["mei.chen+shop@example.com"]);
    expect(values("reference 1234567890", "order_number")).toEqual([]);
  });

  it("finds Chinese mobiles and international numbers", () => {
    expect(values("电话 138 0013 8000", "phone")).toEqual(["+8613800138000"]);
    expect(values("+86-139-0000-1111", "phone")).toEqual(["+8613900001111"]);
    expect(values("call +1 415 555 0100 please", "phone")).toEqual(["+14155550100"]);
  });

  it("reads quantities in Chinese numerals and English", () => {
    expect(values("我要两件", "quantity")).toEqual([2]);
    expect(values("三个杯子和十二瓶水", "quantity")).toEqual([3, 12]);
    expect(values("I'd like 3 mugs", "quantity")).toEqual([3]);
    expect(values("a couple of hoodies", "quantity")).toEqual([2]);
    expect(values("make it 5", "quantity")).toEqual([5]);
    expect(values("it took 3 days", "quantity")).toEqual([]);
  });

  it("reads money in minor units with its currency", () => {
    expect(values("降价了¥19.9", "money")).toEqual([{ amount: 1990, currency: "CNY" }]);
    expect(values("花了199元", "money")).toEqual([{ amount: 19900, currency: "CNY" }]);
    expect(values("it was $25", "money")).toEqual([{ amount: 2500, currency: "USD" }]);
  });

  it("reads relative and absolute dates", () => {
    expect(values("昨天买的", "date")).toEqual(["2026-11-24"]);
    expect(values("上周三下的单", "date")).toEqual(["2026-11-18"]);
    expect(values("ordered last monday", "date")).toEqual(["2026-11-23"]);
    expect(values("on 2026-11-02", "date")).toEqual(["2026-11-02"]);
    expect(values("11月5日", "date")).toEqual(["2026-11-05"]);
  });

  it("parses Chinese numerals", () => {
    expect([parseChineseNumber("两"), parseChineseNumber("十二"), parseChineseNumber("二十"), parseChineseNumber("三百零五"), parseChineseNumber("猫")]).toEqual([2, 12, 20, 305, null]);
  });
});
