/**
 * `npm run --silent forecast:eval`: Holt-Winters against the naive forecast (every day like
 * last week's average) on seeded seasonal sales, 28 days held back. Last line: JSON.
 */
import { evaluateForecasts, seasonalSales } from "./forecast-eval.ts";

const result = evaluateForecasts(seasonalSales({ seed: 11, products: 200, days: 210 }), 28);
process.stderr.write(`holt-winters MAE ${result.mae}/day, naive ${result.naive_mae}/day; weekly ${result.weekly_mae} vs ${result.naive_weekly_mae}\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
