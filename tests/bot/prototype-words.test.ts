import { describe, expect, it } from "vitest";
import { searchTokens } from "../../bot/nlu/features.ts";
import { normalize } from "../../bot/nlu/normalize.ts";
import { extractEntities } from "../../bot/nlu/entities/extract.ts";
import { startConversation } from "../fakes/conversation.ts";
import { bump } from "../../api/domain/analytics/stats.ts";

const WORDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"];

describe("prototype words in shopper text", () => {
  it("are plain words to the tokenizer, the normaliser and the entity extractors", () => {
    for (const word of WORDS) {
      for (const token of searchTokens(`${word} broke my ${word}`, "en")) expect(typeof token).toBe("string");
      expect(typeof normalize(`${word} tea`)).toBe("string");
      expect(() => extractEntities(`${word} 星期${word} ${word} items`)).not.toThrow();
    }
  });

  it("get an ordinary answer from the bot", async () => {
    const c = await startConversation();
    for (const word of WORDS) {
      await c.send(word);
      expect(c.text.length).toBeGreaterThan(0);
    }
  });
});


describe("counts keyed by user text", () => {
  it("counts prototype words as words and never touches the prototype", () => {
    const counts: Record<string, number> = {};
    for (const word of [...WORDS, "constructor"]) bump(counts, word, 1);
    expect(counts.constructor).toBe(2);
    expect(counts.__proto__).toBe(1);
    expect(Object.getPrototypeOf(counts)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(counts))).toMatchObject({ constructor: 2, toString: 1 });
  });
});
