import { createSign, createVerify, randomBytes } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { createMerchant, createProduct } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";
import { placeOrder } from "../support/payments.ts";
import { alipaySign, rsaKeys, scriptedServer, wechatAuthorizationValid, wechatEncrypt, wechatHeaders } from "../support/provider-servers.ts";

/**
 * Each provider's verification, offline: keys generated here, notifications built to the
 * provider's documented format, its API played by a scripted local server.
 */
describe("payment providers (scripted, offline)", () => {
  let test: TestDatabase;
  let client: ReturnType<typeof createTestClient>;
  const call: ReturnType<typeof createTestClient>["call"] = (...args) => client.call(...args);

  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  async function shop(provider: string, credentials: Record<string, string>) {
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const product = await createProduct(test.db.prisma, merchant.id, { priceAmount: 3790 });
    const saved = await call("PUT", "/settings/payments", { key: apiKey, body: { provider, credentials } });
    expect(saved.status).toBe(200);
    expect(JSON.stringify(saved.json)).not.toMatch(/PRIVATE KEY|whsec_|sk_test|0123456789abcdef0123456789abcdef/);
    return { merchant, apiKey, product };
  }
  const tokenOf = async (paymentId: string) => (await test.db.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).token;
  const statusOf = async (apiKey: string, orderId: string) => (await call("GET", `/orders/${orderId}`, { key: apiKey })).json.status;
  const historyLength = async (orderId: string) => test.db.prisma.orderStatusChange.count({ where: { orderId } });

  describe("alipay", () => {
    const app = rsaKeys();
    const alipay = rsaKeys();
    const other = rsaKeys();
    let gateway: Awaited<ReturnType<typeof scriptedServer>>;
    let tradeStatus = "WAIT_BUYER_PAY";

    beforeAll(async () => {
      gateway = await scriptedServer((req, res) => {
        const params = new URLSearchParams(req.url.split("?")[1] ?? "");
        for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
        const method = params.get("method") ?? "";
        const biz = JSON.parse(params.get("biz_content") ?? "{}");
        const inner =
          method === "alipay.trade.query"
            ? { code: "10000", msg: "Success", out_trade_no: biz.out_trade_no, trade_no: "2026113022001", trade_status: tradeStatus, total_amount: "37.90" }
            : { code: "10000", msg: "Success", out_trade_no: biz.out_trade_no, trade_no: "2026113022001", fund_change: "Y", refund_fee: biz.refund_amount };
        const text = JSON.stringify(inner);
        const sign = createSignBase64(text, alipay.privateKey);
        res.writeHead(200, { "content-type": "application/json;charset=utf-8" });
        res.end(`{"${method.replace(/\./g, "_")}_response":${text},"sign":"${sign}"}`);
      });
    });
    afterAll(async () => gateway?.close());

    const credentials = () => ({ appId: "2021000000000001", privateKey: app.privateKey, alipayPublicKey: alipay.publicKey, gateway: `${gateway.url}/gateway.do` });
    const notification = (token: string, fields: Record<string, string> = {}, key = alipay.privateKey) => {
      const params: Record<string, string> = {
        notify_time: "2026-11-30 14:00:00",
        notify_type: "trade_status_sync",
        notify_id: randomBytes(8).toString("hex"),
        app_id: "2021000000000001",
        charset: "utf-8",
        version: "1.0",
        trade_no: "2026113022001",
        out_trade_no: token,
        trade_status: "TRADE_SUCCESS",
        total_amount: "37.90",
        subject: "测试 order",
        ...fields,
      };
      params.sign = alipaySign(params, key);
      params.sign_type = "RSA2";
      return new URLSearchParams(params).toString();
    };
    const send = async (body: string) => {
      const res = await client.app.request("/api/v1/payments/alipay/notify", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
      return { status: res.status, text: await res.text() };
    };

    it("signs the page-pay URL with RSA2, and accepts only notifications signed by Alipay with the right amount", async () => {
      const { apiKey, product } = await shop("alipay", credentials());
      const order = await placeOrder(call, apiKey, product.id);
      const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
      const url = new URL(payment.payUrl);
      expect(url.origin + url.pathname).toBe(`${gateway.url}/gateway.do`);
      expect(url.searchParams.get("method")).toBe("alipay.trade.page.pay");
      expect(url.searchParams.get("sign_type")).toBe("RSA2");
      const signed = Object.fromEntries([...url.searchParams].filter(([k]) => k !== "sign"));
      const content = Object.keys(signed).sort().map((k) => `${k}=${signed[k]}`).join("&");
      expect(createVerify("RSA-SHA256").update(content).verify(app.publicKey, url.searchParams.get("sign")!, "base64")).toBe(true);
      expect(JSON.parse(url.searchParams.get("biz_content")!)).toMatchObject({ total_amount: "37.90", product_code: "FAST_INSTANT_TRADE_PAY" });
      expect(payment.qr).toMatch(/^data:image\/svg/);

      const token = await tokenOf(payment.id);
      const before = await historyLength(order.id);
      expect((await send(notification(token, {}, other.privateKey))).status).toBe(401);
      expect((await send(notification(token).replace(/&sign=[^&]*/, ""))).status).toBe(401);
      expect((await send(notification(token).replace("37.90", "0.01"))).status).toBe(401);
      expect((await send(notification(token, { app_id: "2021000000009999" }))).status).toBe(401);
      expect((await send(notification("pt_not_a_payment_0000000"))).status).toBe(404);
      const cheap = await send(notification(token, { total_amount: "0.01" }));
      expect(cheap.status).toBe(422);
      expect(await statusOf(apiKey, order.id)).toBe("pending_payment");
      expect(await historyLength(order.id)).toBe(before);

      const ok = await send(notification(token));
      expect(ok.status).toBe(200);
      expect(ok.text).toBe("success");
      expect(await statusOf(apiKey, order.id)).toBe("paid");
      const after = await historyLength(order.id);
      expect((await send(notification(token))).status).toBe(200);
      expect(await historyLength(order.id)).toBe(after);
    });

    it("settles from a trade query when the notification never came, and refunds through the gateway", async () => {
      const { apiKey, product, merchant } = await shop("alipay", credentials());
      const order = await placeOrder(call, apiKey, product.id);
      const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
      const services = (await import("../support/services.ts")).servicesFor(test.db).services;
      tradeStatus = "WAIT_BUYER_PAY";
      expect((await services.payments.check(merchant.id, order.id)).orderStatus).toBe("pending_payment");
      tradeStatus = "TRADE_SUCCESS";
      expect((await services.payments.check(merchant.id, order.id)).orderStatus).toBe("paid");
      const refund = await call("POST", `/orders/${order.id}/refunds`, { key: apiKey, body: { amount: 1000, reason: "damaged box" } });
      expect(refund.status).toBe(201);
      const sent = gateway.requests.filter((r) => (r.url + r.body).includes("alipay.trade.refund"));
      expect(sent).toHaveLength(1);
      const biz = JSON.parse(new URLSearchParams(sent[0]!.body).get("biz_content") ?? new URLSearchParams(sent[0]!.url.split("?")[1]).get("biz_content")!);
      expect(biz).toMatchObject({ refund_amount: "10.00", out_trade_no: await tokenOf(payment.id) });
    });
  });

  describe("wechatpay (API v3)", () => {
    const merchantKeys = rsaKeys();
    const platform = rsaKeys();
    const forger = rsaKeys();
    const apiV3Key = "0123456789abcdef0123456789abcdef";
    let api: Awaited<ReturnType<typeof scriptedServer>>;
    let tradeState = "NOTPAY";
    let signedRequests = 0;

    beforeAll(async () => {
      api = await scriptedServer((req, res) => {
        if (wechatAuthorizationValid(req, merchantKeys.publicKey)) signedRequests++;
        let body: Record<string, unknown> = { code: "NOT_FOUND", message: "no route" };
        let status = 404;
        if (req.method === "POST" && req.url === "/v3/pay/transactions/native") {
          status = 200;
          body = { code_url: `weixin://wxpay/bizpayurl?pr=${randomBytes(4).toString("hex")}` };
        } else if (req.method === "GET" && req.url.startsWith("/v3/pay/transactions/out-trade-no/")) {
          status = 200;
          body = { mchid: "1900000001", appid: "wx0000000001", out_trade_no: decodeURIComponent(req.url.split("/")[5]!.split("?")[0]!), transaction_id: "4200000001", trade_state: tradeState, amount: { total: 3790, currency: "CNY" } };
        } else if (req.method === "POST" && req.url === "/v3/refund/domestic/refunds") {
          status = 200;
          body = { refund_id: "50000000001", status: "PROCESSING", amount: JSON.parse(req.body).amount };
        }
        const text = JSON.stringify(body);
        res.writeHead(status, { "content-type": "application/json", ...wechatHeaders(text, platform.privateKey, "PLATFORM-SERIAL-1") });
        res.end(text);
      });
    });
    afterAll(async () => api?.close());

    const credentials = () => ({
      mchId: "1900000001",
      appId: "wx0000000001",
      serialNo: "MERCHANT-SERIAL-1",
      privateKey: merchantKeys.privateKey,
      apiV3Key,
      platformPublicKey: platform.publicKey,
      platformSerial: "PLATFORM-SERIAL-1",
      baseUrl: api.url,
    });
    const notification = (token: string, amount = 3790, options: { key?: string; apiKey?: string; timestamp?: number; mchid?: string } = {}) => {
      const transaction = { mchid: options.mchid ?? "1900000001", appid: "wx0000000001", out_trade_no: token, transaction_id: "4200000001", trade_type: "NATIVE", trade_state: "SUCCESS", amount: { total: amount, payer_total: amount, currency: "CNY", payer_currency: "CNY" } };
      const body = JSON.stringify({ id: randomBytes(8).toString("hex"), create_time: new Date().toISOString(), resource_type: "encrypt-resource", event_type: "TRANSACTION.SUCCESS", summary: "支付成功", resource: wechatEncrypt(options.apiKey ?? apiV3Key, JSON.stringify(transaction)) });
      return { body, headers: wechatHeaders(body, options.key ?? platform.privateKey, "PLATFORM-SERIAL-1", options.timestamp) };
    };

    it("creates a Native order signed with the merchant key and shows its code_url as the QR", async () => {
      const { apiKey, product } = await shop("wechatpay", credentials());
      const order = await placeOrder(call, apiKey, product.id);
      const created = await call("POST", `/orders/${order.id}/payments`, { key: apiKey });
      expect(created.status).toBe(201);
      expect(signedRequests).toBeGreaterThan(0);
      const sent = JSON.parse(api.requests.find((r) => r.url === "/v3/pay/transactions/native")!.body);
      expect(sent).toMatchObject({ mchid: "1900000001", appid: "wx0000000001", amount: { total: 3790, currency: "CNY" } });
      expect(sent.notify_url).toMatch(/\/api\/v1\/payments\/wechatpay\/notify\?m=/);
      const row = await test.db.prisma.payment.findUniqueOrThrow({ where: { id: created.json.id } });
      expect(row.qrText).toMatch(/^weixin:\/\/wxpay\/bizpayurl/);
    });

    it("verifies the platform signature, decrypts the resource, and refuses forged, stale, foreign and mismatched notifications", async () => {
      const { apiKey, product, merchant } = await shop("wechatpay", credentials());
      const order = await placeOrder(call, apiKey, product.id);
      const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
      const token = await tokenOf(payment.id);
      const send = (n: { body: string; headers: Record<string, string> }, m = merchant.id) => call("POST", `/payments/wechatpay/notify?m=${m}`, { rawBody: n.body, headers: n.headers });
      const before = await historyLength(order.id);
      expect((await send(notification(token, 3790, { key: forger.privateKey }))).status).toBe(401);
      const good = notification(token);
      expect((await send({ body: good.body, headers: {} })).status).toBe(401);
      expect((await send({ body: good.body.replace("SUCCESS", "SUCCES5"), headers: good.headers })).status).toBe(401);
      expect((await send(notification(token, 3790, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(401);
      expect((await send(notification(token, 3790, { apiKey: "ffffffffffffffffffffffffffffffff" }))).status).toBe(401);
      expect((await send(notification(token, 3790, { mchid: "1900000999" }))).status).toBe(401);
      expect((await send(notification("pt_unknown_000000000000"))).status).toBe(404);
      expect((await send(notification(token, 1))).status).toBe(422);
      expect(await statusOf(apiKey, order.id)).toBe("pending_payment");
      expect(await historyLength(order.id)).toBe(before);

      expect((await send(good)).status).toBe(204);
      expect(await statusOf(apiKey, order.id)).toBe("paid");
      const after = await historyLength(order.id);
      expect((await send(good)).status).toBe(204);
      expect(await historyLength(order.id)).toBe(after);

      const refund = await call("POST", `/orders/${order.id}/refunds`, { key: apiKey, body: { reason: "out of stock" } });
      expect(refund.status).toBe(201);
      expect(JSON.parse(api.requests.find((r) => r.url === "/v3/refund/domestic/refunds")!.body)).toMatchObject({ out_trade_no: token, amount: { refund: 3790, total: 3790, currency: "CNY" } });
      expect(await statusOf(apiKey, order.id)).toBe("refunded");
    });

    it("settles from a query, and refuses a query answer not signed by the platform", async () => {
      const { apiKey, product, merchant } = await shop("wechatpay", credentials());
      const order = await placeOrder(call, apiKey, product.id);
      await call("POST", `/orders/${order.id}/payments`, { key: apiKey });
      const services = (await import("../support/services.ts")).servicesFor(test.db).services;
      tradeState = "SUCCESS";
      await call("PUT", "/settings/payments", { key: apiKey, body: { provider: "wechatpay", credentials: { ...credentials(), platformPublicKey: forger.publicKey } } });
      await expect(services.payments.check(merchant.id, order.id)).rejects.toThrow();
      expect(await statusOf(apiKey, order.id)).toBe("pending_payment");
      await call("PUT", "/settings/payments", { key: apiKey, body: { provider: "wechatpay", credentials: credentials() } });
      expect((await services.payments.check(merchant.id, order.id)).orderStatus).toBe("paid");
      tradeState = "NOTPAY";
    });
  });

  describe("stripe", () => {
    const webhookSecret = "whsec_test_0123456789abcdef";
    let api: Awaited<ReturnType<typeof scriptedServer>>;
    const stripe = new Stripe("sk_test_local");

    beforeAll(async () => {
      api = await scriptedServer((req, res) => {
        let body: Record<string, unknown> = { error: { type: "invalid_request_error", message: "no route" } };
        let status = 404;
        if (req.method === "POST" && req.url === "/v1/checkout/sessions") {
          const form = new URLSearchParams(req.body);
          status = 200;
          body = { id: "cs_test_1", object: "checkout.session", url: "https://checkout.stripe.com/c/pay/cs_test_1", client_reference_id: form.get("client_reference_id"), amount_total: Number(form.get("line_items[0][price_data][unit_amount]")), currency: form.get("line_items[0][price_data][currency]"), payment_status: "unpaid", status: "open" };
        } else if (req.method === "GET" && req.url.startsWith("/v1/checkout/sessions/")) {
          status = 200;
          body = { id: "cs_test_1", object: "checkout.session", payment_status: "paid", status: "complete", amount_total: 3790, currency: "cny", payment_intent: "pi_test_1" };
        } else if (req.method === "POST" && req.url === "/v1/refunds") {
          status = 200;
          body = { id: "re_test_1", object: "refund", amount: Number(new URLSearchParams(req.body).get("amount")), status: "succeeded" };
        }
        res.writeHead(status, { "content-type": "application/json", "request-id": "req_test" });
        res.end(JSON.stringify(body));
      });
    });
    afterAll(async () => api?.close());

    const event = (token: string, amount = 3790, currency = "cny", type = "checkout.session.completed") =>
      JSON.stringify({ id: `evt_${randomBytes(6).toString("hex")}`, object: "event", type, api_version: "2025-01-01", created: Math.floor(Date.now() / 1000), data: { object: { id: "cs_test_1", object: "checkout.session", client_reference_id: token, metadata: { token }, amount_total: amount, currency, payment_status: "paid", status: "complete", payment_intent: "pi_test_1" } } });
    const send = (body: string, secret: string | null = webhookSecret, timestamp?: number) =>
      call("POST", "/payments/stripe/notify", { rawBody: body, headers: secret ? { "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp ? { timestamp } : {}) }) } : {} });

    it("opens a Checkout Session for bank cards and takes only webhooks signed with the endpoint secret", async () => {
      const { apiKey, product } = await shop("stripe", { secretKey: "sk_test_local_0001", webhookSecret, apiBase: api.url });
      const order = await placeOrder(call, apiKey, product.id);
      const payment = (await call("POST", `/orders/${order.id}/payments`, { key: apiKey })).json;
      expect(payment.payUrl).toBe("https://checkout.stripe.com/c/pay/cs_test_1");
      const sent = new URLSearchParams(api.requests.find((r) => r.url === "/v1/checkout/sessions")!.body);
      expect(sent.get("mode")).toBe("payment");
      expect(sent.get("line_items[0][price_data][unit_amount]")).toBe("3790");
      expect(sent.get("line_items[0][price_data][currency]")).toBe("cny");
      expect(api.requests[0]!.headers.authorization).toBe("Bearer sk_test_local_0001");

      const token = await tokenOf(payment.id);
      const before = await historyLength(order.id);
      expect((await send(event(token), null)).status).toBe(401);
      expect((await send(event(token), "whsec_wrong_secret_0000")).status).toBe(401);
      expect((await send(event(token), webhookSecret, Math.floor(Date.now() / 1000) - 3600)).status).toBe(401);
      expect((await send(event("pt_unknown_00000000000"))).status).toBe(404);
      expect((await send(event(token, 100))).status).toBe(422);
      expect((await send(event(token, 3790, "usd"))).status).toBe(422);
      expect(await statusOf(apiKey, order.id)).toBe("pending_payment");
      expect(await historyLength(order.id)).toBe(before);

      const body = event(token);
      expect((await send(body)).status).toBe(200);
      expect(await statusOf(apiKey, order.id)).toBe("paid");
      const after = await historyLength(order.id);
      expect((await send(body)).status).toBe(200);
      expect(await historyLength(order.id)).toBe(after);

      const refund = await call("POST", `/orders/${order.id}/refunds`, { key: apiKey, body: { amount: 790, reason: "late delivery" } });
      expect(refund.status).toBe(201);
      const refundRequest = api.requests.find((r) => r.url === "/v1/refunds")!;
      expect(new URLSearchParams(refundRequest.body).get("payment_intent")).toBe("pi_test_1");
      expect(new URLSearchParams(refundRequest.body).get("amount")).toBe("790");
    });
  });
});

/** Alipay signs the JSON text of the `*_response` member of its answers. */
function createSignBase64(text: string, privateKey: string) {
  return createSign("RSA-SHA256").update(text, "utf8").sign(privateKey, "base64");
}
