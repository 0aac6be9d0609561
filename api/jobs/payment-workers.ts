import type { PaymentJobs } from "../domain/payments/payment-jobs.ts";
import { paymentExpire, paymentExpirySweep, paymentReconcile } from "./definitions.ts";
import type { JobQueue } from "./queue.ts";

/** How often unpaid orders past their window are looked for (backs up the per-order delayed job). */
const EXPIRY_SWEEP_MS = 30_000;
/** How often providers are asked about payments still open. */
const RECONCILE_MS = 2 * 60_000;

export async function startPaymentWorkers(queue: JobQueue, jobs: PaymentJobs) {
  queue.work(paymentExpire, async ({ orderId }) => {
    await jobs.expire(orderId);
  });
  queue.work(paymentExpirySweep, async () => {
    await jobs.sweepExpired();
  });
  await queue.every(paymentExpirySweep, EXPIRY_SWEEP_MS, {});
  queue.work(paymentReconcile, async () => {
    await jobs.reconcile();
  });
  await queue.every(paymentReconcile, RECONCILE_MS, {});
}
