/**
 * Placeholder product artwork for seed data: a rounded square in the given colour with the
 * product's monogram on it ("West Lake Longjing" → "WL"), returned as an SVG data URL.
 * Latin capitals render in every font, so the artwork needs no emoji or CJK font installed.
 */

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** The first letters of the first two words that start with a letter or digit. */
export function monogram(name: string): string {
  const letters = name.match(/\b[A-Za-z0-9]/g) ?? [];
  return letters.slice(0, 2).join("").toUpperCase() || "?";
}

export function productImage(name: string, background: string): string {
  if (!HEX_COLOUR.test(background)) {
    throw new Error(`productImage: invalid background colour ${JSON.stringify(background)}`);
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">` +
    `<rect width="240" height="240" rx="32" fill="${background}"/>` +
    `<circle cx="120" cy="120" r="78" fill="#ffffff" fill-opacity="0.55"/>` +
    `<text x="120" y="122" font-family="Helvetica, Arial, sans-serif" font-size="72" font-weight="700" fill="#1e293b" text-anchor="middle" dominant-baseline="central">${monogram(name)}</text>` +
    `</svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}
