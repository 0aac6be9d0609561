import { afterEach, describe, expect, it } from "vitest";
import { LlmClient } from "../../bot/llm/client.ts";
import { startScriptedModel } from "../fakes/openai-server.ts";

describe("the OpenAI-compatible client against a scripted model", () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const model = async (...script: Parameters<typeof startScriptedModel>[0]) => {
    const server = await startScriptedModel(script);
    servers.push(server);
    return server;
  };

  it("returns the model's text and tool calls, sending the request in the real wire format", async () => {
    const server = await model({ content: "你好！" }, { toolCalls: [{ name: "search_help_center", arguments: '{"query":"refund"}' }] });
    const client = new LlmClient({ baseURL: server.baseUrl, model: "test-model" });
    expect(await client.complete([{ role: "user", content: "hi" }])).toMatchObject({ ok: true, content: "你好！", toolCalls: [] });
    const tools = [{ type: "function" as const, function: { name: "search_help_center", parameters: { type: "object", properties: { query: { type: "string" } } } } }];
    const second = await client.complete([{ role: "user", content: "refund?" }], tools);
    expect(second).toMatchObject({ ok: true, toolCalls: [{ name: "search_help_center", arguments: '{"query":"refund"}' }] });
    expect(server.requests[1]!.body).toMatchObject({ model: "test-model", tools, max_tokens: 400 });
  });

  it("never throws: errors, malformed replies and timeouts come back as failures", async () => {
    const server = await model({ status: 500 }, { malformed: true }, { content: "late", delayMs: 1500 });
    const client = new LlmClient({ baseURL: server.baseUrl, model: "m", timeoutMs: 300, failureThreshold: 10 });
    expect(await client.complete([{ role: "user", content: "a" }])).toEqual({ ok: false, reason: "http_error" });
    expect((await client.complete([{ role: "user", content: "b" }])).ok).toBe(false);
    expect(await client.complete([{ role: "user", content: "c" }])).toEqual({ ok: false, reason: "timeout" });
  });

  it("opens the circuit after repeated failures, skips the model while open, and closes after the cooldown", async () => {
    let now = 1_000_000;
    const server = await model({ status: 503 }, { status: 503 }, { content: "back" });
    const client = new LlmClient({ baseURL: server.baseUrl, model: "m", failureThreshold: 2, cooldownMs: 10_000, now: () => now });
    await client.complete([{ role: "user", content: "1" }]);
    await client.complete([{ role: "user", content: "2" }]);
    expect(client.circuitOpen).toBe(true);
    expect(await client.complete([{ role: "user", content: "3" }])).toEqual({ ok: false, reason: "circuit_open" });
    expect(server.requests).toHaveLength(2);
    now += 10_001;
    expect(await client.complete([{ role: "user", content: "4" }])).toMatchObject({ ok: true, content: "back" });
  });
});

describe("the scripted model's streaming", () => {
  it("streams deltas and tool calls the official SDK assembles", async () => {
    const OpenAI = (await import("openai")).default;
    const server = await startScriptedModel([{ content: "Refunds take 1–3 business days." }, { toolCalls: [{ name: "find_products", arguments: '{"query":"tea"}' }] }]);
    try {
      const sdk = new OpenAI({ baseURL: server.baseUrl, apiKey: "x", maxRetries: 0 });
      let text = "";
      for await (const chunk of await sdk.chat.completions.create({ model: "m", messages: [{ role: "user", content: "?" }], stream: true })) text += chunk.choices[0]?.delta.content ?? "";
      expect(text).toBe("Refunds take 1–3 business days.");
      const runner = sdk.chat.completions.stream({ model: "m", messages: [{ role: "user", content: "tea" }] });
      const final = await runner.finalChatCompletion();
      expect(final.choices[0]!.message.tool_calls?.[0]).toMatchObject({ function: { name: "find_products", arguments: '{"query":"tea"}' } });
    } finally {
      await server.close();
    }
  });
});
