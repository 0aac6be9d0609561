import { createDecipheriv, createSign, createVerify, randomBytes } from "node:crypto";
import { z } from "zod";
import { badSignature } from "../../domain/payments/errors.ts";
import type { CheckoutRequest, PaymentProvider, QueryResult, RawNotification } from "../../domain/payments/provider.ts";

const DEFAULT_BASE = "https://api.mch.weixin.qq.com";
/** Notifications older than this are refused (replay of a captured request). */
const MAX_SKEW_SECONDS = 300;

const notificationSchema = z.object({
  id: z.string(),
  event_type: z.string(),
  resource: z.object({ algorithm: z.literal("AEAD_AES_256_GCM"), ciphertext: z.string(), nonce: z.string(), associated_data: z.string().optional() }),
});

const transactionSchema = z.object({
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_state: z.string(),
  amount: z.object({ total: z.number().int(), currency: z.string() }).optional(),
});

/**
 * WeChat Pay API v3 with node:crypto: Native pay (the `code_url` a phone's WeChat scans,
 * shown as our QR code), requests signed WECHATPAY2-SHA256-RSA2048 with the merchant key,
 * notifications and responses checked against the platform public key
 * (Wechatpay-Signature over "timestamp\nnonce\nbody\n"), the notification's resource
 * decrypted with AEAD_AES_256_GCM under the APIv3 key; query and refund.
 */
export function createWechatpayProvider(): PaymentProvider {
  async function call(c: Record<string, string>, method: "GET" | "POST", path: string, body?: unknown) {
    const base = (c.baseUrl ?? DEFAULT_BASE).replace(/\/$/, "");
    const text = body === undefined ? "" : JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString("hex");
    const signature = createSign("RSA-SHA256").update(`${method}\n${path}\n${timestamp}\n${nonce}\n${text}\n`).sign(c.privateKey!, "base64");
    const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${c.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${c.serialNo}"`;
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization, accept: "application/json", ...(text ? { "content-type": "application/json" } : {}) },
      body: text || undefined,
      signal: AbortSignal.timeout(10_000),
    });
    const raw = await response.text();
    // Responses are signed like notifications: a forged answer must not settle anything.
    if (response.status !== 204) checkSignature(c, headersOf(response.headers), raw);
    const json = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    return { status: response.status, json };
  }

  return {
    name: "wechatpay",

    async createCheckout(credentials, request: CheckoutRequest) {
      const { status, json } = await call(credentials, "POST", "/v3/pay/transactions/native", {
        appid: credentials.appId,
        mchid: credentials.mchId,
        description: request.description.slice(0, 127),
        out_trade_no: request.token.slice(0, 32),
        time_expire: request.expiresAt.toISOString().replace(/\.\d{3}Z$/, "+00:00"),
        notify_url: request.notifyUrl,
        amount: { total: request.amount, currency: request.currency },
      });
      if (status !== 200 || typeof json.code_url !== "string") throw new Error(`native pay: ${status} ${String(json.code ?? "")} ${String(json.message ?? "")}`.trim());
      // WeChat has no web page to send a shopper to: our page shows the code_url as a QR.
      return { payUrl: request.payPageUrl, qrText: json.code_url };
    },

    locate(raw: RawNotification) {
      for (const h of ["wechatpay-signature", "wechatpay-timestamp", "wechatpay-nonce", "wechatpay-serial"]) {
        if (!raw.headers[h]) throw badSignature(`${h} is missing.`);
      }
      return null; // the payment is inside the encrypted resource
    },

    async verify(credentials, raw) {
      checkSignature(credentials, raw.headers, raw.body);
      const age = Math.abs(Date.now() / 1000 - Number(raw.headers["wechatpay-timestamp"]));
      if (!(age <= MAX_SKEW_SECONDS)) throw badSignature("The notification is too old.");
      const parsed = notificationSchema.safeParse(JSON.parse(raw.body));
      if (!parsed.success) throw badSignature("Not a WeChat Pay notification.");
      const tx = transactionSchema.safeParse(JSON.parse(decryptResource(credentials.apiV3Key!, parsed.data.resource)));
      if (!tx.success || tx.data.mchid !== credentials.mchId) throw badSignature("The resource is not this merchant's transaction.");
      const state = tx.data.trade_state;
      return {
        token: tx.data.out_trade_no,
        outcome: state === "SUCCESS" ? ("succeeded" as const) : state === "PAYERROR" || state === "CLOSED" ? ("failed" as const) : ("pending" as const),
        amount: tx.data.amount?.total ?? Number.NaN,
        currency: tx.data.amount?.currency ?? "",
        providerRef: tx.data.transaction_id,
        reason: state === "SUCCESS" ? undefined : state,
      };
    },

    async query(credentials, payment): Promise<QueryResult> {
      const { status, json } = await call(credentials, "GET", `/v3/pay/transactions/out-trade-no/${encodeURIComponent(payment.token.slice(0, 32))}?mchid=${encodeURIComponent(credentials.mchId!)}`);
      if (status === 404) return { outcome: "pending" };
      const tx = transactionSchema.safeParse(json);
      if (status !== 200 || !tx.success) throw new Error(`query: ${status}`);
      const state = tx.data.trade_state;
      return {
        outcome: state === "SUCCESS" ? "succeeded" : state === "PAYERROR" || state === "CLOSED" || state === "REVOKED" ? "failed" : "pending",
        amount: tx.data.amount?.total,
        currency: tx.data.amount?.currency,
        providerRef: tx.data.transaction_id,
      };
    },

    async refund(credentials, payment, refund) {
      const { status, json } = await call(credentials, "POST", "/v3/refund/domestic/refunds", {
        out_trade_no: payment.token.slice(0, 32),
        out_refund_no: refund.id.replace(/-/g, ""),
        reason: refund.reason.slice(0, 80),
        amount: { refund: refund.amount, total: payment.amount, currency: payment.currency },
      });
      if (status !== 200 || !["SUCCESS", "PROCESSING"].includes(String(json.status))) throw new Error(`refund: ${status} ${String(json.code ?? json.status ?? "")} ${String(json.message ?? "")}`.trim());
      return { providerRef: String(json.refund_id ?? "") || undefined };
    },

    // API v3 wants 200/204 with no body for a handled notification.
    acknowledge: () => ({ status: 204, contentType: "application/json", body: "" }),
  };
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => (out[key.toLowerCase()] = value));
  return out;
}

/** Wechatpay-Signature = base64 RSA-SHA256 over "timestamp\nnonce\nbody\n" with the platform key. */
function checkSignature(c: Record<string, string>, headers: Record<string, string>, body: string) {
  const signature = headers["wechatpay-signature"];
  const timestamp = headers["wechatpay-timestamp"];
  const nonce = headers["wechatpay-nonce"];
  if (!signature || !timestamp || !nonce) throw badSignature("The Wechatpay-* signature headers are missing.");
  if (c.platformSerial && headers["wechatpay-serial"] !== c.platformSerial) throw badSignature("Signed with an unknown platform key.");
  let ok = false;
  try {
    ok = createVerify("RSA-SHA256").update(`${timestamp}\n${nonce}\n${body}\n`).verify(c.platformPublicKey!, signature, "base64");
  } catch {
    ok = false;
  }
  if (!ok) throw badSignature();
}

/** AEAD_AES_256_GCM: key = APIv3 key, iv = nonce, ciphertext = base64(encrypted || 16-byte tag), aad = associated_data. */
export function decryptResource(apiV3Key: string, resource: { ciphertext: string; nonce: string; associated_data?: string }): string {
  try {
    const data = Buffer.from(resource.ciphertext, "base64");
    const decipher = createDecipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(resource.nonce, "utf8"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    decipher.setAAD(Buffer.from(resource.associated_data ?? "", "utf8"));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw badSignature("The resource does not decrypt with this merchant's APIv3 key.");
  }
}
