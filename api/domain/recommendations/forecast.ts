/**
 * Demand forecasts: additive Holt-Winters with a damped trend on daily sales, a weekly
 * season (shoppers buy more on some weekdays) and a level and trend that follow the
 * slower seasons of the year. Smoothing constants are chosen per product by the smallest
 * one-step-ahead squared error on its own history.
 */
export interface HoltWintersFit {
  alpha: number;
  beta: number;
  gamma: number;
  /** Forecasts for the next `horizon` days (never below 0). */
  forecast: number[];
}

const SEASON = 7;
/** A trend damped this much per day does not run away on a few busy days. */
const PHI = 0.9;
const GRID = { alpha: [0.05, 0.1, 0.2, 0.3, 0.5], beta: [0.01, 0.05, 0.15], gamma: [0.05, 0.15, 0.3] };

export function holtWinters(series: number[], horizon: number): HoltWintersFit {
  if (series.length < 2 * SEASON) return { alpha: 0, beta: 0, gamma: 0, forecast: Array(horizon).fill(mean(series)) };
  let best: { sse: number; alpha: number; beta: number; gamma: number } | undefined;
  for (const alpha of GRID.alpha) {
    for (const beta of GRID.beta) {
      for (const gamma of GRID.gamma) {
        const { sse } = run(series, alpha, beta, gamma);
        if (!best || sse < best.sse) best = { sse, alpha, beta, gamma };
      }
    }
  }
  const { alpha, beta, gamma } = best!;
  const { level, trend, season } = run(series, alpha, beta, gamma);
  const forecast: number[] = [];
  let damp = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += Math.pow(PHI, h);
    forecast.push(Math.max(0, level + damp * trend + season[(series.length + h - 1) % SEASON]!));
  }
  return { alpha, beta, gamma, forecast };
}

/** One pass of the recursions; `sse` is the one-step-ahead error over the series. */
function run(series: number[], alpha: number, beta: number, gamma: number) {
  const first = mean(series.slice(0, SEASON));
  let level = first;
  let trend = (mean(series.slice(SEASON, 2 * SEASON)) - first) / SEASON;
  const season = series.slice(0, SEASON).map((x) => x - first);
  let sse = 0;
  for (let t = SEASON; t < series.length; t++) {
    const s = season[t % SEASON]!;
    const predicted = level + PHI * trend + s;
    const x = series[t]!;
    sse += (x - predicted) ** 2;
    const previous = level;
    level = alpha * (x - s) + (1 - alpha) * (previous + PHI * trend);
    trend = beta * (level - previous) + (1 - beta) * PHI * trend;
    season[t % SEASON] = gamma * (x - level) + (1 - gamma) * s;
  }
  return { level, trend, season, sse };
}

/** The naive forecast the model must beat: every coming day sells like the average day of the last week. */
export function naiveForecast(series: number[], horizon: number): number[] {
  return Array(horizon).fill(mean(series.slice(-SEASON)));
}

export interface ProductForecast {
  /** Units expected in the next 7 days. */
  weeklyDemand: number;
  /** Days until the stock runs out at the forecast rate; null when nothing is expected to sell. */
  daysOfStockLeft: number | null;
  /** It runs out before a restock ordered today would arrive. */
  restockWarning: boolean;
}

/** Forecast, stock cover and warning for one product from its daily sales (oldest first). */
export function productForecast(dailySales: number[], stock: number, leadDays: number, horizon = 28): ProductForecast {
  return stockCover(holtWinters(dailySales, horizon).forecast, stock, leadDays);
}

/** Demand, stock cover and warning from a daily forecast already fitted (the fit is the costly part; this is not). */
export function stockCover(forecast: number[], stock: number, leadDays: number): ProductForecast {
  const weeklyDemand = round(forecast.slice(0, 7).reduce((a, b) => a + b, 0));
  let left = stock;
  let daysOfStockLeft: number | null = null;
  for (let d = 0; d < forecast.length; d++) {
    if (forecast[d]! >= left) {
      daysOfStockLeft = round(d + left / Math.max(forecast[d]!, 1e-9));
      break;
    }
    left -= forecast[d]!;
  }
  // Past the horizon: the last forecast week's rate carries on.
  const tailRate = forecast.slice(-7).reduce((a, b) => a + b, 0) / 7;
  if (daysOfStockLeft === null && tailRate > 0.01) daysOfStockLeft = round(forecast.length + left / tailRate);
  return { weeklyDemand, daysOfStockLeft, restockWarning: daysOfStockLeft !== null && daysOfStockLeft <= leadDays };
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

const round = (x: number) => Math.round(x * 10) / 10;
