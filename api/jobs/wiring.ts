import type { Logger } from "../logger.ts";
import type { Services } from "../services.ts";
import { analyticsRollup, deliverWebhook, idempotencyPrune, slaSweep } from "./definitions.ts";
import { startPaymentWorkers } from "./payment-workers.ts";
import type { JobQueue } from "./queue.ts";

/** How often the SLA sweep runs. */
const SLA_SWEEP_MS = 60_000;
/** How often yesterday's and older days' analytics are (re)computed. */
const ROLLUP_MS = 5 * 60_000;
/** How often expired idempotency records are deleted. */
const IDEMPOTENCY_PRUNE_MS = 15 * 60_000;

/** Turns conversation events into webhook deliveries (on the node where they happen). */
export function publishWebhooks(services: Services, log: Logger): () => void {
  return services.events.subscribe((event) => {
    if (event.type !== "status" || (event.status !== "queued" && event.status !== "resolved")) return;
    const name = event.status === "queued" ? "conversation.queued" : "conversation.resolved";
    void services.handoff
      .summary(event.merchantId, event.conversationId)
      .then((conversation) => services.webhooks.publish(event.merchantId, name, { conversation }))
      .catch((err) => log.error({ err }, "publishing a webhook failed"));
  });
}

/** Registers the processors of every job in this process (API node or `npm run worker`). */
export async function startWorkers(queue: JobQueue, services: Services) {
  queue.work(deliverWebhook, ({ deliveryId }) => services.webhooks.deliver(deliveryId));
  queue.work(slaSweep, async () => {
    await services.sla.sweep();
  });
  await queue.every(slaSweep, SLA_SWEEP_MS, {});
  queue.work(analyticsRollup, async () => {
    await services.rollups.run();
  });
  await queue.every(analyticsRollup, ROLLUP_MS, {});
  queue.work(idempotencyPrune, async () => {
    await services.idempotency.prune();
  });
  await queue.every(idempotencyPrune, IDEMPOTENCY_PRUNE_MS, {});
  await startPaymentWorkers(queue, services.paymentJobs);
}
