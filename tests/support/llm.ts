import { afterEach } from "vitest";
import { MemoryTokenBudget } from "../../bot/llm/budget.ts";
import { createAgent, type Agent, type AgentCaps, type AgentResult } from "../../bot/llm/agent.ts";
import { LlmClient, type LlmOptions, type LlmProvider } from "../../bot/llm/client.ts";
import type { KnowledgePort, Locale, ShopperIdentity } from "../../bot/ports.ts";
import { startConversation } from "../fakes/conversation.ts";
import { InMemoryCommerce } from "../fakes/commerce.ts";
import { demoProducts } from "../fakes/catalog.ts";
import { startScriptedAnthropic } from "../fakes/anthropic-server.ts";
import { startScriptedOllama } from "../fakes/ollama-server.ts";
import { startScriptedModel, type ScriptedReply } from "../fakes/openai-server.ts";

/** The providers whose scripted servers every agent test runs against. */
export const SCRIPTED_PROVIDERS = ["openai", "anthropic"] as const satisfies readonly LlmProvider[];
/** Ollama's scripted server too (smoke tests: Ollama's tool calls carry no ids, and its arguments are always whole JSON). */
export type ScriptedProvider = (typeof SCRIPTED_PROVIDERS)[number] | "ollama";

export type ScriptedServer = Awaited<ReturnType<typeof startScriptedModel>>;

/** The provider's scripted server; its recorded `body` reads the same for both (see the Anthropic one). */
export function startScripted(provider: ScriptedProvider, script: ScriptedReply[]): Promise<ScriptedServer> {
  if (provider === "ollama") return startScriptedOllama(script);
  return provider === "anthropic" ? startScriptedAnthropic(script) : startScriptedModel(script);
}

/** The real client of that provider, pointed at its scripted server. */
export function scriptedClient(provider: ScriptedProvider, server: { baseUrl: string }, options: Partial<LlmOptions> = {}): LlmClient {
  return new LlmClient({ provider, baseURL: server.baseUrl, apiKey: "test-key", model: "scripted", ...options });
}

/**
 * A conversation with the real bot whose model is the provider's scripted server reached
 * over HTTP by the real client. Servers close after each test.
 */
export function useScriptedAgent(provider: ScriptedProvider = "openai") {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async function scriptedConversation(
    script: ScriptedReply[],
    options: {
      shopper?: ShopperIdentity;
      locale?: Locale;
      commerce?: InMemoryCommerce;
      knowledge?: KnowledgePort;
      dailyTokens?: number;
      caps?: Partial<AgentCaps>;
      timeoutMs?: number;
      failureThreshold?: number;
    } = {},
  ) {
    const model = await startScripted(provider, script);
    open.push(model);
    const client = scriptedClient(provider, model, { timeoutMs: options.timeoutMs ?? 2000, failureThreshold: options.failureThreshold ?? 3 });
    const real = createAgent({ client, budget: new MemoryTokenBudget(options.dailyTokens ?? 1_000_000), caps: options.caps, linkHosts: ["shop.example.com"] });
    // What the agent returned each model turn (with the failure detail the bot's result leaves out).
    const agentResults: AgentResult[] = [];
    const agent: Agent = {
      async answer(ctx, turn) {
        const result = await real.answer(ctx, turn);
        agentResults.push(result);
        return result;
      },
    };
    const commerce = options.commerce ?? new InMemoryCommerce(demoProducts());
    const conversation = startConversation({ agent, commerce, knowledge: options.knowledge, shopper: options.shopper, locale: options.locale });
    return Object.assign(conversation, { model, client, agentResults });
  };
}

/** The tool messages the model was sent (parsed), in order. */
export function toolMessages(requests: { body: any }[]): any[] {
  const last = requests.at(-1)?.body.messages ?? [];
  return last.filter((m: any) => m.role === "tool").map((m: any) => JSON.parse(m.content));
}

export const call = (name: string, args: object | string) => ({ toolCalls: [{ name, arguments: typeof args === "string" ? args : JSON.stringify(args) }] });
