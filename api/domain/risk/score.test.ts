import { describe, expect, it } from "vitest";
import { SETTINGS } from "../merchants/settings.ts";
import { evaluate } from "./eval.cli.ts";
import { isDisposableEmail, scoreOrder, type RiskFacts } from "./score.ts";

const settings = SETTINGS.risk.default;
const quiet: RiskFacts = {
  velocity: { email: 0, phone: 0, address: 0, client: 0 },
  accountsOnDevice: 1,
  accountsOnClient: 1,
  accountsOnAddress: 1,
  disposableEmail: false,
  nameMismatch: false,
  phoneMismatch: false,
  firstOrder: true,
  total: 15_000,
  typicalTotal: 15_000,
  failedPayments: 0,
  couponAccounts: 0,
};

describe("risk score", () => {
  it("gives an ordinary order nothing, and no single weak signal a hold", () => {
    expect(scoreOrder(quiet, settings)).toEqual({ score: 0, level: "low", reasons: [] });
    for (const weak of [{ nameMismatch: true, phoneMismatch: true }, { accountsOnClient: 50 }, { total: 15_000 * 7 }, { failedPayments: 1 }, { disposableEmail: true }] satisfies Partial<RiskFacts>[]) {
      expect(scoreOrder({ ...quiet, ...weak }, settings).level).not.toBe("high");
    }
  });

  it("holds combinations, with the strongest reasons first", () => {
    const risk = scoreOrder({ ...quiet, accountsOnDevice: 4, disposableEmail: true, failedPayments: 3 }, settings);
    expect(risk.level).toBe("high");
    expect(risk.reasons).toEqual(["device:many_accounts", "contact:disposable_email", "payments:repeated_failures"]);
    expect(scoreOrder({ ...quiet, velocity: { email: 9, phone: 9, address: 9, client: 20 }, accountsOnDevice: 9, disposableEmail: true }, settings).score).toBe(100);
  });

  it("knows throwaway mail domains", () => {
    expect(isDisposableEmail("a@mailinator.com")).toBe(true);
    expect(isDisposableEmail("a@sub.yopmail.com")).toBe(true);
    expect(isDisposableEmail("a@gmail.com")).toBe(false);
  });

  it("meets the goal on the seeded stream: >= 90% of fraud held, <= 2% of normal orders", async () => {
    const { result } = await evaluate(14);
    expect(result.fraud).toBeGreaterThan(200);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
    expect(result.normal_held_rate).toBeLessThanOrEqual(0.02);
  }, 60_000);
});
