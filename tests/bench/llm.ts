import { existsSync, readFileSync } from "node:fs";
import { createBot } from "../../bot/engine.ts";
import { dialogueStateSchema } from "../../bot/dialogue/state.ts";
import { createAgent } from "../../bot/llm/agent.ts";
import { MemoryTokenBudget } from "../../bot/llm/budget.ts";
import { routeTurn } from "../../bot/llm/routing.ts";
import type { Nlu } from "../../bot/nlu/nlu.ts";
import { demoProducts } from "../fakes/catalog.ts";
import { InMemoryCommerce } from "../fakes/commerce.ts";
import { demoMerchant } from "../fakes/conversation.ts";
import { RecordingHandoff } from "../fakes/handoff.ts";
import { InMemoryKnowledge } from "../fakes/knowledge.ts";
import { scriptedClient, startScripted } from "../support/llm.ts";

type Record_ = (metric: string, value: number, unit: string, target?: string) => void;

/**
 * The LLM mode without a model: how often the hybrid rule sends a message to the model
 * (over the evaluation sets), what the agent adds to a turn against a scripted server
 * that answers at once, and how long the shopper waits when the model fails.
 */
export async function llmBench(nlu: Nlu, files: { file: string; label: string }[], record: Record_, pct: (v: number[], p: number) => number) {
  const catalog = demoProducts();
  const fresh = dialogueStateSchema.parse({});
  for (const { file, label } of files) {
    if (!existsSync(file)) continue;
    const rows = readFileSync(file, "utf8").split("\n").slice(1).filter(Boolean).map((l) => l.split("\t")[0]!);
    const toModel = rows.filter((text) => routeTurn({ text, state: fresh, nlu: nlu.parse(text, { catalog }) }) === "model").length;
    record(`hybrid routing ${label}: share of first messages sent to the model (${rows.length})`, toModel / rows.length, "");
  }

  // The same script against each provider's scripted server, through its real LangChain client.
  for (const provider of ["openai", "anthropic", "ollama"] as const) {
    const model = await startScripted(provider, [
      (body) =>
        body.messages.some((m: any) => m.role === "tool")
          ? { content: body.messages.some((m: any) => /\p{Script=Han}/u.test(m.content ?? "") && m.role === "user") ? "可以的，详见帮助中心 [1]。" : "Yes — see the help center [1]." }
          : { toolCalls: [{ name: "search_help_center", arguments: '{"query":"policy"}' }] },
    ]);
    try {
      const build = (baseUrl: string, timeoutMs = 8000) =>
        createBot(nlu, { commerce: new InMemoryCommerce(demoProducts()), knowledge: new InMemoryKnowledge(), handoff: new RecordingHandoff() }, {
          agent: createAgent({ client: scriptedClient(provider, { baseUrl }, { timeoutMs, failureThreshold: 1_000_000 }), budget: new MemoryTokenBudget(1e12) }),
        });
      const bot = build(model.baseUrl);
      const messages = ["hi there", "what is your return policy?", "do you have phone cases?", "how long does delivery take?", "can I get an invoice?", "where is my order", "你好", "退货政策是什么", "有蓝牙耳机吗", "几天能到", "可以开发票吗", "我的快递到哪了"];
      const paths = { local: 0, model: 0, fallback: 0 };
      const modelTurns: number[] = [];
      const localTurns: number[] = [];
      for (let i = 0; i < 20; i++) {
        let state: unknown = {};
        for (const text of messages) {
          const started = performance.now();
          const result = await bot.reply({ conversationId: `bench-${i}`, text, merchant: demoMerchant, shopper: { verified: false }, state, locale: "en" });
          (result.path === "model" ? modelTurns : localTurns).push(performance.now() - started);
          paths[result.path]++;
          state = result.state;
        }
      }
      const turns = paths.local + paths.model + paths.fallback;
      if (provider === "openai") {
        record(`hybrid routing, mixed script (${turns} turns): answered by the model`, paths.model / turns, "");
        record("local engine turn (same script), p50", pct(localTurns, 50), "ms");
      }
      if (paths.fallback > 0) throw new Error(`${provider}: ${paths.fallback} turns fell back against a scripted model that always answers`);
      record(`agent turn with one tool round, scripted ${provider} model answering at once, p50`, pct(modelTurns, 50), "ms");

      const failing = await startScripted(provider, [{ status: 500 }]);
      const hung = await startScripted(provider, [{ content: "late", delayMs: 10_000 }]);
      try {
        for (const [name, server, timeoutMs] of [["a 500", failing, 8000], ["a hung model (OPENAI_TIMEOUT_MS=2000)", hung, 2000]] as const) {
          const fallbackBot = build(server.baseUrl, timeoutMs);
          const started = performance.now();
          const result = await fallbackBot.reply({ conversationId: "bench-fallback", text: "what is your return policy?", merchant: demoMerchant, shopper: { verified: false }, state: {}, locale: "en" });
          if (result.path !== "fallback") throw new Error(`expected a fallback, got ${result.path}`);
          record(`shopper's wait until the local answer after ${name} from ${provider}`, performance.now() - started, "ms");
        }
      } finally {
        await failing.close();
        void hung.close().catch(() => undefined);
      }
    } finally {
      await model.close();
    }
  }
}
