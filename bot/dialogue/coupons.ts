import { say, type Outcome, type TurnContext } from "./context.ts";
import type { CouponProblem, CouponView, Money } from "../ports.ts";
import type { MessageKey } from "../render.ts";
import { withVipBenefits } from "./vip.ts";

/**
 * Coupons in the chat: the shopper's usable coupons on request, a code given in the order
 * form or at the confirmation, and why a code does not apply. Totals always come from the
 * server's quote; the bot only names what it was told.
 */

/** A code after a cue word: "use code SPRING10", "优惠码 RP-3F2A", "用券SAVE10". */
const CUED = /(?:coupon|promo|voucher|discount|code|优惠码|优惠券|券码|红包|用券|券)\s*(?:code)?\s*[:：是为]?\s*([A-Za-z0-9][A-Za-z0-9_-]{2,31})/i;
/** A message that is only a code ("SPRING10", "rp-3f2a9c"), read as one at the confirmation. */
const BARE = /^\s*([A-Za-z0-9][A-Za-z0-9_-]{2,31})\s*$/;
/** Words that a cue may precede but are no code ("use a coupon please", "code please"). */
const NOT_CODES = /^(please|pls|here|now|for|to|is|the|a|an|and|this|that|code|codes|with|on|in|at|please|applied|apply|ok|yes|no)$/i;

/** The coupon code in a message, if it carries one; `bare` also reads a lone code-like word. */
export function couponIn(text: string, bare = false): string | undefined {
  const cued = CUED.exec(text)?.[1];
  const candidate = cued ?? (bare ? BARE.exec(text)?.[1] : undefined);
  if (!candidate || NOT_CODES.test(candidate)) return undefined;
  // A code has a digit or is written in capitals ("SPRING10", "VIPONLY"); "thanks" is not one.
  if (!/\d/.test(candidate) && candidate !== candidate.toUpperCase()) return undefined;
  if (/^\d+$/.test(candidate) && !cued) return undefined; // a lone number answers a quantity question
  return candidate.toUpperCase();
}

/** "有优惠券吗", "any promo codes?": the coupons this shopper can use now. */
export async function listCoupons(ctx: TurnContext): Promise<Outcome> {
  const { r } = ctx;
  const coupons = (await ctx.ports.commerce.coupons?.(ctx.merchant.id, ctx.shopper, ctx.conversationId)) ?? [];
  if (coupons.length === 0) return withVipBenefits(ctx, { replies: [say(r.text("coupons_none"))], intent: "my_coupons" });
  const lines = coupons.slice(0, 8).map((c) => `• ${describeCoupon(ctx, c)}`);
  return withVipBenefits(ctx, { replies: [say(`${r.text("coupons_list")}\n${lines.join("\n")}\n${r.text("coupons_how")}`)], intent: "my_coupons" });
}

export function describeCoupon(ctx: TurnContext, c: CouponView): string {
  const { r } = ctx;
  const currency = c.minSpend?.currency ?? ctx.merchant.currency;
  const main = c.type === "percent" ? r.text("coupon_percent", { code: c.code, value: c.value }) : r.text("coupon_fixed", { code: c.code, amount: r.money({ amount: c.value, currency }) });
  const min = c.minSpend ? ` ${r.text("coupon_min_spend", { amount: r.money(c.minSpend) })}` : "";
  const until = c.endsAt ? ` ${r.text("coupon_until", { date: r.date(c.endsAt) })}` : "";
  return `${main}${min}${until}`;
}

/** Why a code does not apply, in the shopper's words. */
export function couponProblemText(ctx: TurnContext, problem: { code: string; reason: CouponProblem; minSpend?: Money }): string {
  const key = `coupon_problem_${problem.reason}` as MessageKey;
  return ctx.r.text(key, { code: problem.code, amount: problem.minSpend ? ctx.r.money(problem.minSpend) : "" });
}

/** The order's coupon failed when it was placed (used up meanwhile, limit reached): the code and reason. */
export function problemFromFailure(code: string, failure: { code: string; details?: Record<string, unknown> }): { code: string; reason: CouponProblem } | null {
  if (failure.code === "coupons:not_found") return { code, reason: "not_found" };
  if (failure.code === "coupons:exhausted") return { code, reason: "exhausted" };
  if (failure.code === "coupons:limit_reached") return { code, reason: "limit_reached" };
  if (failure.code === "coupons:not_applicable") return { code, reason: (failure.details?.reason as CouponProblem | undefined) ?? "inactive" };
  return null;
}
