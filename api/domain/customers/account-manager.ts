import type { PrismaClient } from "../../db/generated/client.ts";
import { settingsOf } from "../merchants/settings.ts";
import { lifetimeSpend, tierOf } from "./tier.ts";

/**
 * The agent who looks after the customer of a conversation: the customer's own account manager,
 * else, for a VIP, the merchant's VIP manager (`settings.vip.accountManagerId`); null otherwise.
 */
export async function accountManagerOf(prisma: PrismaClient, merchantId: string, conversationId: string, storedSettings: unknown): Promise<string | null> {
  const conversation = await prisma.conversation.findFirst({ where: { id: conversationId, merchantId }, select: { customer: { select: { id: true, vip: true, accountManagerId: true } } } });
  const customer = conversation?.customer;
  if (!customer) return null;
  if (customer.accountManagerId) return customer.accountManagerId;
  const { vip } = settingsOf(storedSettings);
  if (!vip.accountManagerId) return null;
  const tier = tierOf(customer.vip || !vip.spendOver ? 0 : await lifetimeSpend(prisma, merchantId, customer.id), vip, customer.vip);
  return tier === "vip" ? vip.accountManagerId : null;
}
