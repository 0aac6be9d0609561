/** What erased personal data is replaced with (defined once; the tests look for these too). */
export const ERASED_TEXT = "[erased]";
/** Orders need an email (the column is required): an address under a reserved domain that can never receive mail. */
export const ERASED_EMAIL = "erased@erased.invalid";

/**
 * A shipping address with the person taken out: only the country stays (accounting and tax
 * need where the goods went, not to whom).
 */
export function anonymizedAddress(address: unknown) {
  const country = typeof address === "object" && address && typeof (address as { country?: unknown }).country === "string" ? (address as { country: string }).country : "ZZ";
  return { name: ERASED_TEXT, phone: "000000", line1: ERASED_TEXT, city: ERASED_TEXT, country };
}
