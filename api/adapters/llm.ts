import { LLM_PROVIDERS, type LlmProvider } from "../../bot/llm/client.ts";
import { LlmClients, type LlmChoice, type ProviderConnection } from "../../bot/llm/providers.ts";
import type { Env } from "../env.ts";
import { settingsOf } from "../domain/merchants/settings.ts";

type LlmEnv = Pick<
  Env,
  "LLM_PROVIDER" | "LLM_MODEL" | "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_MODEL" | "OPENAI_TIMEOUT_MS" | "ANTHROPIC_API_KEY" | "ANTHROPIC_BASE_URL" | "OLLAMA_BASE_URL"
>;

/**
 * The model clients the environment configures, or undefined for the local engine only (no
 * provider configured), or an error message when `LLM_PROVIDER` names one that is not.
 * A provider counts as configured when its key or base URL is set; Ollama also when it is
 * the chosen provider (its usual local address then).
 */
export function llmClientsFromEnv(env: LlmEnv): LlmClients | undefined | { error: string } {
  const timeoutMs = env.OPENAI_TIMEOUT_MS;
  const connections: Partial<Record<LlmProvider, ProviderConnection>> = {};
  if (env.OPENAI_API_KEY || env.OPENAI_BASE_URL) connections.openai = { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL, timeoutMs };
  if (env.ANTHROPIC_API_KEY || env.ANTHROPIC_BASE_URL) connections.anthropic = { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL, timeoutMs };
  if (env.OLLAMA_BASE_URL || env.LLM_PROVIDER === "ollama") connections.ollama = { baseURL: env.OLLAMA_BASE_URL ?? "http://127.0.0.1:11434", timeoutMs };
  const provider = env.LLM_PROVIDER ?? LLM_PROVIDERS.find((p) => connections[p]);
  if (!provider) return undefined;
  if (!connections[provider]) return { error: `LLM_PROVIDER=${provider} needs ${provider === "openai" ? "OPENAI_API_KEY or OPENAI_BASE_URL" : "ANTHROPIC_API_KEY or ANTHROPIC_BASE_URL"}` };
  return new LlmClients(connections, provider, env.LLM_MODEL);
}

/** A merchant's model choice (`settings.llm`, see the settings table). */
export function merchantLlmChoice(settings: unknown): LlmChoice {
  return settingsOf(settings).llm;
}
