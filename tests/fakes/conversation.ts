import { createBot, type BotTurnResult } from "../../bot/engine.ts";
import type { TurnAction } from "../../bot/dialogue/context.ts";
import type { Agent, HistoryEntry } from "../../bot/llm/agent.ts";
import type { KnowledgePort, Locale, MerchantInfo, ShopperIdentity } from "../../bot/ports.ts";
import { testNlu } from "../support/nlu.ts";
import { demoProducts } from "./catalog.ts";
import { InMemoryCommerce } from "./commerce.ts";
import { RecordingHandoff } from "./handoff.ts";
import { InMemoryKnowledge } from "./knowledge.ts";
import { InMemoryPrivacy } from "./privacy.ts";

export const demoMerchant: MerchantInfo = {
  id: "m1",
  name: "Lumen Lane",
  slug: "lumen-lane",
  currency: "CNY",
  locales: ["zh-CN", "en"],
  defaultLocale: "zh-CN",
  timezone: "Asia/Shanghai",
  businessHours: { mon: ["09:00", "21:00"], tue: ["09:00", "21:00"], wed: ["09:00", "21:00"], thu: ["09:00", "21:00"], fri: ["09:00", "21:00"], sat: null, sun: null },
};

const knowledge = new InMemoryKnowledge();

/** A conversation with the real bot over in-memory ports; state carried between turns like the API does. */
export function startConversation(
  options: { shopper?: ShopperIdentity; locale?: Locale; agent?: Agent; commerce?: InMemoryCommerce; knowledge?: KnowledgePort; privacy?: InMemoryPrivacy } = {},
) {
  const commerce = options.commerce ?? new InMemoryCommerce(demoProducts());
  const handoff = new RecordingHandoff();
  const privacy = options.privacy ?? new InMemoryPrivacy(commerce);
  const bot = createBot(testNlu(), { commerce, knowledge: options.knowledge ?? knowledge, handoff, privacy }, { agent: options.agent });
  let state: unknown = {};
  const transcript: string[] = [];
  const history: HistoryEntry[] = [];
  const conversation = {
    commerce,
    handoff,
    privacy,
    last: undefined as BotTurnResult | undefined,
    /** The drafts streamed during the last turn, in order. */
    drafts: [] as string[],
    async send(text: string, action?: TurnAction, chosenLocale?: Locale): Promise<BotTurnResult> {
      conversation.drafts = [];
      const result = await bot.reply({
        history: async () => [...history],
        onDraft: (draft) => conversation.drafts.push(draft),
        conversationId: "conv-1",
        text,
        action,
        merchant: demoMerchant,
        shopper: options.shopper ?? { verified: false },
        state,
        locale: options.locale ?? "en",
        chosenLocale,
      });
      state = JSON.parse(JSON.stringify(result.state));
      transcript.push(`> ${text}`, ...result.replies.map((r) => `< ${r.text}`));
      history.push({ role: "shopper", text }, ...result.replies.map((r) => ({ role: "bot" as const, text: r.text })));
      conversation.last = result;
      return result;
    },
    /** All reply text of the last turn, joined. */
    get text() {
      return conversation.last?.replies.map((r) => r.text).join("\n") ?? "";
    },
    block<T extends string>(type: T) {
      for (const reply of conversation.last?.replies ?? []) {
        const found = reply.blocks?.find((b) => b.type === type);
        if (found) return found as Extract<NonNullable<typeof reply.blocks>[number], { type: T }>;
      }
      return undefined;
    },
    get state() {
      return state as Record<string, unknown>;
    },
    transcript,
  };
  return conversation;
}
