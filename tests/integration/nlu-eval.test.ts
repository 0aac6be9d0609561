import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/server.ts";

/** The evaluation data sits beside the project (../shared/data), never inside it. */
const DATA = path.resolve(ROOT, process.env.NLU_EVAL_DIR ?? "../shared/data/nlu");
const available = existsSync(path.join(DATA, "en_dev.tsv"));
if (!available) process.stderr.write(`no evaluation data at ${DATA}: nlu:eval tests skipped\n`);

/** Runs `npm run --silent nlu:eval -- FILE` the way the contract describes and reads its last line. */
async function evaluate(file: string) {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "bot/nlu/eval.cli.ts", path.join(DATA, file)], {
    cwd: ROOT,
    maxBuffer: 10 * 1024 * 1024,
  });
  const last = stdout.trim().split("\n").at(-1)!;
  return { result: JSON.parse(last) as { n: number; accuracy: number; macro_f1: number; p50_ms: number; p99_ms: number }, stderr };
}

describe.runIf(available)("nlu:eval on held-out shopper utterances", () => {
  it("recognises English intents (Bitext sample) with accuracy >= 0.92", async () => {
    const { result, stderr } = await evaluate("en_dev.tsv");
    expect(Object.keys(result)).toEqual(["n", "accuracy", "macro_f1", "p50_ms", "p99_ms"]);
    expect(result.n).toBe(8169);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.92);
    expect(stderr).toMatch(/precision\s+recall\s+f1/);
  });

  it("recognises Chinese intents (JD customer-service turns) with accuracy >= 0.88", async () => {
    const { result } = await evaluate("zh_dev.tsv");
    expect(result.n).toBe(252);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.88);
  });
});
