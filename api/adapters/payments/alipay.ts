import type { AlipaySdk as AlipaySdkType } from "alipay-sdk";
import { fromDecimal, toDecimal } from "../../domain/payments/amounts.ts";
import { badSignature } from "../../domain/payments/errors.ts";
import type { CheckoutRequest, PaymentProvider, QueryResult, RawNotification } from "../../domain/payments/provider.ts";

const DEFAULT_GATEWAY = "https://openapi.alipay.com/gateway.do";

/**
 * Alipay through the official `alipay-sdk`: page pay (computer) and wap pay (phone, the QR)
 * URLs signed RSA2 with the merchant's app private key; asynchronous notifications
 * (form-encoded) checked with the Alipay public key; trade query and refund over the
 * gateway, responses checked with the same key. CNY only (cross-border needs other APIs).
 */
export function createAlipayProvider(): PaymentProvider {
  // Loaded on first use: the SDK takes seconds to import, and most shops never use Alipay.
  let sdkClass: Promise<typeof AlipaySdkType> | null = null;
  const sdkFor = async (c: Record<string, string>) =>
    new (await (sdkClass ??= import("alipay-sdk").then((m) => m.AlipaySdk)))({
      appId: c.appId!,
      privateKey: c.privateKey!.trim(),
      // The SDK re-wraps keys by type: a PKCS#8 PEM ("BEGIN PRIVATE KEY") must say so.
      keyType: c.privateKey!.includes("BEGIN PRIVATE KEY") ? "PKCS8" : "PKCS1",
      alipayPublicKey: c.alipayPublicKey!.trim(),
      gateway: c.gateway ?? DEFAULT_GATEWAY,
      signType: "RSA2",
      timeout: 10_000,
    });

  return {
    name: "alipay",

    async createCheckout(credentials, request: CheckoutRequest) {
      if (request.currency !== "CNY") throw new Error("Alipay takes CNY only");
      const sdk = await sdkFor(credentials);
      const bizContent = {
        out_trade_no: request.token,
        total_amount: toDecimal(request.amount),
        subject: request.description.slice(0, 256),
        time_expire: shanghaiTime(request.expiresAt),
      };
      const common = { notify_url: request.notifyUrl, return_url: request.returnUrl };
      const payUrl = sdk.pageExecute("alipay.trade.page.pay", "GET", { bizContent: { ...bizContent, product_code: "FAST_INSTANT_TRADE_PAY" }, ...common });
      const wapUrl = sdk.pageExecute("alipay.trade.wap.pay", "GET", { bizContent: { ...bizContent, product_code: "QUICK_WAP_WAY" }, ...common });
      return { payUrl, qrText: wapUrl };
    },

    locate(raw: RawNotification) {
      const params = new URLSearchParams(raw.body);
      if (!params.get("sign")) throw badSignature("The Alipay notification carries no sign.");
      return params.get("out_trade_no");
    },

    async verify(credentials, raw) {
      const params = Object.fromEntries(new URLSearchParams(raw.body));
      if (!(await sdkFor(credentials)).checkNotifySignV2(params)) throw badSignature();
      if (params.app_id !== credentials.appId) throw badSignature("The notification is for another app.");
      const status = params.trade_status;
      return {
        token: params.out_trade_no ?? "",
        outcome: status === "TRADE_SUCCESS" || status === "TRADE_FINISHED" ? ("succeeded" as const) : status === "TRADE_CLOSED" ? ("failed" as const) : ("pending" as const),
        amount: fromDecimal(params.total_amount),
        currency: "CNY",
        providerRef: params.trade_no,
        reason: status === "TRADE_CLOSED" ? "trade closed" : undefined,
      };
    },

    async query(credentials, payment): Promise<QueryResult> {
      const result = await (await sdkFor(credentials)).exec("alipay.trade.query", { bizContent: { out_trade_no: payment.token } }, { validateSign: true });
      if (result.code === "40004") return { outcome: "pending" };
      if (result.code !== "10000") throw new Error(`alipay.trade.query: ${result.code} ${result.subCode ?? ""} ${result.msg ?? ""}`.trim());
      const status = String(result.tradeStatus ?? "");
      const outcome = status === "TRADE_SUCCESS" || status === "TRADE_FINISHED" ? "succeeded" : status === "TRADE_CLOSED" ? "failed" : "pending";
      return { outcome, amount: fromDecimal(String(result.totalAmount ?? "")), currency: "CNY", providerRef: result.tradeNo as string | undefined };
    },

    async refund(credentials, payment, refund) {
      const result = await (await sdkFor(credentials)).exec(
        "alipay.trade.refund",
        { bizContent: { out_trade_no: payment.token, refund_amount: toDecimal(refund.amount), out_request_no: refund.id, refund_reason: refund.reason.slice(0, 256) } },
        { validateSign: true },
      );
      if (result.code !== "10000") throw new Error(`alipay.trade.refund: ${result.code} ${result.subCode ?? ""} ${result.subMsg ?? result.msg ?? ""}`.trim());
      return { providerRef: (result.tradeNo as string | undefined) ?? refund.id };
    },

    acknowledge: () => ({ status: 200, contentType: "text/plain", body: "success" }),
  };
}

/** Alipay reads time_expire as Beijing time, "yyyy-MM-dd HH:mm:ss". */
function shanghaiTime(date: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}`;
}
