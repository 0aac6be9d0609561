import { describe, expect, it } from "vitest";
import { chooseLocale } from "../../bot/engine.ts";
import { parseConstraints } from "../../bot/nlu/entities/constraints.ts";
import { INTENTS, intentDefinition, isIntent, isAnswerable, isOrderTask, kindOf } from "../../bot/nlu/intents.ts";
import { loadIntentExamples } from "../../knowledge/intents.ts";
import { startConversation } from "../fakes/conversation.ts";

describe("help answers chosen by the question", () => {
  it("answers a fee question with the fee and the free-shipping threshold together", async () => {
    const c = await startConversation();
    await c.send("how much is delivery if I spend 50 yuan?");
    expect(c.text).toMatch(/¥8/);
    expect(c.text).toMatch(/¥99/);
    expect(c.block("citation")?.title).toBe("Shipping options");
  });

  it("gives every courier's time for a place, and carries the topic to 'and with SF?'", async () => {
    const c = await startConversation({ locale: "zh-CN" });
    await c.send("寄到苏州要几天");
    expect(c.text).toMatch(/1–2 天/);
    expect(c.text).toMatch(/次日达/);
    await c.send("那顺丰要多少钱呢");
    expect(c.text).toMatch(/¥18/);
  });

  it("says a section once when two questions in one message are answered by it", async () => {
    const c = await startConversation({ locale: "zh-CN" });
    await c.send("运费多少？满多少包邮？");
    const replies = c.last!.replies.map((r) => r.text);
    expect(replies.join("\n")).toMatch(/¥8/);
    expect(new Set(replies).size).toBe(replies.length);
  });

  it("never answers with an article's opening line alone", async () => {
    const c = await startConversation();
    await c.send("tell me about your special VAT invoice");
    expect(c.text).toMatch(/taxpayer ID/);
  });

  it("sends a service question to the help center, not to product cards", async () => {
    const c = await startConversation();
    await c.send("can you gift wrap my order?");
    expect(c.block("products")).toBeUndefined();
  });
});

describe("products with constraints", () => {
  it("reads price bounds, ranges, categories and gifts in both languages", () => {
    expect(parseConstraints("tea under 50 rmb")).toMatchObject({ maxPrice: 5000, categories: [["tea"]] });
    expect(parseConstraints("200块以内的礼物")).toMatchObject({ maxPrice: 20000, gift: true });
    expect(parseConstraints("between 30 and 60 yuan")).toMatchObject({ minPrice: 3000, maxPrice: 6000 });
    expect(parseConstraints("gift wrapping please").gift).toBe(false);
  });

  it("never shows a product above the asked price", async () => {
    const c = await startConversation();
    await c.send("any tea below 70 yuan?");
    const cards = c.block("products")?.items ?? [];
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.price.amount).toBeLessThanOrEqual(7000);
  });

  it("answers 'how much are they?' about the products just shown", async () => {
    const c = await startConversation();
    await c.send("do you sell bucket hats?");
    await c.send("how much are they?");
    expect(c.text).toMatch(/59/);
  });
});

describe("handoff only when it helps", () => {
  it("answers emoji, chit-chat and off-topic questions politely without handing over or recording gaps", async () => {
    const c = await startConversation();
    for (const text of ["👍", "🙏", "who is the president of mars?", "haha", "😡", "what's the capital of peru?"]) {
      const result = await c.send(text);
      expect(result.handoff, text).toBeUndefined();
      expect(result.fallback, text).toBe(false);
    }
  });

  it("does not treat a long polite question that mentions a problem as a complaint", async () => {
    const c = await startConversation();
    const result = await c.send("Hi, I hope you're well! My sister's birthday is on Friday and I'd love to send her the jasmine tea. Would it arrive in Shanghai by then? Thanks a lot");
    expect(result.handoff).toBeUndefined();
  });

  it("hands over on an explicit request and on an angry complaint", async () => {
    expect((await startConversation().send("let me speak to a human please")).handoff).toBe("requested");
    expect((await startConversation().send("This is unacceptable, the parcel is broken and nobody replies. Worst shop ever!")).handoff).toBeDefined();
  });
});

describe("forms and knowledge gaps", () => {
  it("never records form answers it could not read as unanswered questions", async () => {
    const c = await startConversation();
    await c.send("I'd like to buy 2 of the dried mango");
    const result = await c.send("hmm let me think");
    expect(result.fallback).toBe(false);
    expect(result.handoff).toBeUndefined();
    expect(c.state.form).toBeDefined();
  });

  it("never lists a stray address, phone number or name as a knowledge gap", async () => {
    const c = await startConversation();
    for (const text of ["88 Tianmushan Road, Xihu District, Hangzhou", "+86 139 0000 2222", "Xiaoming"]) expect((await c.send(text)).fallback, text).toBe(false);
  });

  it("leaves the order form on 不要了 and says so", async () => {
    const c = await startConversation({ locale: "zh-CN" });
    await c.send("来两包芒果干");
    expect(c.state.form).toBeDefined();
    await c.send("不要了");
    expect(c.state.form).toBeUndefined();
    expect(c.commerce.orders).toHaveLength(0);
  });
});

describe("language", () => {
  it("keeps the chosen language for a few foreign words and switches for a whole sentence", () => {
    expect(chooseLocale("do you have 龙井 tea?", "en")).toBe("en");
    expect(chooseLocale("可以用visa卡吗", "zh-CN")).toBe("zh-CN");
    expect(chooseLocale("我想问一下退货政策", "en")).toBe("zh-CN");
    expect(chooseLocale("what payment methods do you accept", "zh-CN")).toBe("en");
    expect(chooseLocale("ok", "zh-CN")).toBe("zh-CN");
  });

  it("answers in the language the shopper picked in the widget", async () => {
    const c = await startConversation({ locale: "en" });
    await c.send("hello");
    expect(c.last?.locale).toBe("en");
    const result = await c.send("ok", undefined, "zh-CN");
    expect(result.locale).toBe("zh-CN");
  });
});

describe("one definition per intent", () => {
  it("gives every contract intent a kind and examples in both languages", () => {
    const examples = loadIntentExamples();
    for (const intent of INTENTS) {
      expect(intentDefinition(intent).kind, intent).toBeTruthy();
      const refined = intentDefinition(intent).refines;
      // A refinement needs examples in one language at least; the router finds it from its parent in the others.
      const locales = refined ? ["en"] : ["en", "zh-CN"];
      if (refined) expect(isIntent(refined), `${intent} refines ${refined}`).toBe(true);
      for (const locale of locales) expect(examples[locale]?.[intent]?.length ?? 0, `${locale}/${intent}`).toBeGreaterThan(0);
    }
    expect(isOrderTask("cancel_order")).toBe(true);
    expect(kindOf("promotions")).toBe("help");
    expect(isAnswerable("track_refund")).toBe(true);
    expect(isAnswerable("greet")).toBe(false);
  });
});
