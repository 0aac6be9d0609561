import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { idParamSchema, listOf, paginationQuerySchema } from "../../contracts/common.ts";
import { campaignCreateSchema, campaignSchema, couponCreateSchema, couponSchema, couponUpdateSchema, referralCreateSchema, referralSchema } from "../../contracts/promotions.ts";
import { conflictResponse, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

/** The merchant's API key, or a supervisor's token (the dashboard's tiles read these). */
const security = [...merchantSecurity, { agentToken: [] }];
const coupons = { tags: ["Coupons"], security };
const campaigns = { tags: ["Campaigns"], security };
const referrals = { tags: ["Referrals"], security };

export const listCoupons = createRoute({
  ...coupons,
  method: "get",
  path: "/coupons",
  summary: "List coupons, newest first",
  request: { query: paginationQuerySchema.extend({ personal: z.enum(["true", "false"]).optional().transform((v) => (v === undefined ? undefined : v === "true")).meta({ description: "true: only red packets; false: only shop-wide coupons" }) }) },
  responses: { 200: jsonResponse(listOf(couponSchema), "A page of coupons"), ...errorResponses },
});

export const createCoupon = createRoute({
  ...coupons,
  method: "post",
  path: "/coupons",
  summary: "Create a coupon (percent or fixed, minimum spend, window, quantity, per-customer limit, product or tag scope)",
  description: "Orders take it as `couponCode` (API) or in the chat. Percent above 100, fixed of 0 or less, or a fixed discount above its minimum spend are 400.",
  request: { body: jsonBody(couponCreateSchema) },
  responses: { 201: jsonResponse(couponSchema, "The coupon"), ...errorResponses, ...conflictResponse },
});

export const getCoupon = createRoute({ ...coupons, method: "get", path: "/coupons/{id}", summary: "A coupon with its use count", request: { params: idParamSchema }, responses: { 200: jsonResponse(couponSchema, "The coupon"), ...errorResponses } });

export const updateCoupon = createRoute({
  ...coupons,
  method: "patch",
  path: "/coupons/{id}",
  summary: "Change a coupon (its use count only moves with orders)",
  request: { params: idParamSchema, body: jsonBody(couponUpdateSchema) },
  responses: { 200: jsonResponse(couponSchema, "The coupon"), ...errorResponses, ...conflictResponse },
});

export const listCampaigns = createRoute({
  ...campaigns,
  method: "get",
  path: "/campaigns",
  summary: "List campaigns (red-packet rain), newest first",
  request: { query: paginationQuerySchema.extend({ status: z.enum(["scheduled", "running", "ended"]).optional() }) },
  responses: { 200: jsonResponse(listOf(campaignSchema), "A page of campaigns"), ...errorResponses },
});

export const createCampaign = createRoute({
  ...campaigns,
  method: "post",
  path: "/campaigns",
  summary: "Start a red-packet rain: `packets` personal coupons of a fixed or random value, claimed from the widget",
  request: { body: jsonBody(campaignCreateSchema) },
  responses: { 201: jsonResponse(campaignSchema, "The campaign"), ...errorResponses },
});

export const getCampaign = createRoute({ ...campaigns, method: "get", path: "/campaigns/{id}", summary: "A campaign with its claim count", request: { params: idParamSchema }, responses: { 200: jsonResponse(campaignSchema, "The campaign"), ...errorResponses } });

export const listReferrals = createRoute({ ...referrals, method: "get", path: "/referrals", summary: "Referral partners and their codes", responses: { 200: jsonResponse(listOf(referralSchema), "Referral codes"), ...errorResponses } });

export const createReferral = createRoute({
  ...referrals,
  method: "post",
  path: "/referrals",
  summary: "Give a partner (KOL, brand) a referral code",
  description: "`?ref=CODE` on the widget tag (`data-ref`) or on the page, or `referralCode` on an order, attributes sales to the partner.",
  request: { body: jsonBody(referralCreateSchema) },
  responses: { 201: jsonResponse(referralSchema, "The referral code"), ...errorResponses, ...conflictResponse },
});

export const referralReport = createRoute({
  ...referrals,
  method: "get",
  path: "/referrals/report",
  summary: "Sales per partner: sessions, orders, paid revenue, conversion (JSON or CSV)",
  request: {
    query: z.object({
      from: z.iso.date().optional().meta({ description: "First day (YYYY-MM-DD), default 30 days ago" }),
      to: z.iso.date().optional().meta({ description: "Last day, inclusive, default today" }),
      format: z.enum(["json", "csv"]).default("json"),
    }),
  },
  responses: {
    200: { description: "The report", content: { "application/json": { schema: z.object({ data: z.array(z.record(z.string(), z.unknown())) }) }, "text/csv": { schema: z.string() } } },
    ...errorResponses,
  },
});
