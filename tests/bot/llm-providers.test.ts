import { afterEach, describe, expect, it } from "vitest";
import { llmClientsFromEnv, merchantLlmChoice } from "../../api/adapters/llm.ts";
import { LlmClients } from "../../bot/llm/providers.ts";
import { startScriptedAnthropic } from "../fakes/anthropic-server.ts";
import { startScriptedModel } from "../fakes/openai-server.ts";

const base = { OPENAI_TIMEOUT_MS: 8000 };

describe("the model provider from the environment", () => {
  it("is openai when OPENAI_API_KEY or OPENAI_BASE_URL is set, as before, with OPENAI_MODEL", () => {
    const clients = llmClientsFromEnv({ ...base, OPENAI_API_KEY: "sk-x", OPENAI_MODEL: "gpt-4.1-mini", ANTHROPIC_API_KEY: "sk-ant" }) as LlmClients;
    expect(clients.defaultProvider).toBe("openai");
    expect(clients.default).toMatchObject({ provider: "openai", model: "gpt-4.1-mini" });
    expect(clients.providers).toEqual(["openai", "anthropic"]);
    expect((llmClientsFromEnv({ ...base, OPENAI_BASE_URL: "http://localhost:8000/v1" }) as LlmClients).default.model).toBe("gpt-4o-mini");
  });

  it("follows LLM_PROVIDER and LLM_MODEL, and otherwise the first provider with settings", () => {
    expect((llmClientsFromEnv({ ...base, LLM_PROVIDER: "anthropic", LLM_MODEL: "claude-sonnet-4-5", OPENAI_API_KEY: "sk-x", ANTHROPIC_API_KEY: "sk-ant" }) as LlmClients).default).toMatchObject({ provider: "anthropic", model: "claude-sonnet-4-5" });
    expect((llmClientsFromEnv({ ...base, ANTHROPIC_BASE_URL: "http://127.0.0.1:1" }) as LlmClients).default).toMatchObject({ provider: "anthropic", model: "claude-haiku-4-5" });
    expect((llmClientsFromEnv({ ...base, LLM_PROVIDER: "ollama" }) as LlmClients).default).toMatchObject({ provider: "ollama", model: "qwen2.5" });
    expect(llmClientsFromEnv(base)).toBeUndefined();
  });

  it("refuses to start with a provider that is not configured", () => {
    expect(llmClientsFromEnv({ ...base, LLM_PROVIDER: "anthropic", OPENAI_API_KEY: "sk-x" })).toEqual({ error: expect.stringMatching(/ANTHROPIC_API_KEY/) });
    expect(llmClientsFromEnv({ ...base, LLM_PROVIDER: "openai" })).toEqual({ error: expect.stringMatching(/OPENAI_API_KEY/) });
  });
});

describe("a merchant's settings.llm", () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it("is read leniently: anything malformed is no choice", () => {
    expect(merchantLlmChoice({ llm: { provider: "anthropic", model: " claude-x " } })).toEqual({ provider: "anthropic", model: "claude-x" });
    expect(merchantLlmChoice({ llm: { provider: "gemini" } })).toEqual({});
    expect(merchantLlmChoice({ llm: "openai" })).toEqual({});
    expect(merchantLlmChoice(null)).toEqual({});
    expect(merchantLlmChoice({ shipping: {} })).toEqual({});
  });

  it("picks a configured provider and model, one client each, and the default for one not configured", async () => {
    const openai = await startScriptedModel([{ content: "from openai" }]);
    const anthropic = await startScriptedAnthropic([{ content: "from anthropic" }]);
    servers.push(openai, anthropic);
    const clients = new LlmClients({ openai: { baseURL: openai.baseUrl, apiKey: "k" }, anthropic: { baseURL: anthropic.baseUrl, apiKey: "k" } }, "openai", "shop-default");
    expect(clients.for({})).toBe(clients.default);
    expect(clients.for({ provider: "ollama" })).toBe(clients.default);
    const chosen = clients.for({ provider: "anthropic", model: "claude-x" });
    expect(chosen).toMatchObject({ provider: "anthropic", model: "claude-x" });
    expect(clients.for({ provider: "anthropic", model: "claude-x" })).toBe(chosen);
    expect(clients.for({ provider: "anthropic" }).model).toBe("claude-haiku-4-5");
    expect(await chosen.complete([{ role: "user", content: "hi" }])).toMatchObject({ ok: true, content: "from anthropic" });
    expect(anthropic.requests[0]!.body.model).toBe("claude-x");
    expect(await clients.default.complete([{ role: "user", content: "hi" }])).toMatchObject({ ok: true, content: "from openai" });
    expect(openai.requests[0]!.body.model).toBe("shop-default");
    expect(await clients.reachability()).toEqual({ openai: "ok", anthropic: "ok" });
    expect(openai.requests).toHaveLength(1);
  });
});
