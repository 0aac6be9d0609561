import type { TurnContext } from "../dialogue/context.ts";
import { handoffReason } from "../dialogue/handoff.ts";
import { isOrderTask, kindOf } from "../nlu/intents.ts";

/** At or above this an order journey is trusted to the deterministic engine outright. */
export const CONFIDENT_TRANSACTION = 0.8;
/** Enough when the message also names an order, or for buying, a product of the catalog. */
export const LIKELY_TRANSACTION = 0.45;

const MENTIONS_ORDER = /(orders?|parcels?|packages?|deliver(y|ed))|订单|单号|包裹|快递/i;

export type Route = "local" | "model";

/**
 * Who answers a message when a model is configured. The local engine keeps everything that
 * must be exact: clicks on blocks, an open form (order details, confirmations), explicit
 * requests for a person, complaints and anger (the handoff rules), messages carrying an
 * order number, confident order journeys (track, cancel, change, refund: sure, or fairly
 * sure and naming an order), data requests (see or erase my data), and buying a named product. The model takes the rest: open
 * questions, paraphrases, several requests at once, small talk, and whatever the
 * classifier is unsure of. Whatever the model cannot answer well falls back to the local
 * engine in the same turn.
 */
export function routeTurn(ctx: Pick<TurnContext, "text" | "action" | "state" | "nlu">): Route {
  if (ctx.action) return "local";
  if (ctx.state.form) return "local";
  if (handoffReason(ctx)) return "local";
  if (ctx.nlu.entities.some((e) => e.entity === "order_number")) return "local";
  const { name, confidence } = ctx.nlu.intent;
  if (isOrderTask(name) && (confidence >= CONFIDENT_TRANSACTION || (confidence >= LIKELY_TRANSACTION && MENTIONS_ORDER.test(ctx.text)))) return "local";
  // A request about the shopper's personal data goes through the verified, confirmed journey.
  if (kindOf(name) === "privacy" && confidence >= LIKELY_TRANSACTION) return "local";
  const namesProduct = ctx.nlu.entities.some((e) => e.entity === "product");
  if (name === "place_order" && confidence >= LIKELY_TRANSACTION && namesProduct) return "local";
  return "model";
}
