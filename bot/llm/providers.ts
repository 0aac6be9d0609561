import { DEFAULT_MODELS, LLM_PROVIDERS, LlmClient, type LlmOptions, type LlmProvider } from "./client.ts";

/** A merchant's choice of model (`settings.llm`): either part may be left to the deployment's default. */
export interface LlmChoice {
  provider?: LlmProvider;
  model?: string;
}

/** How to reach one provider: everything but the model, which a merchant may choose. */
export type ProviderConnection = Omit<LlmOptions, "provider" | "model"> & {
  /** The model when neither `LLM_MODEL` nor the merchant names one. */
  model?: string;
};

/**
 * The deployment's model clients: the default one, and one per provider and model that a
 * merchant chose in `settings.llm` among the providers this deployment can reach. Clients
 * are kept (each with its own circuit breaker), so one merchant's broken choice does not
 * open the circuit for everybody else.
 */
export class LlmClients {
  private readonly made = new Map<string, LlmClient>();
  readonly default: LlmClient;

  constructor(
    private readonly connections: Partial<Record<LlmProvider, ProviderConnection>>,
    readonly defaultProvider: LlmProvider,
    /** `LLM_MODEL`: the model of the default provider (a merchant's own choice wins). */
    private readonly defaultModel?: string,
  ) {
    if (!connections[defaultProvider]) throw new Error(`LLM provider ${defaultProvider} is not configured`);
    this.default = this.client(defaultProvider, this.modelOf(defaultProvider));
  }

  /** The providers a merchant may choose. */
  get providers(): LlmProvider[] {
    return LLM_PROVIDERS.filter((p) => this.connections[p]);
  }

  /** The client for a merchant's choice; a provider this deployment cannot reach falls back to the default. */
  for(choice: LlmChoice = {}): LlmClient {
    const provider = choice.provider && this.connections[choice.provider] ? choice.provider : this.defaultProvider;
    const model = choice.model ?? this.modelOf(provider);
    return this.client(provider, model);
  }

  /** Whether each configured provider answers (no tokens spent; see `LlmClient.reachable`). */
  async reachability(): Promise<Partial<Record<LlmProvider, "ok" | "down">>> {
    const entries = await Promise.all(this.providers.map(async (p) => [p, (await this.for({ provider: p }).reachable()) ? "ok" : "down"] as const));
    return Object.fromEntries(entries);
  }

  private modelOf(provider: LlmProvider): string {
    if (provider === this.defaultProvider && this.defaultModel) return this.defaultModel;
    return this.connections[provider]?.model ?? DEFAULT_MODELS[provider];
  }

  private client(provider: LlmProvider, model: string): LlmClient {
    const key = `${provider}\u0000${model}`;
    let client = this.made.get(key);
    if (!client) {
      const { model: _, ...connection } = this.connections[provider]!;
      client = new LlmClient({ ...connection, provider, model });
      this.made.set(key, client);
    }
    return client;
  }
}
