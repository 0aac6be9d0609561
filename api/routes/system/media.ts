import { Hono } from "hono";
import type { PrismaClient } from "../../db/generated/client.ts";
import { decodeDataUrl } from "../../domain/catalog/product-images.ts";
import type { AppBindings } from "../../http/bindings.ts";
import { errorBody } from "../../errors.ts";

const MAX_KEPT = 2000;

/**
 * Product images uploaded as data URLs, at the address the product's imageUrl gives. The
 * `v` in that address changes with the image, so a browser may keep it for a year. Public
 * (the widget shows them on shops' own sites); an SVG is served sandboxed, so a script in
 * one never runs on this origin.
 */
export function mediaRoutes(prisma: PrismaClient) {
  const kept = new Map<string, { type: string; body: Buffer } | null>();
  return new Hono<AppBindings>().get("/media/products/:id", async (c) => {
    const id = c.req.param("id");
    if (!/^[0-9a-f-]{36}$/i.test(id)) return c.json(errorBody("media:not_found", "No such image."), 404);
    const version = c.req.query("v") ?? "";
    const key = `${id}:${version}`;
    let image = kept.get(key);
    if (image === undefined) {
      const row = await prisma.productImage.findUnique({ where: { productId: id } });
      image = row ? decodeDataUrl(row.dataUrl) : null;
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
      if (image) kept.set(key, image);
    }
    if (!image) return c.json(errorBody("media:not_found", "No such image."), 404);
    c.header("Content-Type", image.type);
    c.header("Cache-Control", version ? "public, max-age=31536000, immutable" : "public, max-age=300");
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    return c.body(new Uint8Array(image.body));
  });
}
