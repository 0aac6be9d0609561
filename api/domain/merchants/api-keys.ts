import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../db/generated/client.ts";
import type { Caches } from "../shared/caches.ts";
import { newApiKey } from "./credentials.ts";

/**
 * A merchant's API key, issued, rotated and revoked in one place: by `npm run admin` and by
 * the workspace (`/api-keys`). The database keeps only the hash; every node drops its cached
 * copy of the old key at once; each change is in the audit log.
 */
export async function rotateApiKey(prisma: PrismaClient, caches: Caches, merchantId: string, actor: string) {
  const apiKey = newApiKey();
  await prisma.merchant.update({ where: { id: merchantId }, data: { apiKeyHash: apiKey.hash, apiKeyPrefix: apiKey.prefix } });
  await caches.changed(merchantId, "credentials");
  await prisma.auditLog.create({ data: { merchantId, actor, action: "api_key.rotated", entity: "merchant", entityId: merchantId } });
  return { apiKey: apiKey.key, prefix: apiKey.prefix };
}

/** No key works until the next rotation (the stored hash is one no key has). */
export async function revokeApiKey(prisma: PrismaClient, caches: Caches, merchantId: string, actor: string) {
  await prisma.merchant.update({ where: { id: merchantId }, data: { apiKeyHash: `revoked:${randomBytes(16).toString("hex")}`, apiKeyPrefix: "revoked" } });
  await caches.changed(merchantId, "credentials");
  await prisma.auditLog.create({ data: { merchantId, actor, action: "api_key.revoked", entity: "merchant", entityId: merchantId } });
}

/** The key's public prefix (mk_xxxx…), "revoked", with the last change. */
export async function apiKeyStatus(prisma: PrismaClient, merchantId: string) {
  const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { apiKeyPrefix: true } });
  const last = await prisma.auditLog.findFirst({ where: { merchantId, action: { in: ["api_key.rotated", "api_key.revoked"] } }, orderBy: { at: "desc" }, select: { at: true, action: true, actor: true } });
  return { prefix: merchant.apiKeyPrefix, active: merchant.apiKeyPrefix !== "revoked", lastChange: last ? { at: last.at.toISOString(), action: last.action, actor: last.actor } : null };
}
