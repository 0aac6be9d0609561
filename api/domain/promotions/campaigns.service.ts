import { randomBytes, randomInt, randomUUID } from "node:crypto";
import type { Database } from "../../db/database.ts";
import type { Campaign as CampaignRow, Coupon as CouponRow, PrismaClient } from "../../db/generated/client.ts";
import type { Campaign, CampaignCreate, Claim } from "../../contracts/promotions.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { pageArgs, toPage } from "../shared/pagination.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";

/** A red packet stays usable this long after its campaign ends. */
const PACKET_VALID_AFTER_END_MS = 7 * 24 * 3_600_000;
const soldOut = () => conflict("campaigns:sold_out", "Every red packet has been claimed.");

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
    /** Plain SQL for the claim's single statement. */
    private readonly db: Pick<Database, "query">,
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
    const campaign = await this.prisma.campaign.findFirst({ where: { id: campaignId, merchantId: who.merchantId } });
    if (!campaign) throw notFound("campaigns", "campaign");
    if (now < campaign.startsAt || now >= campaign.endsAt) {
      throw new AppError(422, "campaigns:not_running", now < campaign.startsAt ? "This campaign has not started yet." : "This campaign has ended.", { startsAt: campaign.startsAt.toISOString(), endsAt: campaign.endsAt.toISOString() });
    }
    if (campaign.claimed >= campaign.packets) throw soldOut();
    const amount = campaign.valueMin === campaign.valueMax ? campaign.valueMin : randomInt(campaign.valueMin, campaign.valueMax + 1);
    const code = `RP-${randomBytes(5).toString("hex").toUpperCase()}`;
    let rows: { claimed: number; packets: number }[];
    try {
      // One statement: the count (claimed < packets), the personal coupon and the claim row
      // (unique per shopper) commit together or not at all. Nothing holds a connection or a
      // lock between statements, so a burst of claims neither exhausts the pool nor oversells.
      const result = await this.db.query<{ claimed: number; packets: number }>(
        `with taken as (
           update "Campaign" set claimed = claimed + 1
           where id = $1 and "merchantId" = $2 and claimed < packets and "startsAt" <= $3 and "endsAt" > $3
           returning id, claimed, packets, "minSpend", "endsAt"),
         coupon as (
           insert into "Coupon" (id, "merchantId", code, type, value, "minSpend", "endsAt", "totalQuantity", "perCustomerLimit", "productIds", tags, "ownerCustomerId", "campaignId", "updatedAt")
           select $4, $2, $5, 'fixed', $6, "minSpend", "endsAt" + ($7 || ' milliseconds')::interval, 1, 1, '{}', '{}', $8, id, now() from taken
           returning id)
         insert into "CampaignClaim" (id, "merchantId", "campaignId", "shopperKey", "couponId", amount)
         select $9, $2, $1, $10, coupon.id, $6 from coupon
         returning (select claimed from taken) as claimed, (select packets from taken) as packets`,
        [campaign.id, who.merchantId, now, randomUUID(), code, amount, String(PACKET_VALID_AFTER_END_MS), who.customerId ?? null, randomUUID(), shopperKey],
      );
      rows = result.rows;
    } catch (error) {
      // The same shopper claiming twice at once: the second statement failed whole (its count
      // included), and the first packet is theirs.
      if (isUniqueViolation(error)) {
        const first = await this.findClaim(who, campaignId, shopperKey);
        if (first) return first;
      }
      throw error;
    }
    const row = rows[0];
    if (!row) throw soldOut();
    if (Number(row.claimed) >= Number(row.packets)) await this.end(who.merchantId, campaignId);
    const coupon = await this.prisma.coupon.findUniqueOrThrow({ where: { merchantId_code: { merchantId: who.merchantId, code } } });
    return toClaim(campaignId, coupon, who.currency, false);
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
