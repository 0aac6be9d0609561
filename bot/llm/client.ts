import { ChatAnthropic } from "@langchain/anthropic";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage, ToolMessage, type BaseMessage, type ToolCallChunk } from "@langchain/core/messages";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAICompletions } from "@langchain/openai";
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll, type CircuitBreakerPolicy } from "cockatiel";

/** The model providers the agent speaks to, each through its LangChain chat model. */
export const LLM_PROVIDERS = ["openai", "anthropic", "ollama"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** The model each provider uses when neither `LLM_MODEL` nor the merchant's settings name one. */
export const DEFAULT_MODELS: Record<LlmProvider, string> = { openai: "gpt-4o-mini", anthropic: "claude-haiku-4-5", ollama: "qwen2.5" };

export interface LlmOptions {
  /** @defaultValue "openai" */
  provider?: LlmProvider;
  /**
   * Where the provider is. OpenAI-compatible: the API root with its version ("https://api.openai.com/v1",
   * "http://localhost:8000/v1"); Anthropic: the root the official SDK takes (requests go to `$baseURL/v1/messages`);
   * Ollama: the server root ("http://127.0.0.1:11434").
   */
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
}

/** One message of a conversation with the model, whatever the provider. */
export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; content: string };

/** A tool call as the model wrote it; `arguments` is the raw JSON text, checked by the caller. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A tool the model may call, its parameters as JSON Schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export type LlmFailure = "circuit_open" | "timeout" | "http_error" | "malformed";
export type LlmResult = { ok: true; content: string | null; toolCalls: ToolCall[]; /** Tokens used: as the server reports, else estimated. */ usage: number } | { ok: false; reason: LlmFailure };

/** One reply as the server sent it (usage only when it reports it). */
type Reply = { content: string | null; toolCalls: ToolCall[]; usage?: number };

class Malformed extends Error {}
class Deadline extends Error {}

/**
 * The agent's model: a LangChain chat model of the configured provider (OpenAI-compatible
 * Chat Completions, Anthropic Messages, Ollama) that never throws. Timeouts, HTTP errors and
 * malformed replies come back as `{ ok: false }` so the caller falls back to the local
 * engine, and repeated failures open cockatiel's circuit breaker, which skips the model for a
 * while. LangChain streams the deltas, assembles tool calls from their chunks and reports
 * usage; the call is cancelled through its AbortSignal at the deadline.
 */
export class LlmClient {
  readonly provider: LlmProvider;
  private readonly chat: BaseChatModel;
  private readonly breaker: CircuitBreakerPolicy;
  private probed?: { at: number; ok: Promise<boolean> };

  constructor(private readonly options: LlmOptions) {
    this.provider = options.provider ?? "openai";
    this.chat = chatModel(this.provider, options);
    this.breaker = circuitBreaker(handleAll, { halfOpenAfter: options.cooldownMs ?? 30_000, breaker: new ConsecutiveBreaker(options.failureThreshold ?? 3) });
  }

  get model(): string {
    return this.options.model;
  }

  /** Whether the circuit is open (it half-opens at the first call after the cooldown). */
  get circuitOpen(): boolean {
    return this.breaker.state === CircuitState.Open;
  }

  /**
   * One model call. With `onDelta` the reply is streamed and every piece of text is handed
   * over as it arrives. The whole call, stream included, shares one deadline.
   */
  async complete(messages: ChatMessage[], tools: ToolSpec[] = [], options: { onDelta?: (text: string) => void; timeoutMs?: number } = {}): Promise<LlmResult> {
    const timeoutMs = Math.min(options.timeoutMs ?? Infinity, this.options.timeoutMs ?? 8000);
    if (timeoutMs <= 0) return { ok: false, reason: "timeout" };
    const input = messages.map(toLangChain);
    const runnable = tools.length && this.chat.bindTools ? this.chat.bindTools(tools.map((t) => ({ type: "function" as const, function: t }))) : this.chat;
    try {
      const result = await this.breaker.execute(() => withDeadline(timeoutMs, (signal) => (options.onDelta ? this.streamed(runnable, input, signal, options.onDelta) : this.whole(runnable, input, signal))));
      return { ok: true, content: result.content, toolCalls: result.toolCalls, usage: result.usage || estimateTokens(messages, result.content) };
    } catch (error) {
      return { ok: false, reason: classify(error) };
    }
  }

  /**
   * Whether the provider answers, without spending tokens: its list of models (Ollama: its
   * tags), with a short timeout, remembered for a while so probes do not pile up.
   */
  reachable(options: { timeoutMs?: number; cacheMs?: number } = {}): Promise<boolean> {
    const now = Date.now();
    if (this.probed && now - this.probed.at < (options.cacheMs ?? 30_000)) return this.probed.ok;
    const { url, headers } = modelsEndpoint(this.provider, this.options);
    const ok = fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 2000) }).then(
      async (res) => {
        await res.body?.cancel();
        return res.ok;
      },
      () => false,
    );
    this.probed = { at: now, ok };
    return ok;
  }

  private async whole(runnable: Runnable, input: BaseMessage[], signal: AbortSignal): Promise<Reply> {
    const message = (await runnable.invoke(input, { signal })) as AIMessage;
    if (!AIMessage.isInstance(message)) throw new Malformed("not a message");
    const toolCalls: ToolCall[] = [
      ...(message.tool_calls ?? []).map((c, i) => ({ id: c.id ?? `call_${i}`, name: c.name, arguments: JSON.stringify(c.args ?? {}) })),
      // Arguments the provider could not parse stay raw, and the agent refuses them.
      ...(message.invalid_tool_calls ?? []).map((c, i) => ({ id: c.id ?? `invalid_${i}`, name: c.name ?? "", arguments: c.args ?? "" })),
    ];
    return { content: textOf(message.content) || null, toolCalls, usage: message.usage_metadata?.total_tokens };
  }

  private async streamed(runnable: Runnable, input: BaseMessage[], signal: AbortSignal, onDelta: (text: string) => void): Promise<Reply> {
    let whole: AIMessageChunk | undefined;
    let text = "";
    let calls = 0;
    for await (const raw of await runnable.stream(input, { signal })) {
      let chunk = raw as AIMessageChunk;
      // Ollama sends each tool call whole, all at index 0: numbered, LangChain's merge keeps them apart.
      if (this.provider === "ollama" && chunk.tool_call_chunks?.length) {
        chunk = new AIMessageChunk({ ...chunk, content: chunk.content, tool_call_chunks: chunk.tool_call_chunks.map((c) => ({ ...c, index: calls++ })) });
      }
      const delta = textOf(chunk.content);
      if (delta) {
        text += delta;
        onDelta(delta);
      }
      whole = whole ? whole.concat(chunk) : chunk;
    }
    if (!whole) throw new Malformed("empty stream");
    // The assembled arguments are parsed strictly by the agent: LangChain's partial-JSON
    // repair would run a call the model never finished.
    const toolCalls = (whole.tool_call_chunks ?? []).filter((c: ToolCallChunk) => c.name).map((c: ToolCallChunk, i: number) => ({ id: c.id ?? `call_${i}`, name: c.name!, arguments: c.args ?? "" }));
    return { content: text || null, toolCalls, usage: whole.usage_metadata?.total_tokens };
  }
}

type Runnable = Pick<BaseChatModel, "invoke" | "stream">;

function chatModel(provider: LlmProvider, o: LlmOptions): BaseChatModel {
  const common = { model: o.model, temperature: 0.2, maxTokens: o.maxTokens ?? 400 };
  // No retries inside a turn: the shopper is waiting, and the same-turn fallback to the local
  // engine is the retry. LangChain's own retry (with backoff) is turned off by maxRetries: 0.
  switch (provider) {
    case "anthropic":
      return new ChatAnthropic({ ...common, apiKey: o.apiKey ?? "not-needed", anthropicApiUrl: o.baseURL, maxRetries: 0, streamUsage: true });
    case "ollama":
      return new ChatOllama({ model: o.model, temperature: 0.2, numPredict: o.maxTokens ?? 400, baseUrl: o.baseURL, maxRetries: 0 });
    default:
      // The Chat Completions wire always (ChatOpenAI may pick the Responses API, which OpenAI-compatible servers lack).
      return new ChatOpenAICompletions({ ...common, apiKey: o.apiKey ?? "not-needed", configuration: { baseURL: o.baseURL }, maxRetries: 0, streamUsage: true, timeout: o.timeoutMs ?? 8000 });
  }
}

function toLangChain(m: ChatMessage): BaseMessage {
  switch (m.role) {
    case "system":
      return new SystemMessage(m.content);
    case "user":
      return new HumanMessage(m.content);
    case "tool":
      return new ToolMessage({ content: m.content, tool_call_id: m.toolCallId });
    case "assistant":
      return new AIMessage({ content: m.content ?? "", tool_calls: (m.toolCalls ?? []).map((c) => ({ id: c.id, name: c.name, args: parseArgs(c.arguments), type: "tool_call" as const })) });
  }
}

function parseArgs(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text || "{}");
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** The text of a message's content: a string, or the text blocks of a list (Anthropic with tools). */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((b) => (b && typeof b === "object" && (b as { type?: string }).type === "text" ? String((b as { text?: unknown }).text ?? "") : "")).join("");
}

/**
 * Runs `fn` with a signal that aborts at the deadline, and settles by the deadline even when
 * a provider's stream does not notice the abort until its next chunk.
 */
async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort(new Deadline("deadline"));
      reject(new Deadline("deadline"));
    }, ms);
  });
  const work = fn(abort.signal);
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    throw abort.signal.aborted ? new Deadline("deadline") : error;
  } finally {
    clearTimeout(timer);
  }
}

function classify(error: unknown): LlmFailure {
  if (error instanceof BrokenCircuitError) return "circuit_open";
  if (error instanceof Deadline) return "timeout";
  const e = error as { name?: string; message?: string; status?: unknown; status_code?: unknown } | null;
  if (/Timeout/i.test(e?.name ?? "") || /timed? ?out/i.test(e?.message ?? "")) return "timeout";
  if (typeof e?.status === "number" || typeof e?.status_code === "number") return "http_error";
  return "malformed";
}

/** The list of models: a GET that costs no tokens. */
function modelsEndpoint(provider: LlmProvider, o: LlmOptions): { url: string; headers: Record<string, string> } {
  const root = (url: string) => url.replace(/\/+$/, "");
  switch (provider) {
    case "anthropic":
      return { url: `${root(o.baseURL ?? "https://api.anthropic.com")}/v1/models`, headers: { "x-api-key": o.apiKey ?? "", "anthropic-version": "2023-06-01" } };
    case "ollama":
      return { url: `${root(o.baseURL ?? "http://127.0.0.1:11434")}/api/tags`, headers: {} };
    default:
      return { url: `${root(o.baseURL ?? "https://api.openai.com/v1")}/models`, headers: o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {} };
  }
}

/** When a server reports no usage (some streaming servers do not): about three characters a token. */
function estimateTokens(messages: ChatMessage[], content: string | null): number {
  const chars = messages.reduce((n, m) => n + (m.content?.length ?? 0), 0) + (content?.length ?? 0);
  return Math.ceil(chars / 3);
}
