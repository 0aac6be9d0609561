import { holtWinters, naiveForecast } from "./forecast.ts";
import { rng } from "./synthetic.ts";

/**
 * Seeded daily sales of `products` products over `days` days: a base rate, a yearly season
 * (each product its own peak), a weekday pattern (weekends busier), a slow trend, Poisson
 * noise. The last `holdout` days are held back and forecast from the rest.
 */
export function seasonalSales(options: { seed?: number; products?: number; days?: number } = {}): number[][] {
  const rand = rng(options.seed ?? 11);
  const days = options.days ?? 180;
  return Array.from({ length: options.products ?? 40 }, () => {
    const base = 1 + rand() * 12;
    const peak = rand() * 365;
    const swing = 0.2 + rand() * 0.6;
    const trend = (rand() - 0.5) * 0.004;
    const weekly = Array.from({ length: 7 }, (_, d) => (d === 5 || d === 6 ? 1.3 + rand() * 0.4 : 0.8 + rand() * 0.2));
    return Array.from({ length: days }, (_, t) => {
      const rate = base * (1 + swing * Math.cos(((t - peak) / 365) * 2 * Math.PI)) * weekly[t % 7]! * (1 + trend * t);
      return poisson(rand, Math.max(0, rate));
    });
  });
}

export interface ForecastEval {
  products: number;
  holdoutDays: number;
  /** Mean absolute error per product-day on the held-back period. */
  mae: number;
  naive_mae: number;
  /** Error of the weekly totals (what restocking uses), per product-week. */
  weekly_mae: number;
  naive_weekly_mae: number;
}

export function evaluateForecasts(series: number[][], holdout = 28): ForecastEval {
  let abs = 0;
  let naiveAbs = 0;
  let weekAbs = 0;
  let naiveWeekAbs = 0;
  for (const s of series) {
    const train = s.slice(0, -holdout);
    const actual = s.slice(-holdout);
    const hw = holtWinters(train, holdout).forecast;
    const naive = naiveForecast(train, holdout);
    for (let d = 0; d < holdout; d++) {
      abs += Math.abs(hw[d]! - actual[d]!);
      naiveAbs += Math.abs(naive[d]! - actual[d]!);
    }
    for (let w = 0; w + 7 <= holdout; w += 7) {
      const sum = (xs: number[]) => xs.slice(w, w + 7).reduce((a, b) => a + b, 0);
      weekAbs += Math.abs(sum(hw) - sum(actual));
      naiveWeekAbs += Math.abs(sum(naive) - sum(actual));
    }
  }
  const days = series.length * holdout;
  const weeks = series.length * Math.floor(holdout / 7);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { products: series.length, holdoutDays: holdout, mae: r(abs / days), naive_mae: r(naiveAbs / days), weekly_mae: r(weekAbs / weeks), naive_weekly_mae: r(naiveWeekAbs / weeks) };
}

function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}
