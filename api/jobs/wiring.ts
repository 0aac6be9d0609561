import type { Logger } from "../logger.ts";
import type { Services } from "../services.ts";
import { analyticsRollup, campaignSweep, deliverWebhook, idempotencyPrune, recommendationsRebuild, reportsSchedule, slaSweep } from "./definitions.ts";
import { startPaymentWorkers } from "./payment-workers.ts";
import { startPrivacyWorkers } from "./privacy-workers.ts";
import type { JobQueue } from "./queue.ts";

/** How often the SLA sweep runs. */
const SLA_SWEEP_MS = 60_000;
/** How often yesterday's and older days' analytics are (re)computed. */
const ROLLUP_MS = 5 * 60_000;
/** How often the report schedule checks for a week or month without its report. */
const REPORTS_MS = 60 * 60_000;
/** How often the recommender is retrained from the latest orders. */
const RECOMMENDATIONS_MS = 15 * 60_000;
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
  queue.work(reportsSchedule, async () => {
    await services.reports.runSchedule();
  });
  await queue.every(reportsSchedule, REPORTS_MS, {});
  queue.work(recommendationsRebuild, async ({ merchantId }) => {
    if (merchantId) await services.recommendations.rebuild(merchantId);
    else await services.recommendations.rebuildAll();
  });
  await queue.every(recommendationsRebuild, RECOMMENDATIONS_MS, {});
  queue.work(idempotencyPrune, async () => {
    await services.idempotency.prune();
  });
  await queue.every(idempotencyPrune, IDEMPOTENCY_PRUNE_MS, {});
  await startPaymentWorkers(queue, services.paymentJobs);
  await startPrivacyWorkers(queue, services.privacy);
  queue.work(campaignSweep, async () => {
    await services.campaigns.endDue();
  });
  await queue.every(campaignSweep, SLA_SWEEP_MS, {});
}
