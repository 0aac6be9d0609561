import { describe, expect, it } from "vitest";
import { SETTINGS } from "../merchants/settings.ts";
import { evaluate, evaluateSeeds } from "./eval.cli.ts";
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

  it("judges a new customer's order by its value, on a scale, until the customer is a day old", () => {
    const value = (total: number, extra: Partial<RiskFacts> = {}) => scoreOrder({ ...quiet, total, ...extra }, settings);
    expect(value(15_000 * 2).reasons).toEqual([]);
    const steps = [3, 4, 6, 12].map((x) => value(15_000 * x).score);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps[0]).toBeGreaterThan(0);
    // A large first order alone is reviewed, not held; shipped to someone else it is held.
    expect(value(15_000 * 12).level).toBe("medium");
    expect(value(15_000 * 7, { nameMismatch: true, phoneMismatch: true }).level).toBe("high");
    // A second order an hour after the first is still a new customer's; a week later it is not.
    expect(value(15_000 * 8, { firstOrder: false, sinceFirstOrderMinutes: 60 }).reasons).toEqual(["value:unusual_new_customer_order"]);
    expect(value(15_000 * 8, { firstOrder: false, sinceFirstOrderMinutes: 7 * 24 * 60 }).reasons).toEqual([]);
  });

  it("weighs an address shared by accounts more for a new customer, and one short of the limit only a little", () => {
    const regular = { firstOrder: false, sinceFirstOrderMinutes: 30 * 24 * 60 };
    expect(scoreOrder({ ...quiet, accountsOnAddress: 2 }, settings)).toMatchObject({ level: "low", reasons: ["address:another_account"] });
    expect(scoreOrder({ ...quiet, ...regular, accountsOnAddress: 2 }, settings).reasons).toEqual([]);
    expect(scoreOrder({ ...quiet, accountsOnAddress: 2, disposableEmail: true }, settings).level).toBe("high");
    expect(scoreOrder({ ...quiet, ...regular, accountsOnAddress: 3 }, settings).level).toBe("medium");
    expect(scoreOrder({ ...quiet, accountsOnAddress: 3 }, settings).level).toBe("high");
    // The limit is the merchant's: with a higher one, two accounts on an address are nothing.
    expect(scoreOrder({ ...quiet, accountsOnAddress: 2 }, { ...settings, accountsPerDevice: 5 }).reasons).toEqual([]);
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

  it("meets it on other seeds too, each one", async () => {
    const { result } = await evaluateSeeds(1, 5);
    expect(result.min_recall).toBeGreaterThanOrEqual(0.9);
    expect(result.max_normal_held_rate).toBeLessThanOrEqual(0.02);
  }, 120_000);
});
