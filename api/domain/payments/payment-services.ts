import { createProviders } from "../../adapters/payments/index.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import { paymentExpire } from "../../jobs/definitions.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import type { Logger } from "../../logger.ts";
import type { MessageLog } from "../conversations/message-log.ts";
import type { OrdersService } from "../orders/orders.service.ts";
import type { WebhooksService } from "../webhooks/webhooks.service.ts";
import { createMailer } from "./mailer.ts";
import { PaymentNotices } from "./notices.ts";
import { PaymentJobs } from "./payment-jobs.ts";
import { PaymentsService } from "./payments.service.ts";
import { RefundsService } from "./refunds.service.ts";

export interface PaymentDeps {
  prisma: PrismaClient;
  log: Logger;
  queue: JobQueue;
  webhooks: Pick<WebhooksService, "publish">;
  messages: Pick<MessageLog, "append">;
  orders: OrdersService;
  appSecret: string;
  publicUrl?: string;
  smtpUrl?: string;
  /** Serialises work on one key across processes (the database's lease lock). */
  withLock?: <T>(key: string, fn: () => Promise<T>) => Promise<T>;
}

/** The payments area, built once: providers, payments, refunds, jobs, and their wiring into orders. */
export function createPaymentServices(deps: PaymentDeps) {
  const log = deps.log.child({ module: "payments" });
  const providers = createProviders();
  const notices = new PaymentNotices({ prisma: deps.prisma, log, publish: (m, e, d) => deps.webhooks.publish(m, e, d), messages: deps.messages, mailer: createMailer(deps.smtpUrl, log) });
  const scheduleExpiry = async (order: { id: string; payBy: Date }) => {
    await deps.queue.add(paymentExpire, { orderId: order.id }, { delayMs: Math.max(0, order.payBy.getTime() - Date.now()) + 500, jobId: `expire-${order.id}` });
  };
  const payments = new PaymentsService(deps.prisma, providers, notices, log, { appSecret: deps.appSecret, baseUrl: deps.publicUrl, scheduleExpiry, withLock: deps.withLock });
  const refunds = new RefundsService(deps.prisma, payments, notices, log);
  payments.refundLate = (payment) => refunds.refundLate(payment);
  deps.orders.useRefunds(async (scope, orderId, reason, actor) => {
    const paid = await deps.prisma.payment.count({ where: { orderId, merchantId: scope.merchantId, status: { in: ["succeeded", "partially_refunded"] } } });
    if (paid === 0) return false;
    await refunds.refund(scope.merchantId, orderId, { reason }, actor);
    return true;
  });
  const paymentJobs = new PaymentJobs(deps.prisma, deps.orders, payments, refunds, notices, log);
  return {
    providers,
    payments,
    refunds,
    paymentJobs,
    onOrderCreated(order: { id: string; payBy: string | null }) {
      if (!order.payBy) return;
      void scheduleExpiry({ id: order.id, payBy: new Date(order.payBy) }).catch((err: unknown) => log.warn({ err, orderId: order.id }, "scheduling an order's expiry failed: the sweep will find it"));
    },
  };
}

export type PaymentServices = ReturnType<typeof createPaymentServices>;
