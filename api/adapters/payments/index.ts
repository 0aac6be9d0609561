import type { Providers } from "../../domain/payments/payments.service.ts";
import { createAlipayProvider } from "./alipay.ts";
import { SandboxProvider } from "./sandbox.ts";
import { createStripeProvider } from "./stripe.ts";
import { createWechatpayProvider } from "./wechatpay.ts";

/** Every provider behind the payment port; each merchant picks one in its settings. */
export function createProviders(): Providers & { sandbox: SandboxProvider } {
  return {
    sandbox: new SandboxProvider(),
    alipay: createAlipayProvider(),
    wechatpay: createWechatpayProvider(),
    stripe: createStripeProvider(),
  };
}
