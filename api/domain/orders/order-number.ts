import { randomInt } from "node:crypto";

/**
 * Short, human-friendly order numbers a shopper can read out or type: the merchant's
 * two-letter prefix and six digits, e.g. "LL482913". Unique per merchant (the caller
 * retries on the rare collision).
 */
export function newOrderNumber(prefix: string): string {
  return `${prefix}${randomInt(100_000, 1_000_000)}`;
}
