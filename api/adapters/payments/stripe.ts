import type { PaymentProvider } from "../../domain/payments/provider.ts";
import { SandboxProvider } from "./sandbox.ts";

/** Placeholder until the real adapter lands. */
export function createStripeProvider(): PaymentProvider {
  return Object.assign(new SandboxProvider(), { name: "stripe" as const }) as unknown as PaymentProvider;
}
