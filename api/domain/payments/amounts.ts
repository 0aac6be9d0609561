/** Minor units <-> the providers' decimal strings ("88.00"), without ever going through a float. */
export function toDecimal(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

/** "88", "88.5", "88.00" -> 8800; anything else -> NaN (a mismatch, never a guess). */
export function fromDecimal(text: string | undefined): number {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text ?? "");
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}
