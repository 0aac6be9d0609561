import { describe, expect, it } from "vitest";
import { evaluateForecasts, seasonalSales } from "./forecast-eval.ts";
import { holtWinters, productForecast } from "./forecast.ts";

describe("demand forecasts", () => {
  it("beat the naive forecast on held-back seasonal sales (another seed than forecast:eval)", () => {
    const result = evaluateForecasts(seasonalSales({ seed: 3, products: 80, days: 200 }), 28);
    expect(result.mae).toBeLessThan(result.naive_mae);
    expect(result.weekly_mae).toBeLessThan(result.naive_weekly_mae);
  });

  it("follows a weekly pattern", () => {
    const series = Array.from({ length: 84 }, (_, t) => (t % 7 === 5 || t % 7 === 6 ? 20 : 5));
    const { forecast } = holtWinters(series, 7);
    expect(forecast[5]).toBeGreaterThan(15);
    expect(forecast[0]).toBeLessThan(8);
  });

  it("warns when the stock runs out within the lead time, not otherwise", () => {
    const steady = Array(56).fill(10);
    expect(productForecast(steady, 50, 14)).toMatchObject({ weeklyDemand: 70, daysOfStockLeft: 5, restockWarning: true });
    const cover = productForecast(steady, 1000, 14);
    expect(cover.restockWarning).toBe(false);
    expect(cover.daysOfStockLeft).toBeCloseTo(100, 0);
    expect(productForecast(Array(56).fill(0), 3, 14)).toEqual({ weeklyDemand: 0, daysOfStockLeft: null, restockWarning: false });
  });
});
