import type { VipBenefits } from "../ports.ts";
import type { Renderer } from "../render.ts";
import { say, type Outcome, type TurnContext } from "./context.ts";

/** What being a VIP gives, in the shopper's words: the standing discount, else priority service. */
export function vipBenefitText(r: Renderer, vip: VipBenefits): string {
  return vip.offerPercent ? r.text("vip_benefit_offer", { percent: vip.offerPercent }) : r.text("vip_benefit_priority");
}

/**
 * A VIP asking about coupons, discounts or promotions also hears their standing offer (it comes
 * off every order by itself, so they need no code for it). Everyone else's answer is unchanged.
 */
export function withVipBenefits(ctx: TurnContext, outcome: Outcome): Outcome {
  const percent = ctx.shopper.vip ? ctx.shopper.vipBenefits?.offerPercent : undefined;
  if (!percent) return outcome;
  return { ...outcome, replies: [...outcome.replies, say(ctx.r.text("vip_offer_reminder", { percent, shop: ctx.merchant.name }))] };
}

/** Intents whose answers a VIP's offer belongs to. */
export const ABOUT_DISCOUNTS: ReadonlySet<string> = new Set(["coupon", "my_coupons", "promotions"]);
