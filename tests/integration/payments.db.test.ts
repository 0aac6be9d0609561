import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { paymentExpire } from "../../api/jobs/definitions.ts";
import { InProcessQueue } from "../../api/jobs/in-process-queue.ts";
import { startPaymentWorkers } from "../../api/jobs/payment-workers.ts";
import { silentLogger } from "../support/logger.ts";
import { notifySandbox, payingMerchant, placeOrder, SANDBOX_SECRET, sandboxNotification } from "../support/payments.ts";
import { servicesFor } from "../support/services.ts";
import type { SandboxProvider } from "../../api/adapters/payments/sandbox.ts";

describe.each(DATABASE_KINDS)("checkout and payments on %s", (kind) => {
  let test: TestDatabase;
  let client: ReturnType<typeof createTestClient>;
  const call: ReturnType<typeof createTestClient>["call"] = (...args) => client.call(...args);

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  const tokenOf = async (paymentId: string) => (await test.db.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).token;
  const historyOf = async (orderId: string) => test.db.prisma.orderStatusChange.count({ where: { orderId } });

  it("adds the flat shipping fee under the threshold and ships free from it", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call);
    const small = await placeOrder(call, apiKey, product.id, 2);
    expect(small).toMatchObject({ subtotal: { amount: 5980, currency: "CNY" }, shipping: { amount: 800 }, discount: { amount: 0 }, total: { amount: 6780 } });
    const large = await placeOrder(call, apiKey, product.id, 4);
    expect(large).toMatchObject({ subtotal: { amount: 11960 }, shipping: { amount: 0 }, total: { amount: 11960 } });
    const edited = await call("PATCH", `/orders/${large.id}`, { key: apiKey, body: { items: [{ productId: product.id, quantity: 1 }] } });
    expect(edited.json).toMatchObject({ subtotal: { amount: 2990 }, shipping: { amount: 800 }, total: { amount: 3790 } });
    expect(typeof small.payBy).toBe("string");
  });

  it("keeps credentials write-only and validates them", async () => {
    const { apiKey } = await payingMerchant(test.db.prisma, call);
    const got = await call("GET", "/settings/payments", { key: apiKey });
    expect(got.json).toEqual({ provider: "sandbox", windowMinutes: 30, configured: { sandbox: ["secret"] } });
    expect(JSON.stringify(got.json)).not.toContain("sandbox-secret");
    const bad = await call("PUT", "/settings/payments", { key: apiKey, body: { provider: "stripe", credentials: { secretKey: 1 } } });
    expect(bad.status).toBe(400);
    const window = await call("PUT", "/settings/payments", { key: apiKey, body: { provider: "sandbox", windowMinutes: 0 } });
    expect(window.status).toBe(400);
  });

  it("pays an order only through a verified notification; forged, unknown, mismatched and replayed ones change nothing", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call);
    const order = await placeOrder(call, apiKey, product.id);
    const created = await call("POST", `/orders/${order.id}/payments`, { key: apiKey });
    expect(created.status).toBe(201);
    const payment = created.json;
    expect(payment).toMatchObject({ orderId: order.id, provider: "sandbox", status: "pending", amount: { amount: 3790, currency: "CNY" } });
    expect(payment.payUrl).toMatch(/\/pay\/pt_/);
    expect(payment.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Date.parse(payment.expiresAt)).toBeGreaterThan(Date.now() + 29 * 60_000);
    // The same open payment comes back on a second request.
    expect((await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json.id).toBe(payment.id);

    const token = await tokenOf(payment.id);
    const good = sandboxNotification({ token, amount: 3790, currency: "CNY" });
    const before = await historyOf(order.id);

    const missing = await notifySandbox(call, { body: good.body });
    expect(missing.status).toBe(401);
    expect(missing.json.error.code).toBe("payments:bad_signature");
    const forged = await notifySandbox(call, { body: good.body, signature: sandboxNotification({ token, amount: 3790, currency: "CNY" }, {}, "not-the-secret-000").signature });
    expect(forged.status).toBe(401);
    const tampered = await notifySandbox(call, { body: good.body.replace("3790", "1"), signature: good.signature });
    expect(tampered.status).toBe(401);
    const unknown = await notifySandbox(call, sandboxNotification({ token: "pt_doesnotexist000000", amount: 3790, currency: "CNY" }));
    expect(unknown.status).toBe(404);
    const cheap = await notifySandbox(call, sandboxNotification({ token, amount: 100, currency: "CNY" }));
    expect(cheap.status).toBe(422);
    expect(cheap.json.error.code).toBe("payments:amount_mismatch");
    const dollars = await notifySandbox(call, sandboxNotification({ token, amount: 3790, currency: "USD" }));
    expect(dollars.status).toBe(422);
    expect((await call("GET", `/orders/${order.id}`, { key: apiKey })).json.status).toBe("pending_payment");
    expect(await historyOf(order.id)).toBe(before);

    const paid = await notifySandbox(call, good);
    expect(paid.status).toBe(200);
    const after = (await call("GET", `/orders/${order.id}`, { key: apiKey })).json;
    expect(after.status).toBe("paid");
    expect(after.history.at(-1)).toMatchObject({ from: "pending_payment", status: "paid", actor: "payment:sandbox" });
    const historyAfter = await historyOf(order.id);
    for (let i = 0; i < 3; i++) expect((await notifySandbox(call, good)).status).toBe(200);
    expect(await historyOf(order.id)).toBe(historyAfter);
    const payments = (await call("GET", `/orders/${order.id}/payments`, { key: apiKey })).json.data;
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: "succeeded" });
    expect(payments[0].qr).toBeUndefined();

    const again = await call("POST", `/orders/${order.id}/payments`, { key: apiKey });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("payments:order_not_payable");
  });

  it("serves the hosted pay page in both languages, whose Pay button pays through the signed notification", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call, { priceAmount: 12000 });
    const order = await placeOrder(call, apiKey, product.id);
    const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
    const path = new URL(payment.payUrl).pathname;
    const en = await client.app.request(`${path}?lang=en`);
    expect(en.status).toBe(200);
    const html = await en.text();
    expect(html).toContain(order.number);
    expect(html).toContain("CN¥120.00");
    expect(html).toContain("data:image/svg+xml;base64,");
    expect(html).toContain("free");
    const zh = await (await client.app.request(`${path}?lang=zh-CN`)).text();
    expect(zh).toContain("确认付款");
    expect(zh).toContain("包邮");
    expect((await client.app.request("/pay/pt_nothing_here_at_all")).status).toBe(404);

    const pay = await client.app.request(`${path}/complete`, { method: "POST", body: new URLSearchParams({ outcome: "succeeded", lang: "en" }) });
    expect(pay.status).toBe(303);
    expect((await call("GET", `/orders/${order.id}`, { key: apiKey })).json.status).toBe("paid");
    expect(await (await client.app.request(`${path}?lang=en`)).text()).toContain("Paid, thank you");
    const twice = await client.app.request(`${path}/complete`, { method: "POST", body: new URLSearchParams({ outcome: "succeeded" }) });
    expect(twice.status).toBe(409);
  });

  it("opens one payment when two nodes start the checkout of one order at once", async () => {
    const other = createTestClient(test.db);
    const { apiKey, product } = await payingMerchant(test.db.prisma, call);
    const order = await placeOrder(call, apiKey, product.id);
    const started = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? other.call : call)("POST", `/orders/${order.id}/payments`, { key: apiKey })));
    expect(started.map((r) => r.status).every((s) => s === 201)).toBe(true);
    expect(new Set(started.map((r) => r.json.id)).size).toBe(1);
    expect(await test.db.prisma.payment.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("records a failure and lets the shopper try again with a new payment", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call);
    const order = await placeOrder(call, apiKey, product.id);
    const first = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
    const fail = await client.app.request(`${new URL(first.payUrl).pathname}/complete`, { method: "POST", body: new URLSearchParams({ outcome: "failed" }) });
    expect(fail.status).toBe(303);
    const failed = (await call("GET", `/orders/${order.id}`, { key: apiKey })).json;
    expect(failed.status).toBe("pending_payment");
    expect(failed.history.at(-1).note).toMatch(/failed/);
    const retry = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
    expect(retry.id).not.toBe(first.id);
    expect((await notifySandbox(call, sandboxNotification({ token: await tokenOf(retry.id), amount: retry.amount.amount, currency: "CNY" }))).status).toBe(200);
    expect((await call("GET", `/orders/${order.id}`, { key: apiKey })).json.status).toBe("paid");
  });

  it("refuses to pay a cancelled order, and refunds money that lands after cancellation", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call);
    const order = await placeOrder(call, apiKey, product.id);
    const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
    expect((await call("POST", `/orders/${order.id}/cancel`, { key: apiKey, body: {} })).status).toBe(200);
    expect((await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).status).toBe(409);
    const late = await notifySandbox(call, sandboxNotification({ token: await tokenOf(payment.id), amount: 3790, currency: "CNY" }));
    expect(late.status).toBe(200);
    const after = (await call("GET", `/orders/${order.id}`, { key: apiKey })).json;
    expect(after.status).toBe("cancelled");
    const [p] = (await call("GET", `/orders/${order.id}/payments`, { key: apiKey })).json.data;
    expect(p).toMatchObject({ status: "refunded", refunded: { amount: 3790 } });
    expect((await call("GET", `/orders/${order.id}/refunds`, { key: apiKey })).json.data).toMatchObject([{ amount: { amount: 3790 }, status: "succeeded", actor: "system" }]);
  });

  it("ends a race between the notification and cancellation in exactly one outcome", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call, { stock: 1000 });
    const outcomes = new Set<string>();
    let paidOrders = 0;
    for (let round = 0; round < 6; round++) {
      const order = await placeOrder(call, apiKey, product.id);
      const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
      const n = sandboxNotification({ token: await tokenOf(payment.id), amount: 3790, currency: "CNY" });
      const results = await Promise.all([
        ...Array.from({ length: 8 }, () => notifySandbox(call, n)),
        ...Array.from({ length: 4 }, () => call("POST", `/orders/${order.id}/cancel`, { key: apiKey, body: {} })),
      ]);
      for (const r of results.slice(0, 8)) expect(r.status).toBe(200);
      const final = (await call("GET", `/orders/${order.id}`, { key: apiKey })).json;
      const [p] = (await call("GET", `/orders/${order.id}/payments`, { key: apiKey })).json.data;
      const refunds = (await call("GET", `/orders/${order.id}/refunds`, { key: apiKey })).json.data;
      const paidMoves = final.history.filter((h: { status: string; from: string }) => h.status === "paid" && h.from === "pending_payment").length;
      const cancels = final.history.filter((h: { status: string; from: string | null }) => h.status === "cancelled" && h.from !== "cancelled").length;
      const cancelResponses = results.slice(8);
      expect(paidMoves).toBeLessThanOrEqual(1);
      if (final.status === "paid") {
        // The money won: every cancellation was refused, nothing refunded.
        outcomes.add("paid");
        expect(cancels).toBe(0);
        for (const r of cancelResponses) expect(r.status).toBe(409);
        expect(p.status).toBe("succeeded");
        expect(refunds).toHaveLength(0);
      } else {
        // Cancelled (before or after the money): the money went back exactly once.
        outcomes.add("cancelled");
        expect(final.status).toBe("cancelled");
        expect(cancels).toBe(1);
        expect(cancelResponses.filter((r) => r.status === 200)).toHaveLength(1);
        expect(p).toMatchObject({ status: "refunded", refunded: { amount: 3790 } });
        expect(refunds.filter((r: { status: string }) => r.status === "succeeded")).toHaveLength(1);
      }
      paidOrders += final.status === "paid" ? 1 : 0;
    }
    expect(outcomes.size).toBeGreaterThan(0);
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(1000 - paidOrders);
  });

  it("refunds in part and in whole, never above what was paid, also under concurrency", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call, { priceAmount: 10000 });
    const order = await placeOrder(call, apiKey, product.id);
    const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
    expect((await call("POST", `/orders/${order.id}/refunds`, { key: apiKey, body: { reason: "too early" } })).status).toBe(422);
    await notifySandbox(call, sandboxNotification({ token: await tokenOf(payment.id), amount: 10000, currency: "CNY" }));
    const over = await call("POST", `/orders/${order.id}/refunds`, { key: apiKey, body: { amount: 10001, reason: "too much" } });
    expect(over.status).toBe(422);
    expect(over.json.error.code).toBe("payments:refund_exceeds_paid");
    const parts = await Promise.all(Array.from({ length: 8 }, () => call("POST", `/orders/${order.id}/refunds`, { key: apiKey, body: { amount: 3000, reason: "partial" } })));
    expect(parts.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of parts.filter((r) => r.status !== 201)) expect(r.json.error.code).toBe("payments:refund_exceeds_paid");
    let state = (await call("GET", `/orders/${order.id}`, { key: apiKey })).json;
    expect(state.status).toBe("paid");
    const rest = await call("POST", `/orders/${order.id}/refunds`, { key: apiKey, body: { reason: "the rest" } });
    expect(rest.status).toBe(201);
    expect(rest.json.data[0].amount.amount).toBe(1000);
    state = (await call("GET", `/orders/${order.id}`, { key: apiKey })).json;
    expect(state.status).toBe("refunded");
    const [p] = (await call("GET", `/orders/${order.id}/payments`, { key: apiKey })).json.data;
    expect(p).toMatchObject({ status: "refunded", refunded: { amount: 10000 } });
    expect((await call("POST", `/orders/${order.id}/refunds`, { key: apiKey, body: { amount: 1, reason: "more" } })).status).toBe(422);
  });

  it("refunds a paid order when it is cancelled, and an approved refund request through the provider", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call);
    const pay = async () => {
      const order = await placeOrder(call, apiKey, product.id);
      const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
      await notifySandbox(call, sandboxNotification({ token: await tokenOf(payment.id), amount: 3790, currency: "CNY" }));
      return order;
    };
    const first = await pay();
    const cancelled = await call("POST", `/orders/${first.id}/cancel`, { key: apiKey, body: { reason: "changed my mind" } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe("cancelled");
    expect((await call("GET", `/orders/${first.id}/payments`, { key: apiKey })).json.data[0].status).toBe("refunded");

    const second = await pay();
    await call("POST", `/orders/${second.id}/status`, { key: apiKey, body: { status: "refund_requested" } });
    const approved = await call("POST", `/orders/${second.id}/status`, { key: apiKey, body: { status: "refunded", note: "approved" } });
    expect(approved.json.status).toBe("refunded");
    expect((await call("GET", `/orders/${second.id}/refunds`, { key: apiKey })).json.data).toHaveLength(1);
  });

  it("cancels an unpaid order with its stock back when its window ends (actor system), and not a paid one", async () => {
    const { apiKey, product, merchant } = await payingMerchant(test.db.prisma, call, { stock: 10 });
    const unpaid = await placeOrder(call, apiKey, product.id, 3);
    const paid = await placeOrder(call, apiKey, product.id, 2);
    const payment = (await call("POST", `/orders/${unpaid.id}/payments`, { key: apiKey })).json;
    const paidPayment = (await call("POST", `/orders/${paid.id}/payments`, { key: apiKey })).json;
    await notifySandbox(call, sandboxNotification({ token: await tokenOf(paidPayment.id), amount: paidPayment.amount.amount, currency: "CNY" }));
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(5);

    const { services } = servicesFor(test.db);
    expect(await services.paymentJobs.sweepExpired(new Date())).toBe(0);
    const later = new Date(Date.now() + 31 * 60_000);
    expect(await services.paymentJobs.expire(unpaid.id, later)).toBe(true);
    expect(await services.paymentJobs.expire(paid.id, later)).toBe(false);
    const order = (await call("GET", `/orders/${unpaid.id}`, { key: apiKey })).json;
    expect(order.status).toBe("cancelled");
    expect(order.history.at(-1)).toMatchObject({ from: "pending_payment", status: "cancelled", actor: "system" });
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(8);
    expect((await call("GET", `/orders/${unpaid.id}/payments`, { key: apiKey })).json.data[0].status).toBe("expired");
    expect((await call("GET", `/orders/${paid.id}`, { key: apiKey })).json.status).toBe("paid");
    void merchant;
    expect(payment.status).toBe("pending");
  });

  it("ends a race between the end of the window and a notification in exactly one outcome", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call, { stock: 100 });
    const { services } = servicesFor(test.db);
    for (let round = 0; round < 4; round++) {
      const order = await placeOrder(call, apiKey, product.id);
      const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
      await test.db.prisma.order.update({ where: { id: order.id }, data: { payBy: new Date(Date.now() - 1000) } });
      const n = sandboxNotification({ token: await tokenOf(payment.id), amount: 3790, currency: "CNY" });
      const [expired, ...notified] = await Promise.all([
        services.paymentJobs.expire(order.id),
        ...Array.from({ length: 5 }, () => notifySandbox(call, n)),
        services.paymentJobs.expire(order.id),
      ]);
      for (const r of notified.slice(0, 5) as { status: number }[]) expect(r.status).toBe(200);
      const final = (await call("GET", `/orders/${order.id}`, { key: apiKey })).json;
      const [p] = (await call("GET", `/orders/${order.id}/payments`, { key: apiKey })).json.data;
      if (final.status === "paid") {
        expect(expired).toBe(false);
        expect(p.status).toBe("succeeded");
      } else {
        expect(final.status).toBe("cancelled");
        expect(final.history.filter((h: { from: string; status: string; actor: string }) => h.from === "pending_payment" && h.status === "cancelled" && h.actor === "system")).toHaveLength(1);
        expect(p).toMatchObject({ status: "refunded", refunded: { amount: 3790 } });
      }
    }
  });

  it("finds every order past its window from the database after a restart, and through the delayed job", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call, { stock: 10 });
    const order = await placeOrder(call, apiKey, product.id, 4);
    await test.db.prisma.order.update({ where: { id: order.id }, data: { payBy: new Date(Date.now() - 1000) } });
    // A fresh set of services (a restarted process) knows nothing but the database.
    const { services } = servicesFor(test.db);
    expect(await services.paymentJobs.sweepExpired()).toBeGreaterThanOrEqual(1);
    expect((await call("GET", `/orders/${order.id}`, { key: apiKey })).json.status).toBe("cancelled");
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(10);

    const queue = new InProcessQueue(silentLogger);
    await startPaymentWorkers(queue, services.paymentJobs);
    const next = await placeOrder(call, apiKey, product.id, 2);
    await test.db.prisma.order.update({ where: { id: next.id }, data: { payBy: new Date(Date.now() - 1000) } });
    await queue.add(paymentExpire, { orderId: next.id });
    await expect.poll(async () => (await call("GET", `/orders/${next.id}`, { key: apiKey })).json.status, { timeout: 5000 }).toBe("cancelled");
    await queue.close();
  });

  it("puts every payment event in the order's history and sends it as a webhook", async () => {
    const { apiKey, product, merchant } = await payingMerchant(test.db.prisma, call);
    const hook = await call("POST", "/webhooks", { key: apiKey, body: { url: "https://hooks.example.invalid/payments", events: ["payment.succeeded", "payment.failed", "payment.refunded"] } });
    expect(hook.status).toBe(201);
    const order = await placeOrder(call, apiKey, product.id);
    const first = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
    await notifySandbox(call, sandboxNotification({ token: await tokenOf(first.id), amount: 3790, currency: "CNY", }, { event: "payment.failed", reason: "card_declined" }));
    const second = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
    await notifySandbox(call, sandboxNotification({ token: await tokenOf(second.id), amount: 3790, currency: "CNY" }));
    await call("POST", `/orders/${order.id}/refunds`, { key: apiKey, body: { amount: 790, reason: "shipping refunded" } });
    const deliveries = await test.db.prisma.webhookDelivery.findMany({ where: { merchantId: merchant.id }, orderBy: { createdAt: "asc" } });
    expect(deliveries.map((d) => d.event)).toEqual(["payment.failed", "payment.succeeded", "payment.refunded"]);
    const refunded = deliveries[2]!.payload as { data: { payment: { status: string }; order: { number: string }; refund: { amount: { amount: number } } } };
    expect(refunded.data).toMatchObject({ payment: { status: "partially_refunded" }, order: { number: order.number }, refund: { amount: { amount: 790 } } });
    const notes = (await call("GET", `/orders/${order.id}`, { key: apiKey })).json.history.map((h: { note: string | null }) => h.note ?? "");
    expect(notes.some((n: string) => /failed: card_declined/.test(n))).toBe(true);
    expect(notes.some((n: string) => /succeeded/.test(n))).toBe(true);
    expect(notes.some((n: string) => /^refund .*790 CNY/.test(n))).toBe(true);
  });

  it("accepts a hand-made sandbox notification naming the payment by id, signed with the merchant's secret", async () => {
    const { apiKey, product } = await payingMerchant(test.db.prisma, call);
    const order = await placeOrder(call, apiKey, product.id);
    const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
    const sign = (body: string) => createHmac("sha256", SANDBOX_SECRET).update(body).digest("hex");
    const bad = JSON.stringify({ paymentId: payment.id, status: "paid", amount: { amount: 3790, currency: "USD" } });
    expect((await notifySandbox(call, { body: bad, signature: sign(bad) })).status).toBe(422);
    const junk = JSON.stringify({ paymentId: payment.id, hello: 1 });
    expect((await notifySandbox(call, { body: junk, signature: sign(junk) })).status).toBe(400);
    const body = JSON.stringify({ paymentId: payment.id, status: "succeeded", amount: { amount: 3790, currency: "CNY" } });
    expect((await notifySandbox(call, { body, signature: sign(body) })).status).toBe(200);
    expect((await call("GET", `/orders/${order.id}`, { key: apiKey })).json.status).toBe("paid");
  });

  it("reconciles a payment whose notification never came by asking the provider (the job)", async () => {
    const { merchant, apiKey, product } = await payingMerchant(test.db.prisma, call);
    const { services } = servicesFor(test.db);
    const order = await placeOrder(call, apiKey, product.id);
    const payment = await services.payments.create(merchant.id, order.id);
    const later = new Date(Date.now() + 2 * 60_000);
    expect((await services.paymentJobs.reconcile(later)).settled).toBe(0);
    const row = await test.db.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    (services.payments.providers.sandbox as SandboxProvider).record(SANDBOX_SECRET, row, "succeeded");
    expect((await services.paymentJobs.reconcile(later)).settled).toBe(1);
    const paid = (await call("GET", `/orders/${order.id}`, { key: apiKey })).json;
    expect(paid.status).toBe("paid");
    expect(paid.history.at(-1)).toMatchObject({ status: "paid", actor: "payment:sandbox:query" });
  });

  it("documents the payment endpoints in the OpenAPI description", async () => {
    const spec = (await call("GET", "/openapi.json")).json;
    for (const path of ["/orders/{id}/payments", "/orders/{id}/refunds", "/payments/{provider}/notify", "/settings/payments", "/settings/shipping"]) expect(spec.paths[path]).toBeDefined();
    expect(spec.components.schemas.Payment.properties).toHaveProperty("payUrl");
    expect(spec.components.schemas.Order.properties).toHaveProperty("shipping");
  });
});
