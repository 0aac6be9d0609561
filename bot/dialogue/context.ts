import type { Intent } from "../nlu/intents.ts";
import type { ParseResult } from "../nlu/nlu.ts";
import type { BotPorts, HandoffRequest, MerchantInfo, ProductView, ShopperIdentity } from "../ports.ts";
import type { BotReply, Renderer } from "../render.ts";
import type { DialogueState } from "./state.ts";

/** A click on a block, sent alongside (or instead of) typed text. */
export type TurnAction = { type: "confirm" | "cancel"; token: string } | { type: "select_product"; productId: string };

/** Everything one turn of the dialogue reads; `state` is the only thing it writes. */
export interface TurnContext {
  text: string;
  action?: TurnAction;
  merchant: MerchantInfo;
  shopper: ShopperIdentity;
  conversationId: string;
  state: DialogueState;
  nlu: ParseResult;
  r: Renderer;
  ports: BotPorts;
  catalog: ProductView[];
  now: Date;
  /** Parses another piece of text with the same NLU and catalog (for multi-intent messages). */
  parse(text: string): ParseResult;
}

export interface Outcome {
  replies: BotReply[];
  handoff?: HandoffRequest["reason"];
  /** The article a cited answer came from. */
  articleId?: string;
  /** True when the bot could not help with this message. */
  fallback?: boolean;
  /** What the message was, when the dialogue knows better than the classifier (an answer inside a form). */
  intent?: Intent;
}

export const say = (text: string, blocks?: BotReply["blocks"]): BotReply => (blocks?.length ? { text, blocks } : { text });

export function entity<T = unknown>(ctx: TurnContext, name: string): T | undefined {
  return ctx.nlu.entities.find((e) => e.entity === name)?.value as T | undefined;
}

/** A short random-looking token for confirm blocks; unique per conversation turn. */
export function confirmToken(ctx: TurnContext, action: string): string {
  return `${action}-${ctx.state.turn}-${Math.random().toString(36).slice(2, 8)}`;
}
