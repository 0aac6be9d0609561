import type { Prisma, PrismaClient } from "../../db/generated/client.ts";
import type { Logger } from "../../logger.ts";
import { pageArgs, toPage } from "../shared/pagination.ts";

type Tx = Prisma.TransactionClient;

/**
 * One audit entry: who (an actor id such as "api-key:mk_ab12", "agent:<id>", "system:retention"),
 * did what ("order.updated", "customer.erased", …) to which record, from which client address.
 * Only ids: never names, emails or message texts, so that an erasure has nothing to remove
 * from a log that cannot be changed (the table refuses UPDATE and DELETE: see the migration).
 */
export interface AuditEntry {
  merchantId: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  clientAddress?: string | null;
  /** Ids and field names only (no personal data). */
  data?: Record<string, string | number | boolean | string[] | null>;
}

export interface AuditQuery {
  limit: number;
  cursor?: string;
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** What the rest of the platform records through. */
export interface AuditTrail {
  record(entry: AuditEntry, tx?: Tx): Promise<void>;
}

/** The append-only audit log: written from the domain services and the audit middleware, read by GET /audit-log. */
export class AuditService implements AuditTrail {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
  ) {}

  /** Inside the caller's transaction when given, so the entry commits (or not) with the change. */
  async record(entry: AuditEntry, tx?: Tx): Promise<void> {
    await (tx ?? this.prisma).auditLog.create({
      data: {
        merchantId: entry.merchantId,
        actor: entry.actor,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        clientAddress: entry.clientAddress ?? null,
        ...(entry.data ? { data: entry.data } : {}),
      },
    });
    this.log.debug({ merchantId: entry.merchantId, actor: entry.actor, action: entry.action, entity: entry.entity, entityId: entry.entityId }, "audit");
  }

  /** Newest first, filtered by actor, action (exact, or a prefix ending in "."), and time. */
  async list(merchantId: string, query: AuditQuery) {
    const where: Prisma.AuditLogWhereInput = { merchantId };
    if (query.actor) where.actor = query.actor;
    if (query.action) where.action = query.action.endsWith(".") ? { startsWith: query.action } : query.action;
    if (query.from || query.to) where.at = { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) };
    const rows = await this.prisma.auditLog.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], ...pageArgs(query.limit, query.cursor) });
    return toPage(rows, query.limit, (row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      target: `${row.entity}:${row.entityId}`,
      clientAddress: row.clientAddress,
      data: (row.data ?? null) as Record<string, unknown> | null,
    }));
  }
}
