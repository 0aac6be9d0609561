import type { PrivacyPort, PrivacySubject } from "../../bot/ports.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import type { MerchantsService } from "../domain/merchants/merchants.service.ts";
import { settingsOf } from "../domain/merchants/settings.ts";
import type { PrivacyService } from "../domain/privacy/privacy.service.ts";
import { AppError } from "../errors.ts";

/**
 * The bot's data requests over the privacy service. The person is the session's verified
 * shopper, or the customer of an order the conversation proved; either way a customer of
 * this merchant whose data was not erased already. The audit names the bot acting for them.
 */
export function privacyPort(privacy: PrivacyService, prisma: PrismaClient, merchants: Pick<MerchantsService, "get">): PrivacyPort {
  async function personOf(merchantId: string, subject: PrivacySubject): Promise<{ customerId: string; verifiedBy: "identity" | "order_proof" } | null> {
    if ("customerId" in subject) {
      const customer = await prisma.customer.findFirst({ where: { id: subject.customerId, merchantId, erasedAt: null }, select: { id: true } });
      return customer ? { customerId: customer.id, verifiedBy: "identity" } : null;
    }
    const order = await prisma.order.findFirst({ where: { id: subject.provenOrderId, merchantId }, select: { customerId: true } });
    if (!order?.customerId) return null;
    const customer = await prisma.customer.findFirst({ where: { id: order.customerId, merchantId, erasedAt: null }, select: { id: true } });
    return customer ? { customerId: customer.id, verifiedBy: "order_proof" } : null;
  }

  return {
    async erasurePolicy(merchantId) {
      return settingsOf((await merchants.get(merchantId))?.settings).privacy.selfServiceErasure;
    },

    async summary(merchantId, subject, options) {
      const person = await personOf(merchantId, subject);
      return person ? privacy.summary(merchantId, person.customerId, options?.conversationId) : null;
    },

    async request(merchantId, subject, kind, { conversationId }) {
      const person = await personOf(merchantId, subject);
      if (!person) return { ok: false, code: "customers:not_found" };
      try {
        const value = await privacy.request(merchantId, person.customerId, kind, { conversationId, verifiedBy: person.verifiedBy, by: { actor: `bot:customer:${person.customerId}` } });
        return { ok: true, value };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, code: error.code };
        throw error;
      }
    },
  };
}
