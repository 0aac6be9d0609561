import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";
import { normalize } from "./normalize.ts";

describe("language detection", () => {
  it.each([
    ["where is my order", "en"],
    ["我的订单到哪了", "zh-CN"],
    ["这个order怎么cancel啊", "mixed"],
    ["refund please, 我想退款 now", "en"],
    ["iPhone 手机壳有吗", "zh-CN"],
    ["ok", "en"],
  ])("%s -> %s", (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe("normalisation", () => {
  it("folds full-width forms, case, repeated letters, chat spellings and entities", () => {
    expect(normalize("ＷＨＥＲＥ is my ordr LL482913 plz")).toBe("where is my order zzorderno please");
    expect(normalize("cancelllll my adress")).toBe("cancel my address");
    expect(normalize("发到 mei@example.com")).toBe("发到 zzemail");
  });
});
