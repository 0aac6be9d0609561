import { randomBytes, randomInt } from "node:crypto";
import type { Campaign as CampaignRow, Coupon as CouponRow, PrismaClient } from "../../db/generated/client.ts";
import type { Campaign, CampaignCreate, Claim } from "../../contracts/promotions.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { pageArgs, toPage } from "../shared/pagination.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";

/** A red packet stays usable this long after its campaign ends. */
const PACKET_VALID_AFTER_END_MS = 7 * 24 * 3_600_000;
/** PGlite runs one transaction at a time: a burst of claims queues for it. */
const TX_OPTIONS = { maxWait: 60_000, timeout: 30_000 } as const;

/** Who claims: a verified customer, or else the anonymous shopper's conversation. */
export interface Claimant {
  merchantId: string;
  conversationId: string;
  customerId?: string;
  currency: string;
}

export type CampaignEnded = (merchantId: string, campaign: Campaign) => void;

/**
 * Red-packet rain: a timed campaign with a fixed number of packets, each a personal coupon.
 * `claimed` grows only through a conditional UPDATE (claimed < packets) inside the claim's
 * transaction, and each shopper's claim row is unique per campaign, so a burst of claims
 * gives out exactly `packets`, one per shopper, on one node or many.
 */
export class CampaignsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
    /** Told once per campaign when it ends (all claimed, or its time is up): `campaign.ended`. */
    private readonly onEnded: CampaignEnded = () => undefined,
  ) {}

  async create(merchantId: string, input: CampaignCreate): Promise<Campaign> {
    const [valueMin, valueMax] = typeof input.value === "number" ? [input.value, input.value] : [input.value.min, input.value.max];
    const row = await this.prisma.campaign.create({
      data: { merchantId, type: input.type, name: input.name ?? null, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), packets: input.packets, valueMin, valueMax, minSpend: input.minSpend ?? null },
    });
    this.log.info({ merchantId, campaignId: row.id, packets: row.packets }, "campaign created");
    return toCampaignDto(row);
  }

  async list(merchantId: string, query: { limit: number; cursor?: string; status?: Campaign["status"] }) {
    await this.endDue(merchantId);
    const now = new Date();
    const where =
      query.status === "running" ? { startsAt: { lte: now }, endsAt: { gt: now } } : query.status === "scheduled" ? { startsAt: { gt: now } } : query.status === "ended" ? { endsAt: { lte: now } } : {};
    const rows = await this.prisma.campaign.findMany({ where: { merchantId, ...where }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageArgs(query.limit, query.cursor) });
    return toPage(rows, query.limit, (row) => toCampaignDto(row, now));
  }

  async get(merchantId: string, id: string): Promise<Campaign> {
    const row = await this.prisma.campaign.findFirst({ where: { id, merchantId } });
    if (!row) throw notFound("campaigns", "campaign");
    return toCampaignDto(row);
  }

  /** Campaigns a shopper can take part in now (the widget's banner), with packets left. */
  async running(merchantId: string, now = new Date()): Promise<Campaign[]> {
    const rows = await this.prisma.campaign.findMany({ where: { merchantId, startsAt: { lte: now }, endsAt: { gt: now } }, orderBy: { endsAt: "asc" }, take: 5 });
    return rows.filter((r) => r.claimed < r.packets).map((r) => toCampaignDto(r, now));
  }

  /**
   * One packet for this shopper: their first one again if they already claimed (`repeated`),
   * 409 `campaigns:sold_out` when none is left, 422 `campaigns:not_running` outside its time.
   */
  async claim(who: Claimant, campaignId: string, now = new Date()): Promise<Claim> {
    const shopperKey = who.customerId ? `customer:${who.customerId}` : `conversation:${who.conversationId}`;
    const earlier = await this.findClaim(who, campaignId, shopperKey);
    if (earlier) return earlier;
    try {
      const { claim, last } = await this.prisma.$transaction(async (tx) => {
        const campaign = await tx.campaign.findFirst({ where: { id: campaignId, merchantId: who.merchantId } });
        if (!campaign) throw notFound("campaigns", "campaign");
        if (now < campaign.startsAt || now >= campaign.endsAt) {
          throw new AppError(422, "campaigns:not_running", now < campaign.startsAt ? "This campaign has not started yet." : "This campaign has ended.", { startsAt: campaign.startsAt.toISOString(), endsAt: campaign.endsAt.toISOString() });
        }
        const taken = await tx.campaign.updateMany({ where: { id: campaign.id, claimed: { lt: campaign.packets } }, data: { claimed: { increment: 1 } } });
        if (taken.count === 0) throw conflict("campaigns:sold_out", "Every red packet has been claimed.");
        const amount = campaign.valueMin === campaign.valueMax ? campaign.valueMin : randomInt(campaign.valueMin, campaign.valueMax + 1);
        const coupon = await tx.coupon.create({
          data: {
            merchantId: who.merchantId,
            code: `RP-${randomBytes(5).toString("hex").toUpperCase()}`,
            type: "fixed",
            value: amount,
            minSpend: campaign.minSpend,
            endsAt: new Date(campaign.endsAt.getTime() + PACKET_VALID_AFTER_END_MS),
            totalQuantity: 1,
            perCustomerLimit: 1,
            ownerCustomerId: who.customerId ?? null,
            campaignId: campaign.id,
          },
        });
        await tx.campaignClaim.create({ data: { merchantId: who.merchantId, campaignId: campaign.id, shopperKey, couponId: coupon.id, amount } });
        const after = await tx.campaign.findUniqueOrThrow({ where: { id: campaign.id }, select: { claimed: true, packets: true } });
        return { claim: toClaim(campaign.id, coupon, who.currency, false), last: after.claimed >= after.packets };
      }, TX_OPTIONS);
      if (last) await this.end(who.merchantId, campaignId);
      return claim;
    } catch (error) {
      // The same shopper claiming twice at once: the second transaction rolled back whole
      // (its count included), and the first packet is theirs.
      if (isUniqueViolation(error)) {
        const first = await this.findClaim(who, campaignId, shopperKey);
        if (first) return first;
      }
      throw error;
    }
  }

  /** Ends every campaign of the merchant (or of all merchants) whose time is up; each is announced once. */
  async endDue(merchantId?: string, now = new Date()): Promise<number> {
    const due = await this.prisma.campaign.findMany({ where: { ...(merchantId ? { merchantId } : {}), endedAt: null, endsAt: { lte: now } }, select: { id: true, merchantId: true }, take: 100 });
    for (const c of due) await this.end(c.merchantId, c.id);
    return due.length;
  }

  private async end(merchantId: string, campaignId: string) {
    const marked = await this.prisma.campaign.updateMany({ where: { id: campaignId, merchantId, endedAt: null }, data: { endedAt: new Date() } });
    if (marked.count === 0) return;
    const campaign = await this.get(merchantId, campaignId);
    this.log.info({ merchantId, campaignId, claimed: campaign.claimed }, "campaign ended");
    this.onEnded(merchantId, campaign);
  }

  private async findClaim(who: Claimant, campaignId: string, shopperKey: string): Promise<Claim | null> {
    const row = await this.prisma.campaignClaim.findUnique({ where: { campaignId_shopperKey: { campaignId, shopperKey } } });
    if (!row || row.merchantId !== who.merchantId) return null;
    const coupon = await this.prisma.coupon.findUniqueOrThrow({ where: { id: row.couponId } });
    return toClaim(campaignId, coupon, who.currency, true);
  }
}

function toClaim(campaignId: string, coupon: CouponRow, currency: string, repeated: boolean): Claim {
  return { campaignId, amount: { amount: coupon.value, currency }, coupon: { code: coupon.code, minSpend: coupon.minSpend, endsAt: coupon.endsAt?.toISOString() ?? null }, repeated };
}

export function toCampaignDto(row: CampaignRow, now = new Date()): Campaign {
  const status = now < row.startsAt ? "scheduled" : now >= row.endsAt || row.claimed >= row.packets ? "ended" : "running";
  return {
    id: row.id,
    type: "red_packet",
    name: row.name,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    packets: row.packets,
    claimed: row.claimed,
    value: { min: row.valueMin, max: row.valueMax },
    minSpend: row.minSpend,
    status,
    createdAt: row.createdAt.toISOString(),
  };
}
