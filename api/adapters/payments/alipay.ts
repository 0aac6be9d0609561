import type { PaymentProvider } from "../../domain/payments/provider.ts";
import { SandboxProvider } from "./sandbox.ts";

/** Placeholder until the real adapter lands. */
export function createAlipayProvider(): PaymentProvider {
  return Object.assign(new SandboxProvider(), { name: "alipay" as const }) as unknown as PaymentProvider;
}
