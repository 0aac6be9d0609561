import { describe, expect, it } from "vitest";
import { demoProducts } from "../fakes/catalog.ts";
import { InMemoryCommerce } from "../fakes/commerce.ts";
import { call, SCRIPTED_PROVIDERS, toolMessages, useScriptedAgent } from "../support/llm.ts";

const longjing = demoProducts().find((p) => p.sku === "TEA-001")!;

describe.each([...SCRIPTED_PROVIDERS, "ollama" as const])("the agent through %s", (provider) => {
  const conversation = useScriptedAgent(provider);

  describe("hybrid routing", () => {
    it("keeps confident transactional intents and open forms on the local engine, without calling the model", async () => {
      const c = await conversation([{ content: "should not be used" }]);
      await c.send("I want to buy the longjing tea");
      expect(c.last?.path).toBe("local");
      await c.send("2");
      expect(c.last?.path).toBe("local");
      expect(c.text).toMatch(/deliver/i);
      await c.send("track order LL123456");
      expect(c.last?.path).toBe("local");
      await c.send("I want to talk to a human");
      expect(c.last).toMatchObject({ path: "local", handoff: "requested" });
      expect(c.model.requests).toHaveLength(0);
    });

    it("sends open questions to the model, which answers from the help center with a citation", async () => {
      const c = await conversation([call("search_help_center", { query: "return unopened tea after a week" }), { content: "Unopened tea can go back within 7 days of delivery [1]." }]);
      await c.send("hey so my aunt got the tea as a gift, still sealed, can she still send it back?");
      expect(c.last?.path).toBe("model");
      expect(c.text).toBe("Unopened tea can go back within 7 days of delivery.");
      expect(c.block("citation")).toMatchObject({ title: "Returns policy", url: "/help/demo/en/returns-policy" });
      expect(c.last?.articleId).toBe("en/returns-policy");
      // The shopper's words never reach the system messages; tool output comes back marked as data.
      const body = c.model.requests[1]!.body;
      const system = body.messages.filter((m: any) => m.role === "system").map((m: any) => m.content).join("\n");
      expect(system).not.toMatch(/aunt/);
      expect(body.messages.find((m: any) => m.role === "user").content).toMatch(/^<shopper_message>\n.*aunt.*\n<\/shopper_message>$/s);
      const [result] = toolMessages(c.model.requests);
      expect(result.untrusted).toBe(true);
      expect(result.data.passages[0]).toMatchObject({ ref: 1, title: "Returns policy" });
      expect(body.tools.map((t: any) => t.function.name)).toEqual(["search_help_center", "find_products", "my_orders", "start_order", "request_cancellation", "privacy_request", "hand_over"]);
    });

    it("streams the reply as guarded drafts that grow to the final text", async () => {
      const c = await conversation([{ content: "Hello! I can help with tea, orders and returns. What are you looking for today?" }]);
      await c.send("hiya, what's up");
      expect(c.last?.path).toBe("model");
      expect(c.drafts.length).toBeGreaterThan(3);
      for (let i = 1; i < c.drafts.length; i++) expect(c.drafts[i]!.startsWith(c.drafts[i - 1]!)).toBe(true);
      expect(c.text.startsWith(c.drafts.at(-1)!)).toBe(true);
      expect(c.model.requests[0]!.body.stream).toBe(true);
    });

    it("replies in Chinese to a Chinese shopper, with prices the tools returned", async () => {
      const c = await conversation(
        [call("find_products", { query: "龙井" }), { content: "西湖龙井明前绿茶 250g 售价 ¥128.00，现货充足。需要帮您下单吗？" }],
        { locale: "zh-CN" },
      );
      await c.send("有没有适合送长辈的好茶推荐一下");
      expect(c.last?.path).toBe("model");
      expect(c.text).toContain("¥128.00");
      expect(c.block("products")?.items[0]).toMatchObject({ sku: "TEA-001", priceText: "¥128.00" });
    });
  });

  describe("tools that read", () => {
    it("finds products from a one-character Chinese query, by name and tags", async () => {
      const c = await conversation([call("find_products", { query: "茶" }), { content: "我们有几款好茶，看看下面的卡片吧。" }], { locale: "zh-CN" });
      await c.send("想送长辈一份礼物，有什么推荐");
      const [result] = toolMessages(c.model.requests);
      expect(result.data.products.length).toBeGreaterThan(1);
      for (const p of result.data.products) expect(p.name).toMatch(/茶|壶/);
      expect(c.block("products")?.items.length).toBe(result.data.products.length);
    });

    it("returns the closest help passages with their relevance, for the model to judge", async () => {
      const c = await conversation([call("search_help_center", { query: "朋友送的茶还没拆封，可以退吗？" }), { content: "未拆封的茶叶可以在签收后 7 天内申请退货 [1]。" }], { locale: "zh-CN" });
      await c.send("朋友送的茶还没拆封，可以退吗？");
      const [result] = toolMessages(c.model.requests);
      expect(result.data.passages[0]).toMatchObject({ ref: 1, title: "退换货政策", relevance: expect.any(Number) });
      expect(c.block("citation")?.title).toBe("退换货政策");
    });
  });

  describe("tools that act stop at a confirmation the shopper clicks", () => {
    it("start_order shows the server total; only the click places the order, once", async () => {
      const c = await conversation([call("find_products", { query: "longjing" }), call("start_order", { product_id: longjing.id, quantity: 2 })], {
        shopper: { verified: true, customerId: "c-alice", email: "alice@example.com" },
      });
      c.commerce.addOrder({ number: "LL300001", status: "delivered", customerEmail: "alice@example.com", customerId: "c-alice" });
      await c.send("my dad loved that green tea from hangzhou, could I get him two boxes?");
      expect(c.last?.path).toBe("model");
      expect(c.last?.toolCalls).toEqual(["find_products", "start_order"]);
      // The known address is offered; accepting it leads to the confirmation with the server's total.
      await c.send("use this address");
      expect(c.last?.path).toBe("local");
      expect(c.block("confirm")).toMatchObject({ action: "place_order", total: { amount: 25600 } });
      expect(c.commerce.orders.filter((o) => o.customerId === "c-alice" && o.number !== "LL300001")).toHaveLength(0);
      const token = c.block("confirm")!.token;
      await c.send("Confirm", { type: "confirm", token });
      await c.send("Confirm", { type: "confirm", token });
      const placed = c.commerce.orders.filter((o) => o.number !== "LL300001");
      expect(placed).toHaveLength(1);
      expect(placed[0]).toMatchObject({ total: { amount: 25600 }, customer: { email: "alice@example.com" } });
    });

    it("request_cancellation shows a confirmation and cancels only after the click", async () => {
      const c = await conversation([call("request_cancellation", { order_number: "LL300002" })], { shopper: { verified: true, customerId: "c-alice", email: "alice@example.com" } });
      const order = c.commerce.addOrder({ number: "LL300002", status: "paid", customerEmail: "alice@example.com", customerId: "c-alice" });
      await c.send("hmm I changed my mind about the thing I bought yesterday, can we undo it");
      expect(c.block("confirm")).toMatchObject({ action: "cancel_order" });
      expect(order.status).toBe("paid");
      await c.send("Confirm", { type: "confirm", token: c.block("confirm")!.token });
      expect(order.status).toBe("cancelled");
    });

    it("keeps a confident data request on the local journey, without calling the model", async () => {
      const c = await conversation([{ content: "should not be used" }], { shopper: { verified: true, customerId: "c-dora" } });
      await c.send("please delete my personal data");
      expect(c.last).toMatchObject({ path: "local", intent: "privacy_request" });
      expect(c.block("confirm")).toMatchObject({ action: "privacy_erasure" });
      await c.send("no");
      expect(c.last?.path).toBe("local");
      expect(c.privacy.requests).toEqual([]);
      expect(c.model.requests).toHaveLength(0);
    });

    it("privacy_request starts the verified journey for the session's own shopper: proof first when not signed in, and only the shopper's yes acts", async () => {
      const anonymous = await conversation([call("privacy_request", { kind: "erasure" })]);
      anonymous.commerce.addOrder({ number: "LL300003", status: "paid", customerEmail: "bob@example.com" });
      await anonymous.send("hmm, bob@example.com here, I'd rather you didn't keep anything on me, can you sort that out?");
      expect(anonymous.last).toMatchObject({ path: "model", intent: "privacy_request" });
      expect(anonymous.block("confirm")).toBeUndefined();
      expect(anonymous.text).toMatch(/order/);
      expect(anonymous.privacy.requests).toEqual([]);

      const signedIn = await conversation([call("privacy_request", { kind: "export" })], { shopper: { verified: true, customerId: "c-erin" } });
      signedIn.commerce.addOrder({ number: "LL300004", status: "paid", customerEmail: "erin@example.com", customerId: "c-erin" });
      await signedIn.send("hmm, out of curiosity, what sort of stuff have you got stored on me");
      expect(signedIn.block("confirm")).toMatchObject({ action: "privacy_export" });
      expect(signedIn.privacy.requests).toEqual([]);
      await signedIn.send("Confirm", { type: "confirm", token: signedIn.block("confirm")!.token });
      expect(signedIn.privacy.requests).toEqual([expect.objectContaining({ customerId: "c-erin", kind: "export", status: "pending" })]);
    });

    it("hand_over queues the conversation for a person", async () => {
      const c = await conversation([call("hand_over", { reason: "order_help" })]);
      await c.send("this is getting complicated and I am not sure what to do about the mixup");
      expect(c.last).toMatchObject({ path: "model", handoff: "order_help" });
      expect(c.handoff.requests).toHaveLength(1);
    });
  });

  describe("never a dead end: the local engine answers when the model cannot", () => {
    const question = "what payment methods do you accept?";
    const cases: [string, Parameters<typeof conversation>[0], Parameters<typeof conversation>[1]?, string?][] = [
      ["a 500", [{ status: 500 }], undefined, "http_error"],
      ["a 429", [{ status: 429, body: JSON.stringify({ error: { message: "rate limited" } }) }], undefined, "http_error"],
      ["a 401", [{ status: 401 }], undefined, "http_error"],
      ["a malformed body", [{ malformed: true }], undefined, "malformed"],
      ["a timeout", [{ content: "too late", delayMs: 1500 }], { timeoutMs: 300 }, "timeout"],
      ["an unknown tool", [call("drop_tables", {})], undefined, "malformed"],
      ["broken tool arguments", [call("search_help_center", "{query: payment")], undefined, "malformed"],
      ["an empty reply", [{ content: "" }], undefined, "no_answer"],
      ["too many tool calls", [{ toolCalls: Array.from({ length: 6 }, () => ({ name: "search_help_center", arguments: '{"query":"pay"}' })) }], undefined, "budget"],
      ["endless tool rounds", [call("search_help_center", { query: "pay" })], undefined, "budget"],
      ["a spent merchant budget", [{ content: "never asked" }], { dailyTokens: 0 }, "budget"],
      ["a reply in the wrong language", [{ content: "我们支持微信支付和支付宝。" }], undefined, "guard"],
    ];
    // Ollama's wire carries tool arguments as a JSON object, so they cannot arrive broken.
    for (const [name, script, options, reason] of cases.filter(([name]) => !(provider === "ollama" && name === "broken tool arguments"))) {
      it(`falls back on ${name}`, async () => {
        const c = await conversation(script, options);
        const started = Date.now();
        await c.send(question);
        expect(Date.now() - started).toBeLessThan(3000);
        expect(c.last).toMatchObject({ path: "fallback", modelFailure: reason });
        expect(c.block("citation")?.title).toMatch(/Payment/i);
        expect(c.text).not.toMatch(/error|500|429|timeout|exception/i);
      });
    }

    it("opens the circuit after repeated failures and stops calling the model", async () => {
      const c = await conversation([{ status: 503 }], { failureThreshold: 2 });
      for (const text of ["hello there", "what payment methods do you accept?", "how long does delivery take?", "do you do gift wrapping?"]) await c.send(text);
      expect(c.model.requests).toHaveLength(2);
      expect(c.last).toMatchObject({ path: "fallback", modelFailure: "circuit_open" });
      expect(c.text.length).toBeGreaterThan(0);
    });

    it("bounds the whole turn, not just each call", async () => {
      const slowRound = { ...call("search_help_center", { query: "pay" }), delayMs: 300 };
      const c = await conversation([slowRound, slowRound, slowRound], { caps: { turnMs: 500 } });
      const started = Date.now();
      await c.send(question);
      expect(Date.now() - started).toBeLessThan(1200);
      expect(c.last).toMatchObject({ path: "fallback", modelFailure: "timeout" });
    });

    it("caps tool calls per conversation", async () => {
      const c = await conversation([call("search_help_center", { query: "pay" }), { content: "We take several methods [1]." }], { caps: { toolCallsPerConversation: 1 } });
      await c.send(question);
      expect(c.last?.path).toBe("model");
      await c.send("and what about delivery times, roughly?");
      expect(c.last).toMatchObject({ path: "fallback", modelFailure: "budget" });
      expect(c.model.requests).toHaveLength(2);
    });

    it("undoes what a failed attempt changed before the local engine answers", async () => {
      const commerce = new InMemoryCommerce(demoProducts());
      const c = await conversation([call("start_order", { product_id: "not-a-product" }), { malformed: true }], { commerce });
      await c.send("what would you suggest for someone who likes floral flavours");
      expect(c.last?.path).toBe("fallback");
      expect(c.state.form).toBeUndefined();
      expect((c.state.llm as { toolCalls: number }).toolCalls).toBe(1);
    });
  });
});
