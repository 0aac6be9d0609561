import { createHash } from "node:crypto";
import { ANY_GOAL_COUNTS, type Conversion, type Experiment, type ExperimentCreate, type ExperimentResults } from "../../contracts/experiments.ts";
import type { Locale } from "../../contracts/common.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";
import { assignVariant, clearWinner, wilson } from "./stats.ts";

type Variant = Experiment["variants"][number];

/** The variant a new conversation shows, before it is stored. */
export interface Exposure {
  experimentId: string;
  merchantId: string;
  variant: string;
  subject: string;
  /** The greeting text of the variant in the session's language; undefined: the usual greeting. */
  greeting?: string;
  /** The promotion line shown under the greeting. */
  promotion?: string;
  /** The quick replies under the greeting in the session's language; undefined: the bot's own. */
  quickReplies?: string[];
}

/** A chat block as the bot renders it (only quick_replies blocks are read or made here). */
type Block = { type: string; options?: { label: string; text: string }[] };

/**
 * A/B tests of the greeting, its quick replies and a promotion. Assignment is a hash of experiment and
 * shopper, so it holds across reloads and nodes; every exposure is one row (sessions) and
 * converts at most once with one conditional UPDATE (conversions), so counts stay right
 * under concurrency without counters to race on.
 */
export class ExperimentsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
  ) {}

  async create(merchantId: string, input: ExperimentCreate): Promise<Experiment> {
    try {
      return toExperiment(await this.prisma.experiment.create({ data: { merchantId, key: input.key, variants: input.variants, goal: input.goal } }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(409, "experiments:key_taken", "An experiment with this key exists already.");
      throw error;
    }
  }

  async list(merchantId: string): Promise<Experiment[]> {
    const rows = await this.prisma.experiment.findMany({ where: { merchantId }, orderBy: { createdAt: "desc" }, take: 100 });
    return rows.map(toExperiment);
  }

  async get(merchantId: string, id: string): Promise<Experiment> {
    const row = await this.prisma.experiment.findFirst({ where: { id, merchantId } });
    if (!row) throw notFound("experiments", "experiment");
    return toExperiment(row);
  }

  async setStatus(merchantId: string, id: string, status: "running" | "stopped"): Promise<Experiment> {
    const { count } = await this.prisma.experiment.updateMany({ where: { id, merchantId }, data: { status } });
    if (count === 0) throw notFound("experiments", "experiment");
    return this.get(merchantId, id);
  }

  async results(merchantId: string, id: string): Promise<ExperimentResults> {
    const experiment = await this.get(merchantId, id);
    const groups = await this.prisma.experimentAssignment.groupBy({
      by: ["variant"],
      where: { experimentId: id, merchantId },
      _count: { _all: true, convertedAt: true },
    });
    const variants = experiment.variants.map((v) => {
      const g = groups.find((x) => x.variant === v.name);
      const sessions = g?._count._all ?? 0;
      const conversions = g?._count.convertedAt ?? 0;
      return { name: v.name, sessions, conversions, rate: sessions ? Math.round((conversions / sessions) * 1e4) / 1e4 : 0, interval: wilson(conversions, sessions) };
    });
    const winner = clearWinner(variants);
    return { experimentId: id, key: experiment.key, goal: experiment.goal, variants, winner, clear: winner !== null };
  }

  /**
   * The greeting variant for a new conversation of this shopper (`identity`: the verified
   * customer id, or the browser's visitor id), from the newest running experiment.
   */
  async exposureFor(merchantId: string, identity: string, locale: Locale): Promise<Exposure | null> {
    const row = await this.prisma.experiment.findFirst({ where: { merchantId, status: "running" }, orderBy: { createdAt: "desc" } });
    if (!row) return null;
    const experiment = toExperiment(row);
    const subject = createHash("sha256").update(identity).digest("hex").slice(0, 32);
    const variant = assignVariant(experiment.id, subject, experiment.variants);
    return {
      experimentId: experiment.id,
      merchantId,
      variant: variant.name,
      subject,
      greeting: localized(variant.greeting, locale),
      promotion: localized(variant.promotion?.text, locale),
      quickReplies: variant.quickReplies?.map((chip) => localized(chip, locale)!),
    };
  }

  /** Records that this conversation was shown the variant (once per conversation). */
  async expose(exposure: Exposure, conversationId: string): Promise<void> {
    await this.prisma.experimentAssignment.createMany({
      data: [{ experimentId: exposure.experimentId, merchantId: exposure.merchantId, conversationId, subject: exposure.subject, variant: exposure.variant }],
      skipDuplicates: true,
    });
  }

  /** Counts a conversion of the conversation's exposures whose goal this is; a second one changes nothing. */
  async converted(merchantId: string, conversationId: string, kind: Conversion): Promise<number> {
    const { count } = await this.prisma.experimentAssignment.updateMany({
      where: { merchantId, conversationId, convertedAt: null, experiment: { goal: { in: ANY_GOAL_COUNTS.includes(kind) ? [kind, "any"] : [kind] } } },
      data: { convertedAt: new Date(), conversion: kind },
    });
    if (count) this.log.info({ conversationId, kind }, "experiment conversion");
    return count;
  }

  /**
   * A click on a quick reply (`text`: the chip's): converts the conversation's experiments
   * aimed at quick replies when the chip is one its greeting showed (the variant's, or the
   * bot's own for a variant without any), so every variant's clicks count alike.
   */
  async quickReplyClicked(merchantId: string, conversationId: string, text: string): Promise<number> {
    const greeting = await this.prisma.message.findFirst({ where: { conversationId, merchantId, seq: 1, role: "bot" }, select: { blocks: true } });
    const chips = (Array.isArray(greeting?.blocks) ? (greeting.blocks as Block[]) : []).flatMap((b) => (b?.type === "quick_replies" ? (b.options ?? []) : []));
    if (!chips.some((chip) => chip.text === text.trim())) return 0;
    return this.converted(merchantId, conversationId, "quick_reply");
  }
}

/** The greeting's blocks with the variant's quick replies in place of the bot's (added when the bot showed none). */
export function withQuickReplies<B extends Block>(blocks: B[] | undefined, chips: string[] | undefined): B[] | undefined {
  if (!chips?.length) return blocks;
  const block = { type: "quick_replies", options: chips.map((chip) => ({ label: chip, text: chip })) } as B;
  const at = blocks?.findIndex((b) => b.type === "quick_replies") ?? -1;
  return at < 0 ? [...(blocks ?? []), block] : blocks!.map((b, i) => (i === at ? block : b));
}

function localized(text: { en?: string; "zh-CN"?: string } | undefined, locale: Locale): string | undefined {
  if (!text) return undefined;
  return text[locale] ?? text.en ?? text["zh-CN"];
}

function toExperiment(row: { id: string; key: string; variants: unknown; goal: string; status: string; createdAt: Date }): Experiment {
  return {
    id: row.id,
    key: row.key,
    variants: row.variants as Variant[],
    goal: row.goal as Experiment["goal"],
    status: row.status as Experiment["status"],
    createdAt: row.createdAt.toISOString(),
  };
}
