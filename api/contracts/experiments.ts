import { z } from "zod";
import { localizedTextSchema, someLocales } from "./common.ts";

/** What a variant shows with (or instead of) the greeting: a line of text, and a coupon code it mentions. */
export const promotionSchema = z
  .object({ text: localizedTextSchema.optional(), couponCode: z.string().trim().min(1).max(40).optional() })
  .strict()
  .meta({ id: "ExperimentPromotion" });

/** One quick-reply chip: what it says (and sends when clicked), per language; short, as a chip is. */
export const quickReplySchema = someLocales(z.string().trim().min(1).max(40)).meta({ id: "ExperimentQuickReply" });

/** At most this many chips under the greeting (the bot's own greeting shows four). */
export const MAX_QUICK_REPLIES = 6;

export const variantSchema = z
  .object({
    name: z.string().trim().min(1).max(40).regex(/^[\w-]+$/, "letters, digits, _ and - only"),
    weight: z.number().int().min(0).max(1000),
    /** The greeting of a new conversation in this variant (unset: the shop's usual greeting). */
    greeting: localizedTextSchema.optional(),
    promotion: promotionSchema.optional(),
    /** The quick replies under the greeting in this variant, instead of the bot's (unset: the bot's). */
    quickReplies: z
      .array(quickReplySchema)
      .min(1)
      .max(MAX_QUICK_REPLIES)
      .optional()
      .meta({ description: "Chips shown under the greeting instead of the bot's own, in this order; a language a chip lacks shows its other one" }),
  })
  .strict()
  .meta({ id: "ExperimentVariant" });

export const EXPERIMENT_GOALS = ["order", "coupon", "csat", "quick_reply", "any"] as const;
export type ExperimentGoal = (typeof EXPERIMENT_GOALS)[number];
/** What converted an exposed conversation. */
export type Conversion = Exclude<ExperimentGoal, "any">;
/**
 * What the goal "any" counts: the outcomes, not a click on a greeting's quick reply (a much
 * weaker signal, which would swamp them; aim an experiment at "quick_reply" to count clicks).
 */
export const ANY_GOAL_COUNTS: readonly Conversion[] = ["order", "coupon", "csat"];

export const experimentCreateSchema = z
  .object({
    key: z.string().trim().min(1).max(60).regex(/^[\w.-]+$/, "letters, digits, _, . and - only"),
    variants: z
      .array(variantSchema)
      .min(2)
      .max(10)
      .refine((v) => new Set(v.map((x) => x.name)).size === v.length, "variant names must differ")
      .refine((v) => v.some((x) => x.weight > 0), "at least one variant needs a weight above 0"),
    goal: z.enum(EXPERIMENT_GOALS).default("order").meta({ description: "What counts as a conversion: an order placed, a coupon used, a CSAT of 4 or 5, a click on one of the greeting's quick replies, or any of the first three" }),
  })
  .strict()
  .meta({ id: "ExperimentCreate" });
export type ExperimentCreate = z.infer<typeof experimentCreateSchema>;

export const experimentUpdateSchema = z.object({ status: z.enum(["running", "stopped"]) }).strict();

export const experimentSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    variants: z.array(variantSchema),
    goal: z.enum(EXPERIMENT_GOALS),
    status: z.enum(["running", "stopped"]),
    createdAt: z.string(),
  })
  .meta({ id: "Experiment" });
export type Experiment = z.infer<typeof experimentSchema>;

export const variantResultSchema = z.object({
  name: z.string(),
  sessions: z.number().int(),
  conversions: z.number().int(),
  rate: z.number(),
  /** 95% Wilson score interval of the rate. */
  interval: z.tuple([z.number(), z.number()]),
});

export const experimentResultsSchema = z
  .object({
    experimentId: z.uuid(),
    key: z.string(),
    goal: z.enum(EXPERIMENT_GOALS),
    variants: z.array(variantResultSchema),
    /** The variant whose interval lies wholly above every other's, else null. */
    winner: z.string().nullable(),
    clear: z.boolean(),
  })
  .meta({ id: "ExperimentResults" });
export type ExperimentResults = z.infer<typeof experimentResultsSchema>;
