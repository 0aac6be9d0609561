import type { PrismaClient } from "../../db/generated/client.ts";
import { settingsOf } from "../merchants/settings.ts";
import { tierOfCustomer } from "./tier.ts";

/**
 * The agent who looks after the customer of a conversation: the customer's own account manager,
 * else, for a VIP, the merchant's VIP manager (`settings.vip.accountManagerId`); null otherwise.
 */
export async function accountManagerOf(prisma: PrismaClient, merchantId: string, conversationId: string, storedSettings: unknown): Promise<string | null> {
  const conversation = await prisma.conversation.findFirst({ where: { id: conversationId, merchantId }, select: { customerId: true } });
  if (!conversation?.customerId) return null;
  const found = await tierOfCustomer(prisma, { id: merchantId, settings: storedSettings }, conversation.customerId);
  if (!found) return null;
  return managerFor(found, settingsOf(storedSettings).vip.accountManagerId);
}

/** Their own manager, else the VIP segment's for a VIP: the one rule the profile and the routing share. */
export function managerFor(customer: { tier: "regular" | "vip"; accountManagerId: string | null }, vipManagerId: string | null | undefined): string | null {
  return customer.accountManagerId ?? (customer.tier === "vip" ? (vipManagerId ?? null) : null);
}
