import { createHash } from "node:crypto";

/**
 * Images given as data URLs are kept in their own table and served from
 * /media/products/<id>?v=<hash>: a product list carries a short path instead of ~20 KB per
 * product, and browsers cache the image for good (the hash changes with the image).
 */
export function storedImage(productId: string, imageUrl: string | null | undefined): { imageUrl: string | null | undefined; dataUrl?: string } {
  if (!imageUrl?.startsWith("data:image/")) return { imageUrl };
  const version = createHash("md5").update(imageUrl).digest("hex").slice(0, 12);
  return { imageUrl: `/media/products/${productId}?v=${version}`, dataUrl: imageUrl };
}

const DATA_URL = /^data:(image\/(?:png|jpeg|webp|gif|svg\+xml))((?:;[\w=.+-]+)*?)(;base64)?,(.*)$/s;

/** The bytes and type of a data URL (base64 or percent-encoded), or null when it is not one. */
export function decodeDataUrl(dataUrl: string): { type: string; body: Buffer } | null {
  const match = DATA_URL.exec(dataUrl);
  if (!match) return null;
  const [, type, , base64, payload] = match;
  try {
    return { type: type!, body: base64 ? Buffer.from(payload!, "base64") : Buffer.from(decodeURIComponent(payload!), "utf8") };
  } catch {
    return null; // a malformed percent-escape: not an image we can serve
  }
}
