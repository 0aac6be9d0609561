import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["api/**/*.test.ts", "bot/**/*.test.ts", "knowledge/**/*.test.ts", "widget/**/*.test.ts", "tests/**/*.test.ts", "prisma/**/*.test.ts"],
    exclude: ["node_modules", "data", "tests/bench/**"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers than that only thrash the WASM database instances.
    maxWorkers: 2,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
  },
});
