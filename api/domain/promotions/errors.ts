import { AppError, conflict, notFound } from "../../errors.ts";
import type { NotApplicable } from "./coupon-rules.ts";

/** The coupon errors of the contract, built in one place so every path says the same. */
export const couponNotFound = () => notFound("coupons", "coupon");
export const couponExhausted = (code: string) => conflict("coupons:exhausted", `Coupon ${code} has been used up.`, { code });
export const couponLimitReached = (code: string, limit: number) =>
  conflict("coupons:limit_reached", `Coupon ${code} can be used ${limit} time(s) per customer.`, { code, limit });
export const couponNotApplicable = (code: string, reason: NotApplicable, minSpend?: number) =>
  new AppError(422, "coupons:not_applicable", `Coupon ${code} does not apply: ${reason.replace("_", " ")}.`, { code, reason, ...(minSpend ? { minSpend } : {}) });
