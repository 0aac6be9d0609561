import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";

export interface LlmOptions {
  baseURL?: string;
  apiKey?: string;
  model: string;
  /** Give up on one call after this long and let the local engine answer. @defaultValue 8000 */
  timeoutMs?: number;
  /** Consecutive failures that open the circuit. @defaultValue 3 */
  failureThreshold?: number;
  /** How long an open circuit skips the model entirely. @defaultValue 30000 */
  cooldownMs?: number;
  /** Upper bound on tokens per reply. @defaultValue 400 */
  maxTokens?: number;
  now?: () => number;
}

export type LlmResult =
  | { ok: true; content: string | null; toolCalls: { id: string; name: string; arguments: string }[]; /** Tokens used: as the server reports, else estimated. */ usage: number }
  | { ok: false; reason: "circuit_open" | "timeout" | "http_error" | "malformed" };

/** One reply as the server sent it (usage only when it reports it). */
type Reply = { content: string | null; toolCalls: Extract<LlmResult, { ok: true }>["toolCalls"]; usage?: number };

/**
 * An OpenAI-compatible Chat Completions client (OpenAI, Azure OpenAI, Ollama, vLLM,
 * llama.cpp) that never throws: timeouts, HTTP errors and malformed replies come back as
 * `{ ok: false }` so the caller falls back to the local engine, and repeated failures open
 * a circuit breaker that skips the model for a while.
 */
export class LlmClient {
  private readonly client: OpenAI;
  private failures = 0;
  private openUntil = 0;

  constructor(private readonly options: LlmOptions) {
    this.client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? "not-needed", timeout: options.timeoutMs ?? 8000, maxRetries: 0 });
  }

  get circuitOpen(): boolean {
    return this.now() < this.openUntil;
  }

  /**
   * One Chat Completions call. With `onDelta` the reply is streamed (SSE) and every piece of
   * text is handed over as it arrives; tool calls are assembled from their fragments.
   */
  async complete(messages: ChatCompletionMessageParam[], tools: ChatCompletionTool[] = [], options: { onDelta?: (text: string) => void; timeoutMs?: number } = {}): Promise<LlmResult> {
    if (this.circuitOpen) return { ok: false, reason: "circuit_open" };
    const timeoutMs = Math.min(options.timeoutMs ?? Infinity, this.options.timeoutMs ?? 8000);
    if (timeoutMs <= 0) return { ok: false, reason: "timeout" };
    const request = {
      model: this.options.model,
      messages,
      ...(tools.length ? { tools } : {}),
      max_tokens: this.options.maxTokens ?? 400,
      temperature: 0.2,
    };
    try {
      const result = options.onDelta ? await this.streamed(request, options.onDelta, timeoutMs) : await this.whole(request, timeoutMs);
      if (!result) return this.fail("malformed");
      this.failures = 0;
      return { ok: true, content: result.content, toolCalls: result.toolCalls, usage: result.usage ?? estimateTokens(messages, result.content) };
    } catch (error) {
      const name = (error as Error)?.constructor?.name ?? "";
      if (/Timeout/i.test(name) || /timed? ?out/i.test((error as Error).message)) return this.fail("timeout");
      if (error instanceof OpenAI.APIError && error.status !== undefined) return this.fail("http_error");
      return this.fail("malformed");
    }
  }

  private async whole(request: ChatCompletionCreateParamsNonStreaming, timeoutMs: number): Promise<Reply | null> {
    const response = await this.client.chat.completions.create(request, { timeout: timeoutMs });
    const message = response.choices?.[0]?.message;
    if (!message) return null;
    const toolCalls = (message.tool_calls ?? []).flatMap((c) => (c.type === "function" ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : []));
    return { content: message.content ?? null, toolCalls, usage: response.usage?.total_tokens };
  }

  private async streamed(request: ChatCompletionCreateParamsNonStreaming, onDelta: (text: string) => void, timeoutMs: number): Promise<Reply | null> {
    // The whole stream shares the call's deadline, not just the first byte.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const stream = await this.client.chat.completions.create({ ...request, stream: true }, { signal: abort.signal });
      let content = "";
      let usage: number | undefined;
      let chunks = 0;
      const calls: { id: string; name: string; arguments: string }[] = [];
      for await (const chunk of stream) {
        chunks++;
        if (chunk.usage?.total_tokens) usage = chunk.usage.total_tokens;
        const delta = chunk.choices?.[0]?.delta;
        if (!delta) continue;
        if (delta.content) {
          content += delta.content;
          onDelta(delta.content);
        }
        for (const piece of delta.tool_calls ?? []) {
          const call = (calls[piece.index] ??= { id: "", name: "", arguments: "" });
          if (piece.id) call.id = piece.id;
          if (piece.function?.name) call.name += piece.function.name;
          if (piece.function?.arguments) call.arguments += piece.function.arguments;
        }
      }
      if (chunks === 0) return null;
      return { content: content || null, toolCalls: calls.filter(Boolean), usage };
    } catch (error) {
      if (abort.signal.aborted) throw Object.assign(new Error("stream timed out"), { name: "TimeoutError" });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(reason: Exclude<Extract<LlmResult, { ok: false }>["reason"], "circuit_open">): LlmResult {
    this.failures++;
    if (this.failures >= (this.options.failureThreshold ?? 3)) {
      this.openUntil = this.now() + (this.options.cooldownMs ?? 30_000);
      this.failures = 0;
    }
    return { ok: false, reason };
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }
}

/** When a server reports no usage (some streaming servers do not): about three characters a token. */
function estimateTokens(messages: ChatCompletionMessageParam[], content: string | null): number {
  const chars = messages.reduce((n, m) => n + (typeof m.content === "string" ? m.content.length : JSON.stringify(m.content ?? "").length), 0) + (content?.length ?? 0);
  return Math.ceil(chars / 3);
}
