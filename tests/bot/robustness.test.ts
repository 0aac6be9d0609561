import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startConversation } from "../fakes/conversation.ts";
import { testNlu } from "../support/nlu.ts";

const nasty = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE \"Order\"; --",
    "{{constructor.constructor('return process')()}}",
    "\u0000\u0001\u0002\u001b[31m",
    "🛒🛒🛒🔥💯",
    "​‌‍﻿",
    "ＬＬ１２３４５６ 的订单",
    "   ",
    "x".repeat(100_000),
    "退款".repeat(20_000),
  ),
);

describe("the bot under hostile input", () => {
  it("always answers with non-empty text, never throws", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nasty, { minLength: 1, maxLength: 4 }), async (messages) => {
        const c = startConversation();
        for (const text of messages) {
          const result = await c.send(text);
          expect(result.replies.length).toBeGreaterThan(0);
          for (const reply of result.replies) expect(reply.text.trim().length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("parses anything into a known intent with a confidence in [0, 1] and entities inside the text", () => {
    const nlu = testNlu();
    fc.assert(
      fc.property(nasty, (text) => {
        const parsed = nlu.parse(text);
        expect(parsed.intent.confidence).toBeGreaterThanOrEqual(0);
        expect(parsed.intent.confidence).toBeLessThanOrEqual(1);
        for (const e of parsed.entities) {
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeLessThanOrEqual(text.length);
          expect(e.end).toBeGreaterThan(e.start);
        }
      }),
      { numRuns: 400 },
    );
  });
});
