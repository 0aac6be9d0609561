import type { HandoffRequest } from "../ports.ts";
import { say, type Outcome, type TurnContext } from "./context.ts";
import { negativity } from "./signals.ts";
import { isChitChat } from "./social.ts";

const ASKS_FOR_PERSON = /\b(human|real person|live (agent|chat|person)|(an?|the|your|support|service|sales) agent|operator|representative|someone real|(talk|speak|chat) (to|with) (a |an |some)?(person|someone|somebody|staff|people)|customer service rep)\b|人工|真人|转人工|客服小姐姐|找客服|活人/i;
/** Words of a grievance: a complaint is one when the shopper says so or sounds it. */
const GRIEVANCE = /\b(complain|complaint|unacceptable|disappointed|fed up|never again|worst)\b|投诉|差评|太失望|受不了|什么破|曝光/i;

/**
 * When the bot should step aside: an explicit request for a person, a complaint that sounds
 * like one (negative words, not a long polite question that mentions a problem), or anger.
 * Repeated misses are counted by the engine.
 */
export function handoffReason(ctx: Pick<TurnContext, "nlu" | "text">): HandoffRequest["reason"] | null {
  const { intent } = ctx.nlu;
  const asks = ASKS_FOR_PERSON.test(ctx.text);
  if (asks && intent.name !== "contact_customer_service") return "requested";
  // "你是机器人吗", "are you a real person?" are small talk, not a request for one.
  if (intent.name === "contact_human_agent" && (asks || (intent.confidence >= 0.75 && !isChitChat(ctx.text)))) return "requested";
  const upset = negativity(ctx.text);
  if (intent.name === "complaint" && intent.confidence >= 0.5 && (upset >= 0.2 || GRIEVANCE.test(ctx.text))) return "complaint";
  if (upset >= 0.6) return "negative_sentiment";
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
