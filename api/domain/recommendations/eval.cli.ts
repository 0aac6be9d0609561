/**
 * `npm run --silent reco:eval`: the recommender against the best-sellers on a seeded,
 * synthetic year of orders (see synthetic.ts), split in time at day 300.
 * Progress on stderr; the last stdout line is `{ n, hit_rate_at_5, popularity_hit_rate_at_5 }`.
 */
import { evaluate } from "./evaluate.ts";
import { generateShop } from "./synthetic.ts";

const DAY = 86_400_000;
const start = Date.UTC(2025, 0, 1);
const began = performance.now();
const shop = generateShop({ seed: 42, shoppers: 3000, start });
process.stderr.write(`generated ${shop.products.length} products, ${shop.baskets.length} orders\n`);
const result = evaluate(shop.products, shop.baskets, start + 300 * DAY);
process.stderr.write(`evaluated ${result.n} next orders in ${Math.round(performance.now() - began)} ms; lift ${(result.hit_rate_at_5 / Math.max(1e-9, result.popularity_hit_rate_at_5)).toFixed(2)}x\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
