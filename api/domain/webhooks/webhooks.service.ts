import { createHmac, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { PrismaClient } from "../../db/generated/client.ts";
import { deliverWebhook } from "../../jobs/definitions.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { pageArgs, toPage } from "../shared/pagination.ts";
import { checkedAddress, hostOf, isBlockedName, isPublicAddress, systemResolver, type Resolver } from "./address-guard.ts";
import { pinnedPost } from "./pinned-post.ts";

export const WEBHOOK_EVENTS = ["conversation.queued", "conversation.resolved", "order.created", "order.status_changed", "payment.succeeded", "payment.failed", "payment.refunded", "coupon.redeemed", "campaign.ended"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * The one text the delivery log keeps for any failed attempt (refused address, DNS, refused
 * connection, timeout, non-2xx, redirect): telling them apart would make the log a port
 * scanner. The server log keeps the reason for operators.
 */
export const DELIVERY_FAILED = "The endpoint did not accept the delivery (no 2xx answer).";

export interface WebhookOptions {
  /** Lets webhooks reach private, loopback and link-local addresses (local development only). @defaultValue false */
  allowPrivateHosts: boolean;
  /** Only https URLs (production). @defaultValue false */
  httpsOnly?: boolean;
  /** @defaultValue 10000 */
  timeoutMs?: number;
  /** How host names become addresses. @defaultValue the system resolver (dns.lookup, all addresses) */
  resolve?: Resolver;
}

/**
 * Merchant webhooks: events are recorded as deliveries and sent by jobs, signed with the
 * endpoint's secret, retried with exponential backoff; every attempt is in the delivery log.
 */
export class WebhooksService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly queue: JobQueue,
    private readonly log: Logger,
    private readonly options: WebhookOptions = { allowPrivateHosts: false },
  ) {}

  async create(merchantId: string, input: { url: string; events: WebhookEvent[] }) {
    assertAcceptableUrl(input.url, this.options);
    const endpoint = await this.prisma.webhookEndpoint.create({
      data: { merchantId, url: input.url, events: input.events, secret: `whsec_${randomBytes(24).toString("base64url")}` },
    });
    // The secret is shown once, at creation.
    return { id: endpoint.id, url: endpoint.url, events: endpoint.events, active: endpoint.active, secret: endpoint.secret, createdAt: endpoint.createdAt.toISOString() };
  }

  async list(merchantId: string) {
    const rows = await this.prisma.webhookEndpoint.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" } });
    return { data: rows.map((e) => ({ id: e.id, url: e.url, events: e.events, active: e.active, createdAt: e.createdAt.toISOString() })), nextCursor: null };
  }

  async remove(merchantId: string, id: string) {
    const gone = await this.prisma.webhookEndpoint.deleteMany({ where: { id, merchantId } });
    if (gone.count === 0) throw notFound("webhooks", "webhook");
  }

  async deliveries(merchantId: string, query: { limit: number; cursor?: string }) {
    const rows = await this.prisma.webhookDelivery.findMany({ where: { merchantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageArgs(query.limit, query.cursor) });
    return toPage(rows, query.limit, (d) => ({
      id: d.id,
      endpointId: d.endpointId,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    }));
  }

  /** Records one delivery per subscribed endpoint and queues it. */
  async publish(merchantId: string, event: WebhookEvent, data: unknown): Promise<void> {
    const endpoints = await this.prisma.webhookEndpoint.findMany({ where: { merchantId, active: true, events: { has: event } } });
    for (const endpoint of endpoints) {
      const delivery = await this.prisma.webhookDelivery.create({
        data: { merchantId, endpointId: endpoint.id, event, payload: { event, createdAt: new Date().toISOString(), data: data as object } },
      });
      await this.queue.add(deliverWebhook, { deliveryId: delivery.id }, { jobId: delivery.id });
    }
  }

  /** One attempt; throws (so the job retries) unless the endpoint answered 2xx. */
  async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
    if (!delivery || delivery.status === "succeeded") return; // already done: a retried job changes nothing
    const body = JSON.stringify({ id: delivery.id, ...(delivery.payload as object) });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac("sha256", delivery.endpoint.secret).update(`${timestamp}.${body}`).digest("hex");
    let status: number | null = null;
    let reason: string | null = null;
    try {
      const url = new URL(delivery.endpoint.url);
      const target = await checkedAddress(url, { allowPrivate: this.options.allowPrivateHosts, resolve: this.options.resolve ?? systemResolver });
      if (!target) {
        reason = "host refused or unresolvable";
      } else {
        const headers = {
          "content-type": "application/json",
          "user-agent": "ShopChat-Webhooks/1",
          "x-shopchat-event": delivery.event,
          "x-shopchat-delivery": delivery.id,
          "x-shopchat-signature": `t=${timestamp},v1=${signature}`,
        };
        const answered = await pinnedPost(url, target, headers, body, this.options.timeoutMs ?? 10_000);
        if (answered >= 200 && answered < 300) status = answered;
        else reason = `HTTP ${answered}`;
      }
    } catch (err) {
      reason = (err as Error).message;
    }
    const error = reason ? DELIVERY_FAILED : null;
    await this.prisma.webhookDelivery.update({
      where: { id: delivery.id },
      data: { attempts: { increment: 1 }, lastStatusCode: status, lastError: error, status: error ? "failed" : "succeeded", deliveredAt: error ? null : new Date() },
    });
    if (error) {
      this.log.warn({ deliveryId, event: delivery.event, reason }, "webhook delivery failed");
      throw new Error(`webhook delivery failed: ${error}`);
    }
  }
}

/** Verifies a signature header the way a merchant's endpoint should. */
export function verifySignature(secret: string, header: string, body: string, toleranceSec = 300, now = Date.now()): boolean {
  const parts = Object.fromEntries(header.split(",").map((kv) => kv.split("=") as [string, string]));
  const t = Number(parts.t);
  if (!t || Math.abs(now / 1000 - t) > toleranceSec) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return expected === parts.v1;
}

/** Refuses at once what delivery would refuse anyway: other schemes, blocked names, non-public IP literals. */
function assertAcceptableUrl(url: string, options: WebhookOptions) {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new AppError(400, "webhooks:bad_url", "Webhook URLs must be http(s).");
  if (parsed.username || parsed.password) throw new AppError(400, "webhooks:bad_url", "Webhook URLs must not carry credentials.");
  if (options.httpsOnly && parsed.protocol !== "https:") throw new AppError(400, "webhooks:bad_url", "Webhook URLs must be https.");
  if (options.allowPrivateHosts) return;
  const host = hostOf(parsed);
  if (isBlockedName(host) || (isIP(host) && !isPublicAddress(host))) {
    throw new AppError(400, "webhooks:bad_url", "Webhook URLs must point to public addresses.");
  }
}
