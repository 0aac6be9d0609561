import type { HandoffRequest } from "../ports.ts";
import { say, type Outcome, type TurnContext } from "./context.ts";
import { negativity } from "./signals.ts";

const ASKS_FOR_PERSON = /\b(human|real person|live (agent|chat|person)|agent|operator|representative|someone real|talk to (a )?person|customer service rep)\b|人工|真人|转人工|客服小姐姐|找客服|活人/i;

/** When the bot should step aside: explicit requests, complaints, anger, or repeated failure. */
export function handoffReason(ctx: Pick<TurnContext, "nlu" | "text">): HandoffRequest["reason"] | null {
  const { intent } = ctx.nlu;
  if (intent.name === "contact_human_agent" && (intent.confidence >= 0.4 || ASKS_FOR_PERSON.test(ctx.text))) return "requested";
  if (ASKS_FOR_PERSON.test(ctx.text) && intent.name !== "contact_customer_service") return "requested";
  if (intent.name === "complaint" && intent.confidence >= 0.5) return "complaint";
  if (negativity(ctx.text) >= 0.6) return "negative_sentiment";
  return null;
}

/** Hands the conversation to the human queue through the port; VIPs and upset shoppers go first. */
export async function handOff(ctx: TurnContext, reason: HandoffRequest["reason"]): Promise<Outcome> {
  const urgent = reason === "complaint" || reason === "negative_sentiment";
  const priority = (urgent ? 2 : 0) + (ctx.shopper.vip ? 1 : 0);
  const { agentsOnline } = await ctx.ports.handoff.requestHuman(ctx.merchant.id, { conversationId: ctx.conversationId, reason, priority });
  ctx.state.form = undefined;
  ctx.state.fallbacks = 0;
  const hours = ctx.r.hours(ctx.merchant.businessHours);
  const key = !agentsOnline ? (hours ? "handoff_offline" : "handoff_offline_anytime") : urgent ? "handoff_complaint" : "handoff";
  return { replies: [say(ctx.r.text(key, { hours }))], handoff: reason };
}
