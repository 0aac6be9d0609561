import { z } from "zod";
import { moneySchema } from "./common.ts";

/** Coupons, red-packet campaigns and referral partners (the contract's "Coupons and campaigns"). */

const minor = z.number().int("minor units: an integer").min(0).max(100_000_000);
/** Codes are letters, digits and dashes; the shop keeps them upper-case, shoppers type any case. */
export const couponCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/, "3 to 32 letters, digits, '-' or '_'")
  .transform((code) => code.toUpperCase());

const couponFields = {
  code: couponCodeSchema,
  type: z.enum(["percent", "fixed"]),
  value: z.number().int().meta({ description: "percent: 1..100; fixed: minor units, more than 0" }),
  minSpend: minor.nullable().optional().meta({ description: "Minimum eligible subtotal, minor units" }),
  startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  totalQuantity: z.number().int().min(1).max(10_000_000).nullable().optional(),
  perCustomerLimit: z.number().int().min(1).max(1000).optional().meta({ description: "Default 1" }),
  productIds: z.array(z.uuid()).max(500).optional().meta({ description: "Only these products count (scope)" }),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional().meta({ description: "Only products with one of these tags count (scope)" }),
  active: z.boolean().optional(),
};

/** Rules a coupon must keep whatever else it says: sane values, an end after its start. */
function sane(c: { type?: string; value?: number; minSpend?: number | null; startsAt?: string | null; endsAt?: string | null }, ctx: z.RefinementCtx) {
  if (c.type === "percent" && c.value !== undefined && (c.value < 1 || c.value > 100)) ctx.addIssue({ code: "custom", path: ["value"], message: "a percent coupon takes 1 to 100" });
  if (c.type === "fixed" && c.value !== undefined && (c.value < 1 || c.value > 100_000_000)) ctx.addIssue({ code: "custom", path: ["value"], message: "a fixed coupon takes more than 0 minor units" });
  if (c.type === "fixed" && c.value !== undefined && c.minSpend && c.value > c.minSpend) ctx.addIssue({ code: "custom", path: ["value"], message: "a fixed discount cannot exceed its minimum spend" });
  if (c.startsAt && c.endsAt && Date.parse(c.endsAt) <= Date.parse(c.startsAt)) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endsAt must be after startsAt" });
}

export const couponCreateSchema = z.object(couponFields).strict().superRefine(sane).meta({ id: "CouponCreate" });
export type CouponCreate = z.infer<typeof couponCreateSchema>;

export const couponUpdateSchema = z
  .object({ ...couponFields, code: couponFields.code.optional(), type: couponFields.type.optional(), value: couponFields.value.optional() })
  .strict()
  .refine((c) => Object.keys(c).length > 0, "nothing to change")
  .meta({ id: "CouponUpdate" });
export type CouponUpdate = z.infer<typeof couponUpdateSchema>;

export const couponSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    type: z.enum(["percent", "fixed"]),
    value: z.number(),
    minSpend: z.number().nullable(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    totalQuantity: z.number().nullable(),
    used: z.number().meta({ description: "Redemptions by orders not cancelled while unpaid" }),
    perCustomerLimit: z.number(),
    productIds: z.array(z.string()),
    tags: z.array(z.string()),
    active: z.boolean(),
    personal: z.boolean().meta({ description: "A red packet: only the shopper who claimed it can use it" }),
    campaignId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Coupon" });
export type Coupon = z.infer<typeof couponSchema>;

const packetValueSchema = z.union([
  minor.min(1),
  z.object({ min: minor.min(1), max: minor.min(1) }).strict().refine((v) => v.min <= v.max, "min must not exceed max"),
]);

export const campaignCreateSchema = z
  .object({
    type: z.literal("red_packet"),
    name: z.string().trim().min(1).max(100).optional(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    packets: z.number().int().min(1).max(1_000_000),
    value: packetValueSchema.meta({ description: "Each packet's coupon value in minor units: fixed, or random within { min, max }" }),
    minSpend: minor.nullable().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (Date.parse(c.endsAt) <= Date.parse(c.startsAt)) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endsAt must be after startsAt" });
    const max = typeof c.value === "number" ? c.value : c.value.max;
    if (c.minSpend && max > c.minSpend) ctx.addIssue({ code: "custom", path: ["value"], message: "a packet cannot be worth more than its minimum spend" });
  })
  .meta({ id: "CampaignCreate" });
export type CampaignCreate = z.infer<typeof campaignCreateSchema>;

export const campaignSchema = z
  .object({
    id: z.string(),
    type: z.literal("red_packet"),
    name: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    packets: z.number(),
    claimed: z.number(),
    value: z.object({ min: z.number(), max: z.number() }),
    minSpend: z.number().nullable(),
    status: z.enum(["scheduled", "running", "ended"]),
    createdAt: z.string(),
  })
  .meta({ id: "Campaign" });
export type Campaign = z.infer<typeof campaignSchema>;

export const claimSchema = z
  .object({
    campaignId: z.string(),
    amount: z.object({ amount: z.number(), currency: z.string() }),
    coupon: z.object({ code: z.string(), minSpend: z.number().nullable(), endsAt: z.string().nullable() }),
    repeated: z.boolean().meta({ description: "True when this shopper had already claimed: their first packet" }),
  })
  .meta({ id: "RedPacketClaim" });
export type Claim = z.infer<typeof claimSchema>;

export const referralCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, "2 to 40 letters, digits, '-' or '_'")
  .transform((code) => code.toUpperCase());

export const referralCreateSchema = z.object({ code: referralCodeSchema, partner: z.string().trim().min(1).max(100) }).strict().meta({ id: "ReferralCreate" });
export const referralSchema = z.object({ id: z.string(), code: z.string(), partner: z.string(), createdAt: z.string() }).meta({ id: "Referral" });
export type Referral = z.infer<typeof referralSchema>;

/** The dashboard's promotion tiles (GET /analytics/promotions): campaigns running now, coupon use and the VIP tier over a period. */
export const promotionsReportSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    currency: z.string(),
    campaigns: z
      .array(
        z.object({
          id: z.string(),
          name: z.string().nullable(),
          packets: z.number().int(),
          claimed: z.number().int(),
          left: z.number().int().meta({ description: "packets - claimed" }),
          endsAt: z.string(),
          secondsLeft: z.number().int().meta({ description: "Until endsAt, from the moment of the report" }),
        }),
      )
      .meta({ description: "Red-packet campaigns within their time now (sold-out ones show 0 left), ending soonest first" }),
    coupons: z.object({
      // discount: what the uses took off; revenue: the orders with a coupon, paid, less refunds (as in /analytics/sales).
      redemptions: z.number().int().meta({ description: "Coupon uses on orders placed in the period (a cancelled unpaid order gives its use back)" }),
      discount: moneySchema,
      paidRedemptions: z.number().int().meta({ description: "Of those, uses on orders that are paid (the sales report's paid statuses)" }),
      revenue: moneySchema,
      topCodes: z.array(z.object({ code: z.string(), redemptions: z.number().int(), discount: moneySchema })).meta({ description: "The shop's codes by uses (personal red packets are counted in redPackets)" }),
      redPackets: z.object({ redemptions: z.number().int(), discount: moneySchema }),
    }),
    vip: z.object({
      // threshold: settings.vip.spendOver (null: only customers flagged by hand are VIPs); revenue: the period's
      // revenue (as in /analytics/sales) from orders of today's VIPs.
      threshold: moneySchema.nullable(),
      customers: z.number().int().meta({ description: "VIP customers now" }),
      revenue: moneySchema,
      revenueShare: z.number().meta({ description: "vip.revenue / the period's revenue, 0..1 (4 decimals)" }),
      top: z.array(z.object({ id: z.string(), name: z.string().nullable(), lifetimeSpend: moneySchema, accountManager: z.object({ id: z.string(), name: z.string() }).nullable() })).meta({ description: "Up to 5 VIPs by lifetime spend" }),
    }),
  })
  .meta({ id: "PromotionsReport" });
export type PromotionsReport = z.infer<typeof promotionsReportSchema>;
