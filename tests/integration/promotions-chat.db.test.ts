import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

describe.each(DATABASE_KINDS)("coupons in the chat on %s", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let client: ReturnType<typeof createTestClient>;
  let n = 0;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase(kind));
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  const call = (method: string, url: string, token?: string, body?: unknown) => client.call(method, url, { key: token, body });
  const send = async (token: string, text: string, extra: Record<string, unknown> = {}) => (await call("POST", "/widget/messages", token, { clientMessageId: `m-${++n}`, text, ...extra })).json.messages.slice(1) as { text: string; blocks?: any[] }[];
  const blocksOf = (messages: { blocks?: { type: string }[] }[], type: string) => messages.flatMap((m) => m.blocks ?? []).filter((b) => b.type === type) as any[];

  it("lists usable coupons, explains a code that does not apply, and shows a coupon's discount in the confirm block and the order (Chinese)", async () => {
    const apiKey = creds.merchants[0]!.apiKey;
    expect((await call("POST", "/coupons", apiKey, { code: "SPRING10", type: "percent", value: 10 })).status).toBe(201);
    expect((await call("POST", "/coupons", apiKey, { code: "BIGSPEND", type: "fixed", value: 3000, minSpend: 30000 })).status).toBe(201);
    const { sessionToken } = (await call("POST", "/widget/sessions", undefined, { widgetKey: creds.merchants[0]!.widgetKey, locale: "zh-CN" })).json;

    const listed = await send(sessionToken, "有优惠券吗");
    expect(listed.at(-1)!.text).toContain("SPRING10");
    expect(listed.at(-1)!.text).toContain("满 ¥300.00 可用");

    for (const line of ["我想买一盒茉莉龙珠花茶", "浙江省杭州市西湖区文三路90号", "陈美", "13800138000"]) await send(sessionToken, line);
    const plain = blocksOf(await send(sessionToken, `coupon-chat-${kind}@example.com`), "confirm")[0];
    expect(plain.total).toEqual({ amount: 7600, currency: "CNY" });

    const refused = await send(sessionToken, "用优惠券 BIGSPEND");
    expect(refused.at(-1)!.text).toContain("优惠券 BIGSPEND 需要适用商品满 ¥300.00 才能使用");
    expect(blocksOf(refused, "confirm")[0].total).toEqual({ amount: 7600, currency: "CNY" });

    const applied = await send(sessionToken, "用优惠券 spring10");
    const confirm = blocksOf(applied, "confirm")[0];
    expect(applied.at(-1)!.text).toContain("优惠券 SPRING10 已减 ¥6.80");
    expect(confirm).toMatchObject({ discount: { amount: 680, currency: "CNY" }, discountText: "¥6.80", couponCode: "SPRING10", total: { amount: 6800 + 800 - 680, currency: "CNY" } });

    const placed = await send(sessionToken, "确认", { action: { type: "confirm", token: confirm.token } });
    const card = blocksOf(placed, "order")[0].order;
    expect(card).toMatchObject({ discount: { amount: 680, currency: "CNY" }, couponCode: "SPRING10", total: { amount: 6920, currency: "CNY" } });
    const order = (await call("GET", `/orders/${card.id}`, apiKey)).json;
    expect(order).toMatchObject({ couponCode: "SPRING10", discount: { amount: 680 }, total: { amount: 6920 }, channel: "bot" });
    const coupon = (await call("GET", "/coupons", apiKey)).json.data.find((c: { code: string }) => c.code === "SPRING10");
    expect(coupon.used).toBe(1);
  });

  it("says in English when a code is unknown and takes a bare code at the confirmation", async () => {
    const apiKey = creds.merchants[0]!.apiKey;
    await call("POST", "/coupons", apiKey, { code: "FIVEOFF", type: "fixed", value: 500 });
    const { sessionToken } = (await call("POST", "/widget/sessions", undefined, { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" })).json;
    for (const line of ["I'd like to buy one jasmine dragon pearl tea", "90 Wensan Road, Xihu District, Hangzhou", "Mei Chen", "13800138000"]) await send(sessionToken, line);
    await send(sessionToken, `coupon-en-${kind}@example.com`);
    const unknown = await send(sessionToken, "use code NOSUCH99");
    expect(unknown.at(-1)!.text).toContain("I couldn't find coupon NOSUCH99");
    const bare = await send(sessionToken, "FIVEOFF");
    expect(blocksOf(bare, "confirm")[0]).toMatchObject({ discount: { amount: 500 }, couponCode: "FIVEOFF", total: { amount: 7100 } });
  });

  it("lists the red packet an anonymous shopper claimed in this conversation, and not in anyone else's", async () => {
    const apiKey = creds.merchants[0]!.apiKey;
    const now = Date.now();
    const campaign = (await call("POST", "/campaigns", apiKey, { type: "red_packet", startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), packets: 5, value: 600 })).json;
    const session = async () => (await call("POST", "/widget/sessions", undefined, { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" })).json.sessionToken as string;
    const [mine, theirs] = [await session(), await session()];
    const packet = await call("POST", `/widget/campaigns/${campaign.id}/claim`, mine);
    expect(packet.status).toBe(200);
    const code = packet.json.coupon.code as string;
    expect((await send(mine, "any promo codes?")).at(-1)!.text).toContain(code);
    expect((await send(theirs, "any promo codes?")).at(-1)!.text).not.toContain(code);
  });
});
