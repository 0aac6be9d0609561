/**
 * Placeholder product artwork for seed data: a rounded square in the given
 * colour with an emoji centred on it, returned as an SVG data URL.
 */

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** Characters that would break out of the SVG text node or attribute. */
const UNSAFE = /[<>&"'\u0000-\u001f]/;

export function productImage(emoji: string, background: string): string {
  if (!HEX_COLOUR.test(background)) {
    throw new Error(`productImage: invalid background colour ${JSON.stringify(background)}`);
  }
  if (emoji.length === 0 || emoji.length > 32 || UNSAFE.test(emoji)) {
    throw new Error(`productImage: invalid emoji ${JSON.stringify(emoji)}`);
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">` +
    `<rect width="240" height="240" rx="32" fill="${background}"/>` +
    `<text x="120" y="120" font-size="120" text-anchor="middle" dominant-baseline="central">${emoji}</text>` +
    `</svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}
