import { createHmac, randomBytes } from "node:crypto";
import type { PrismaClient, Payment as PaymentRow } from "../../db/generated/client.ts";
import type { Payment, ProviderName } from "../../contracts/payments.ts";
import { notFound } from "../../errors.ts";
import { KeyedMutex } from "../shared/keyed-mutex.ts";
import type { Logger } from "../../logger.ts";
import { amountMismatch, badSignature, notPayable, providerFailed, unknownPayment } from "./errors.ts";
import { settingsOf } from "../merchants/settings.ts";
import type { PaymentNotices } from "./notices.ts";
import { toPaymentDto } from "./payment-mapper.ts";
import type { PaymentProvider, RawNotification } from "./provider.ts";

/** PGlite runs one transaction at a time, so a burst of notifications queues for the lock. */
export const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

export type Providers = Record<ProviderName, PaymentProvider>;

/** What a settlement did: the order became paid, it was already settled (a replay), or it came too late. */
export type Settlement = "paid" | "replay" | "late";

export interface PaymentsOptions {
  /** Derives each merchant's default sandbox secret. */
  appSecret: string;
  /** The server's public origin, for pay pages and notify URLs. @defaultValue "http://localhost:3000" */
  baseUrl?: string;
  /** Schedules an order's expiry at its deadline (jobs). */
  scheduleExpiry?: (order: { id: string; merchantId: string; payBy: Date }) => Promise<void>;
  /** Refunds money that landed on an order no longer payable (wired to RefundsService). */
  refundLate?: (payment: PaymentRow) => Promise<void>;
  /** Serialises checkouts of one order across nodes, so two clicks open one payment. Without it, per process only. */
  withLock?: <T>(key: string, fn: () => Promise<T>) => Promise<T>;
}

/**
 * Payments: checkout through the merchant's provider, verified notifications, provider
 * queries. An order becomes paid only here, only from a verified notification or query
 * whose amount and currency match, and only through conditional updates inside one
 * transaction, so a replay or a race with cancellation has exactly one outcome.
 */
export class PaymentsService {
  private baseUrl: string;
  refundLate: (payment: PaymentRow) => Promise<void> = async () => undefined;

  constructor(
    private readonly prisma: PrismaClient,
    readonly providers: Providers,
    private readonly notices: PaymentNotices,
    private readonly log: Logger,
    private readonly options: PaymentsOptions,
  ) {
    this.baseUrl = options.baseUrl ?? "http://localhost:3000";
    if (options.refundLate) this.refundLate = options.refundLate;
    this.withLock = options.withLock ?? ((key, fn) => this.localLock.run(key, fn));
  }

  private readonly localLock = new KeyedMutex();
  private readonly withLock: <T>(key: string, fn: () => Promise<T>) => Promise<T>;

  /** Where pay pages and notify URLs point (set once the server knows its address). */
  setBaseUrl(url: string) {
    this.baseUrl = url.replace(/\/$/, "");
  }

  /** The merchant's credentials for a provider (the sandbox's secret is derived unless one was set). */
  async credentials(merchantId: string, provider: ProviderName): Promise<Record<string, string>> {
    const merchant = await this.prisma.merchant.findUnique({ where: { id: merchantId }, select: { settings: true } });
    const stored = settingsOf(merchant?.settings).payments.credentials[provider] ?? {};
    if (provider === "sandbox") return { secret: stored.secret ?? this.sandboxSecret(merchantId) };
    return stored;
  }

  sandboxSecret(merchantId: string) {
    return createHmac("sha256", this.options.appSecret).update(`sandbox:${merchantId}`).digest("hex");
  }

  /** Starts (or returns the still open) payment of an unpaid order with the merchant's provider. */
  create(merchantId: string, orderId: string, context: { baseUrl?: string; conversationId?: string; locale?: string } = {}): Promise<Payment> {
    // Two checkouts of one order at once (a double click, the bot and the API) would each open a
    // provider payment; under the order's lock the second finds the first still open.
    return this.withLock(`payment:${orderId}`, () => this.createUnlocked(merchantId, orderId, context));
  }

  private async createUnlocked(merchantId: string, orderId: string, context: { baseUrl?: string; conversationId?: string; locale?: string }): Promise<Payment> {
    const [order, merchant] = await Promise.all([
      this.prisma.order.findFirst({ where: { id: orderId, merchantId }, include: { items: true } }),
      this.prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { settings: true, name: true, defaultLocale: true } }),
    ]);
    if (!order) throw notFound("orders", "order");
    const now = new Date();
    if (order.status !== "pending_payment") throw notPayable(order.status);
    if (order.payBy && order.payBy <= now) throw notPayable("expired");
    const settings = settingsOf(merchant.settings).payments;
    const open = await this.prisma.payment.findFirst({
      where: { orderId, merchantId, status: "pending", provider: settings.provider, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
    });
    if (open) {
      if (context.conversationId && !open.conversationId) {
        return toPaymentDto(await this.prisma.payment.update({ where: { id: open.id }, data: { conversationId: context.conversationId, locale: context.locale ?? null } }));
      }
      return toPaymentDto(open);
    }
    const base = (context.baseUrl ?? this.baseUrl).replace(/\/$/, "");
    const token = `pt_${randomBytes(18).toString("base64url")}`;
    const expiresAt = order.payBy ?? new Date(now.getTime() + settings.windowMinutes * 60_000);
    const locale = context.locale ?? merchant.defaultLocale;
    const provider = this.providers[settings.provider];
    const credentials = await this.credentials(merchantId, settings.provider);
    const checkout = await provider
      .createCheckout(credentials, {
        token,
        amount: order.totalAmount,
        currency: order.currency,
        description: `${merchant.name} ${order.number}`,
        expiresAt,
        locale,
        notifyUrl: `${base}/api/v1/payments/${settings.provider}/notify?m=${merchantId}`,
        returnUrl: `${base}/pay/${token}`,
        payPageUrl: `${base}/pay/${token}`,
      })
      .catch((error: unknown) => {
        this.log.warn({ err: error, merchantId, orderId, provider: settings.provider }, "creating a checkout failed");
        throw providerFailed(`The payment provider did not start the checkout: ${error instanceof Error ? error.message : String(error)}`);
      });
    const row = await this.prisma.payment.create({
      data: {
        merchantId,
        orderId,
        provider: settings.provider,
        amount: order.totalAmount,
        currency: order.currency,
        token,
        payUrl: checkout.payUrl,
        qrText: checkout.qrText ?? null,
        providerRef: checkout.providerRef ?? null,
        conversationId: context.conversationId ?? null,
        locale,
        expiresAt,
      },
    });
    this.log.info({ merchantId, orderId, paymentId: row.id, provider: row.provider, amount: row.amount }, "payment created");
    if (order.payBy) await this.options.scheduleExpiry?.({ id: order.id, merchantId, payBy: order.payBy });
    const dto = await toPaymentDto(row);
    await this.notices.created(dto);
    return dto;
  }

  async list(merchantId: string, orderId: string): Promise<Payment[]> {
    const order = await this.prisma.order.findFirst({ where: { id: orderId, merchantId }, select: { id: true } });
    if (!order) throw notFound("orders", "order");
    const rows = await this.prisma.payment.findMany({ where: { orderId, merchantId }, orderBy: { createdAt: "asc" } });
    return Promise.all(rows.map(toPaymentDto));
  }

  /** A payment named by its public token (what providers carry) or, in hand-made sandbox notifications, its id. */
  private findClaimed(claim: string) {
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(claim)
      ? this.prisma.payment.findUnique({ where: { id: claim } })
      : this.prisma.payment.findUnique({ where: { token: claim } });
  }

  async byToken(token: string) {
    return this.prisma.payment.findUnique({ where: { token }, include: { order: { include: { items: true } } } });
  }

  /**
   * A provider's notification: signature first (401), then the payment (404), then amount
   * and currency (422), and only then any change. Returns how to acknowledge it.
   */
  async notify(providerName: ProviderName, raw: RawNotification) {
    const provider = this.providers[providerName];
    let token = provider.locate(raw);
    let payment = token ? await this.findClaimed(token) : null;
    if (token && !payment) throw unknownPayment();
    // WeChat Pay encrypts which payment it is about: the merchant is in the notify URL we gave it.
    const merchantId = payment?.merchantId ?? raw.query.m;
    if (!merchantId || !/^[0-9a-f-]{36}$/i.test(merchantId)) throw badSignature("The notification names no merchant.");
    const verified = await provider.verify(await this.credentials(merchantId, providerName), raw);
    if (token && verified.token !== token) throw badSignature("The signed content names another payment.");
    token = verified.token;
    payment ??= await this.findClaimed(token);
    if (!payment || payment.merchantId !== merchantId || payment.provider !== providerName) throw unknownPayment();
    if (verified.outcome === "pending") return provider.acknowledge();
    if (verified.amount !== payment.amount || verified.currency.toUpperCase() !== payment.currency) {
      this.log.warn({ paymentId: payment.id, expected: payment.amount, got: verified.amount, currency: verified.currency }, "notification amount mismatch");
      throw amountMismatch({ expected: { amount: payment.amount, currency: payment.currency }, received: { amount: verified.amount, currency: verified.currency.toUpperCase() } });
    }
    if (verified.outcome === "succeeded") await this.settle(payment, verified.providerRef ?? null, `payment:${providerName}`);
    else await this.fail(payment, verified.reason ?? "declined", `payment:${providerName}`);
    return provider.acknowledge();
  }

  /**
   * Money arrived (verified): the payment succeeds and the order becomes paid, each by a
   * conditional update in one transaction. A replay finds the payment already settled and
   * changes nothing; money for an order that was cancelled meanwhile goes back.
   */
  async settle(payment: PaymentRow, providerRef: string | null, actor: string): Promise<Settlement> {
    const outcome = await this.prisma.$transaction(async (tx) => {
      // The order row first, as cancellation and expiry lock it first: one lock order, no deadlock.
      await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "id" = ${payment.orderId} FOR UPDATE`;
      const won = await tx.payment.updateMany({
        where: { id: payment.id, status: { in: ["pending", "failed", "expired"] } },
        data: { status: "succeeded", paidAt: new Date(), ...(providerRef ? { providerRef } : {}), failureReason: null },
      });
      if (won.count === 0) return "replay" as const;
      const paid = await tx.order.updateMany({ where: { id: payment.orderId, status: "pending_payment" }, data: { status: "paid" } });
      if (paid.count === 0) return "late" as const;
      await tx.orderStatusChange.create({ data: { orderId: payment.orderId, fromStatus: "pending_payment", status: "paid", actor, note: `payment ${payment.id} succeeded` } });
      // Any other open payment of this order can no longer be used.
      await tx.payment.updateMany({ where: { orderId: payment.orderId, id: { not: payment.id }, status: "pending" }, data: { status: "expired" } });
      return "paid" as const;
    }, TX_OPTIONS);
    this.log.info({ merchantId: payment.merchantId, orderId: payment.orderId, paymentId: payment.id, outcome }, "payment settled");
    if (outcome === "replay") return outcome;
    const fresh = await this.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    await this.notices.succeeded(fresh, outcome === "paid");
    if (outcome === "late") await this.refundLate(fresh);
    return outcome;
  }

  /** The provider says it did not go through: recorded once; the shopper may try again. */
  async fail(payment: PaymentRow, reason: string, actor: string) {
    const failed = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "id" = ${payment.orderId} FOR UPDATE`;
      const moved = await tx.payment.updateMany({ where: { id: payment.id, status: "pending" }, data: { status: "failed", failureReason: reason.slice(0, 200) } });
      if (moved.count === 0) return false;
      const order = await tx.order.findUniqueOrThrow({ where: { id: payment.orderId }, select: { status: true } });
      await tx.orderStatusChange.create({ data: { orderId: payment.orderId, fromStatus: order.status, status: order.status, actor, note: `payment ${payment.id} failed: ${reason.slice(0, 200)}` } });
      return true;
    }, TX_OPTIONS);
    if (!failed) return;
    const fresh = await this.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    const retry = await this.retryFor(fresh);
    await this.notices.failed(fresh, retry);
  }

  /** After a failure in chat: a fresh payment for the same order, while it can still be paid. */
  private async retryFor(payment: PaymentRow): Promise<Payment | null> {
    if (!payment.conversationId) return null;
    try {
      return await this.create(payment.merchantId, payment.orderId, { conversationId: payment.conversationId, locale: payment.locale ?? undefined });
    } catch (error) {
      this.log.info({ err: error, paymentId: payment.id }, "no retry payment: the order can no longer be paid");
      return null;
    }
  }

  /**
   * Asks the provider about an open payment and settles it from the answer (reconciliation
   * and the shopper's "I paid but it still says unpaid"). Returns the payment afterwards.
   */
  async reconcile(payment: PaymentRow): Promise<PaymentRow> {
    if (!["pending", "failed", "expired"].includes(payment.status)) return payment;
    const provider = this.providers[payment.provider as ProviderName];
    if (!provider) return payment;
    const answer = await provider.query(await this.credentials(payment.merchantId, payment.provider as ProviderName), { token: payment.token, providerRef: payment.providerRef });
    if (answer.outcome === "succeeded") {
      if (answer.amount !== payment.amount || (answer.currency && answer.currency.toUpperCase() !== payment.currency)) {
        this.log.warn({ paymentId: payment.id, answer }, "provider query reports another amount: not settled");
      } else {
        await this.settle(payment, answer.providerRef ?? null, `payment:${payment.provider}:query`);
      }
    } else if (answer.outcome === "failed" && payment.status === "pending") {
      await this.fail(payment, "reported failed by the provider", `payment:${payment.provider}:query`);
    }
    return this.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
  }

  /** Reconciliation job: asks the providers about payments still open after a minute. */
  async reconcilePending(now = new Date(), limit = 50) {
    const rows = await this.prisma.payment.findMany({
      where: { status: "pending", createdAt: { lt: new Date(now.getTime() - 60_000) }, expiresAt: { gt: new Date(now.getTime() - 24 * 3600_000) } },
      orderBy: { createdAt: "asc" },
      take: limit,
    });
    let settled = 0;
    for (const row of rows) {
      try {
        const after = await this.reconcile(row);
        if (after.status !== "pending") settled++;
      } catch (error) {
        this.log.warn({ err: error, paymentId: row.id, provider: row.provider }, "reconciling a payment failed");
      }
    }
    return { checked: rows.length, settled };
  }

  /** The shopper's "I paid but…": the order's latest payment, checked with its provider. */
  async check(merchantId: string, orderId: string) {
    const order = await this.prisma.order.findFirst({ where: { id: orderId, merchantId }, select: { status: true } });
    if (!order) throw notFound("orders", "order");
    const latest = await this.prisma.payment.findFirst({ where: { orderId, merchantId }, orderBy: { createdAt: "desc" } });
    if (!latest) return { orderStatus: order.status, payment: null };
    const checked = await this.reconcile(latest);
    const after = await this.prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
    return { orderStatus: after.status, payment: await toPaymentDto(checked) };
  }
}
