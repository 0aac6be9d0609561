import type { Coupon as CouponRow } from "../../db/generated/client.ts";
import type { Coupon } from "../../contracts/promotions.ts";

export function toCouponDto(row: CouponRow): Coupon {
  return {
    id: row.id,
    code: row.code,
    type: row.type === "percent" ? "percent" : "fixed",
    value: row.value,
    minSpend: row.minSpend,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    totalQuantity: row.totalQuantity,
    used: row.used,
    perCustomerLimit: row.perCustomerLimit,
    productIds: row.productIds,
    tags: row.tags,
    active: row.active,
    personal: row.ownerCustomerId !== null || row.campaignId !== null,
    campaignId: row.campaignId,
    createdAt: row.createdAt.toISOString(),
  };
}
