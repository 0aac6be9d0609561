import { afterEach, describe, expect, it, vi } from "vitest";
import { LlmClient, type ToolSpec } from "../../bot/llm/client.ts";
import { startScriptedAnthropic } from "../fakes/anthropic-server.ts";
import { startScriptedOllama } from "../fakes/ollama-server.ts";
import { startScriptedModel, type ScriptedReply } from "../fakes/openai-server.ts";
import { SCRIPTED_PROVIDERS, scriptedClient, startScripted, type ScriptedServer } from "../support/llm.ts";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const refundTool: ToolSpec = { name: "search_help_center", description: "Search the help center", parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] } };

describe.each(SCRIPTED_PROVIDERS)("the %s client against its scripted server", (provider) => {
  const model = async (...script: ScriptedReply[]): Promise<ScriptedServer & { raw?: unknown }> => {
    const server = await startScripted(provider, script);
    servers.push(server);
    return server;
  };
  /** The request as it went over the wire. */
  const wire = (server: ScriptedServer, i: number) => (server.requests[i] as { raw?: any; body: any }).raw ?? server.requests[i]!.body;

  it("returns the model's text and tool calls, sending the request in the provider's wire format", async () => {
    const server = await model({ content: "你好！" }, { toolCalls: [{ name: "search_help_center", arguments: '{"query":"refund"}' }] });
    const client = scriptedClient(provider, server, { model: "test-model" });
    expect(await client.complete([{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }])).toMatchObject({ ok: true, content: "你好！", toolCalls: [] });
    const second = await client.complete([{ role: "user", content: "refund?" }], [refundTool]);
    expect(second).toMatchObject({ ok: true, toolCalls: [{ name: "search_help_center", arguments: '{"query":"refund"}' }] });
    if (!second.ok) return;
    // A tool round goes back to the model as the provider expects it (tool_result / role "tool").
    const third = await client.complete([{ role: "user", content: "refund?" }, { role: "assistant", content: null, toolCalls: second.toolCalls }, { role: "tool", toolCallId: second.toolCalls[0]!.id, content: '{"untrusted":true}' }], [refundTool]);
    expect(third.ok).toBe(true);
    if (provider === "anthropic") {
      expect(wire(server, 0)).toMatchObject({ model: "test-model", max_tokens: 400, system: "Be brief.", messages: [{ role: "user", content: "hi" }] });
      expect(wire(server, 1).tools).toEqual([{ name: "search_help_center", description: "Search the help center", input_schema: refundTool.parameters }]);
      expect(wire(server, 2).messages.at(-1)).toMatchObject({ role: "user", content: [{ type: "tool_result", tool_use_id: second.toolCalls[0]!.id }] });
      expect(server.requests[0]!.headers).toMatchObject({ "x-api-key": "test-key", "anthropic-version": expect.any(String) });
    } else {
      expect(wire(server, 0)).toMatchObject({ model: "test-model", max_tokens: 400, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }] });
      expect(wire(server, 1).tools).toEqual([{ type: "function", function: { name: "search_help_center", description: "Search the help center", parameters: refundTool.parameters } }]);
      expect(wire(server, 2).messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: second.toolCalls[0]!.id });
      expect(server.requests[0]!.headers.authorization).toBe("Bearer test-key");
    }
  });

  it("streams text deltas, assembles tool calls from their pieces and reports usage", async () => {
    const text = "Unopened tea can go back within 7 days of delivery.";
    const server = await model({ content: text }, { toolCalls: [{ name: "search_help_center", arguments: '{"query":"returns after a week, unopened"}' }, { name: "find_products", arguments: '{"query":"oolong"}' }] });
    const client = scriptedClient(provider, server);
    const deltas: string[] = [];
    const first = await client.complete([{ role: "user", content: "can I return it?" }], [refundTool], { onDelta: (d) => deltas.push(d) });
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe(text);
    expect(first).toMatchObject({ ok: true, content: text, toolCalls: [] });
    expect(wire(server, 0).stream).toBe(true);
    // The usage the server reported (within the one token Anthropic's message_start counts), not an estimate.
    const reported = Math.ceil("can I return it?".length / 3) + Math.ceil(text.length / 3);
    expect(first.ok && first.usage).toBeGreaterThanOrEqual(reported);
    expect(first.ok && first.usage).toBeLessThanOrEqual(reported + 1);
    const second = await client.complete([{ role: "user", content: "returns?" }], [refundTool], { onDelta: () => undefined });
    expect(second).toMatchObject({
      ok: true,
      toolCalls: [
        { name: "search_help_center", arguments: '{"query":"returns after a week, unopened"}' },
        { name: "find_products", arguments: '{"query":"oolong"}' },
      ],
    });
  });

  it("never throws: errors, overload, malformed replies, broken streams and timeouts come back as failures", async () => {
    const server = await model({ status: 500 }, { status: 529 }, { malformed: true }, { streamError: "overloaded", content: "Half a sent" }, { content: "late", delayMs: 1500 }, { content: "slow", chunkDelayMs: 400 });
    const client = scriptedClient(provider, server, { timeoutMs: 300, failureThreshold: 10 });
    expect(await client.complete([{ role: "user", content: "a" }])).toEqual({ ok: false, reason: "http_error" });
    expect(await client.complete([{ role: "user", content: "b" }])).toEqual({ ok: false, reason: "http_error" });
    expect((await client.complete([{ role: "user", content: "c" }])).ok).toBe(false);
    expect((await client.complete([{ role: "user", content: "d" }], [], { onDelta: () => undefined })).ok).toBe(false);
    const started = Date.now();
    expect(await client.complete([{ role: "user", content: "e" }])).toEqual({ ok: false, reason: "timeout" });
    // A stream that trickles past the deadline is cut at the deadline, not at its end.
    expect(await client.complete([{ role: "user", content: "f" }], [], { onDelta: () => undefined })).toEqual({ ok: false, reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("opens the circuit after repeated failures, skips the model while open, and closes after the cooldown", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const server = await model({ status: 503 }, { status: 503 }, { content: "back" });
    const client = scriptedClient(provider, server, { failureThreshold: 2, cooldownMs: 10_000 });
    await client.complete([{ role: "user", content: "1" }]);
    await client.complete([{ role: "user", content: "2" }]);
    expect(client.circuitOpen).toBe(true);
    expect(await client.complete([{ role: "user", content: "3" }])).toEqual({ ok: false, reason: "circuit_open" });
    expect(server.requests).toHaveLength(2);
    vi.setSystemTime(Date.now() + 10_001);
    expect(await client.complete([{ role: "user", content: "4" }])).toMatchObject({ ok: true, content: "back" });
    expect(client.circuitOpen).toBe(false);
  });

  it("tells whether the provider is reachable without spending tokens, and remembers it for a while", async () => {
    const server = await model({ content: "never asked" });
    const client = scriptedClient(provider, server);
    expect(await client.reachable()).toBe(true);
    expect(server.requests).toHaveLength(0);
    await server.close();
    servers.pop();
    expect(await client.reachable()).toBe(true);
    expect(await client.reachable({ cacheMs: 0 })).toBe(false);
  });
});

describe("the scripted servers speak the wire the official SDKs read", () => {
  it("OpenAI: streams deltas and tool calls the official SDK assembles", async () => {
    const OpenAI = (await import("openai")).default;
    const server = await startScriptedModel([{ content: "Refunds take 1–3 business days." }, { toolCalls: [{ name: "find_products", arguments: '{"query":"tea"}' }] }]);
    servers.push(server);
    const sdk = new OpenAI({ baseURL: server.baseUrl, apiKey: "x", maxRetries: 0 });
    let text = "";
    for await (const chunk of await sdk.chat.completions.create({ model: "m", messages: [{ role: "user", content: "?" }], stream: true })) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("Refunds take 1–3 business days.");
    const runner = sdk.chat.completions.stream({ model: "m", messages: [{ role: "user", content: "tea" }] });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.message.tool_calls?.[0]).toMatchObject({ function: { name: "find_products", arguments: '{"query":"tea"}' } });
  });

  it("Anthropic: JSON and SSE replies, tool_use blocks and errors as @anthropic-ai/sdk reads them", async () => {
    const Anthropic = (await import("@anthropic-ai/sdk")).default;
    const server = await startScriptedAnthropic([
      { content: "Refunds take 1–3 business days." },
      { content: "Let me look.", toolCalls: [{ name: "find_products", arguments: '{"query":"tea","max_price":200}' }] },
      { status: 529 },
      { streamError: "Overloaded", content: "Half" },
    ]);
    servers.push(server);
    const sdk = new Anthropic({ baseURL: server.baseUrl, apiKey: "x", maxRetries: 0 });
    const whole = await sdk.messages.create({ model: "m", max_tokens: 100, messages: [{ role: "user", content: "?" }] });
    expect(whole).toMatchObject({ type: "message", role: "assistant", stop_reason: "end_turn", content: [{ type: "text", text: "Refunds take 1–3 business days." }] });
    expect(whole.usage.input_tokens).toBeGreaterThan(0);
    const stream = sdk.messages.stream({ model: "m", max_tokens: 100, messages: [{ role: "user", content: "tea" }], tools: [{ name: "find_products", input_schema: { type: "object" } }] });
    const texts: string[] = [];
    stream.on("text", (t) => texts.push(t));
    const final = await stream.finalMessage();
    expect(texts.join("")).toBe("Let me look.");
    expect(final.stop_reason).toBe("tool_use");
    expect(final.content[1]).toMatchObject({ type: "tool_use", name: "find_products", input: { query: "tea", max_price: 200 } });
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    await expect(sdk.messages.create({ model: "m", max_tokens: 100, messages: [{ role: "user", content: "?" }] })).rejects.toMatchObject({ status: 529 });
    await expect(sdk.messages.stream({ model: "m", max_tokens: 100, messages: [{ role: "user", content: "?" }] }).finalMessage()).rejects.toThrow(/Overloaded/);
    // What the real API refuses, the scripted one refuses too.
    await expect(sdk.messages.create({ model: "m", max_tokens: 100, messages: [] })).rejects.toMatchObject({ status: 400 });
  });
});

describe("Ollama (smoke test against a scripted /api/chat)", () => {
  const ollama = async (...script: ScriptedReply[]) => {
    const server = await startScriptedOllama(script);
    servers.push(server);
    return { server, client: new LlmClient({ provider: "ollama", baseURL: server.baseUrl, model: "qwen2.5", timeoutMs: 300, failureThreshold: 10 }) };
  };

  it("streams text, keeps two whole tool calls apart, reports usage and probes /api/tags", async () => {
    const { server, client } = await ollama({ content: "绿茶清爽，红茶醇厚。" }, { toolCalls: [{ name: "search_help_center", arguments: '{"query":"returns"}' }, { name: "find_products", arguments: '{"query":"oolong"}' }] });
    const deltas: string[] = [];
    const first = await client.complete([{ role: "system", content: "Be brief." }, { role: "user", content: "茶有什么区别？" }], [refundTool], { onDelta: (d) => deltas.push(d) });
    expect(first).toMatchObject({ ok: true, content: "绿茶清爽，红茶醇厚。", toolCalls: [] });
    expect(deltas.length).toBeGreaterThan(1);
    expect(first.ok && first.usage).toBe(Math.ceil(("Be brief.".length + "茶有什么区别？".length) / 3) + Math.ceil("绿茶清爽，红茶醇厚。".length / 3));
    expect(server.requests[0]!.raw).toMatchObject({ model: "qwen2.5", stream: true, tools: [{ type: "function", function: { name: "search_help_center" } }], options: { num_predict: 400 } });
    const second = await client.complete([{ role: "user", content: "returns?" }], [refundTool], { onDelta: () => undefined });
    expect(second).toMatchObject({ ok: true, toolCalls: [{ name: "search_help_center", arguments: '{"query":"returns"}' }, { name: "find_products", arguments: '{"query":"oolong"}' }] });
    // The round goes back as Ollama takes it: the assistant's calls, then the tool's result.
    if (!second.ok) return;
    await client.complete([{ role: "user", content: "returns?" }, { role: "assistant", content: null, toolCalls: second.toolCalls.slice(0, 1) }, { role: "tool", toolCallId: second.toolCalls[0]!.id, content: "{}" }], [refundTool], { onDelta: () => undefined });
    expect(server.requests[2]!.raw.messages.slice(1)).toMatchObject([{ role: "assistant", tool_calls: [{ function: { name: "search_help_center", arguments: { query: "returns" } } }] }, { role: "tool", content: "{}" }]);
    expect(await client.reachable()).toBe(true);
  });

  it("never throws: errors, a broken stream and a timeout come back as failures", async () => {
    const { client } = await ollama({ status: 500 }, { streamError: "model crashed", content: "Half" }, { content: "late", delayMs: 1500 });
    expect(await client.complete([{ role: "user", content: "a" }], [], { onDelta: () => undefined })).toEqual({ ok: false, reason: "http_error" });
    expect((await client.complete([{ role: "user", content: "b" }], [], { onDelta: () => undefined })).ok).toBe(false);
    expect(await client.complete([{ role: "user", content: "c" }], [], { onDelta: () => undefined })).toEqual({ ok: false, reason: "timeout" });
    const down = new LlmClient({ provider: "ollama", baseURL: "http://127.0.0.1:9", model: "qwen2.5" });
    expect(await down.reachable({ timeoutMs: 300 })).toBe(false);
  });
});
