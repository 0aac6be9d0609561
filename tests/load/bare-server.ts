/**
 * The yardsticks the load test measures the app against, in a process of their own:
 * a bare Hono JSON route and, when DATABASE_URL is set, raw `pg` doing what the app's
 * product list does (the same query on the same pool size), with no ORM, auth or validation.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import pg from "pg";

const port = Number(process.env.PORT ?? 0);
const app = new Hono();
app.get("/hello", (c) => c.json({ ok: true }));

const url = process.env.DATABASE_URL;
if (url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  app.get("/raw/select1", async (c) => c.json((await pool.query("select 1 as one")).rows[0]));
  app.get("/raw/products", async (c) => {
    const merchant = c.req.query("merchant") ?? "";
    const { rows } = await pool.query(
      `select id, sku, name, description, "priceAmount", currency, stock, status, "imageUrl", tags, "createdAt", "updatedAt"
         from "Product" where "merchantId" = $1 order by sku, id limit 21`,
      [merchant],
    );
    const data = rows.slice(0, 20).map((r) => ({
      id: r.id,
      sku: r.sku,
      name: r.name,
      description: r.description,
      price: { amount: r.priceAmount, currency: r.currency },
      stock: r.stock,
      status: r.status,
      imageUrl: r.imageUrl,
      tags: r.tags,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
    return c.json({ data, nextCursor: rows.length > 20 ? data.at(-1)!.id : null });
  });
}

serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`${JSON.stringify({ msg: "listening", port: info.port })}\n`);
});
