import { runSuite } from "./runner.ts";

/**
 * `npm run --silent conv:eval`: plays the conversation suite against the real bot engine
 * with the demo shop's catalog and help center. Failures (with transcripts) go to stderr;
 * the last stdout line is {"n", "passed", "rate", "en": {...}, "zh": {...}}.
 * `-- --only ID` plays the conversations whose id contains ID; `--verbose` prints every transcript.
 */
const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const verbose = args.includes("--verbose");
const { allConversations } = await import("./runner.ts");
const { results, report } = await runSuite(only ? allConversations.filter((c) => c.id.includes(only)) : allConversations);
for (const r of results) {
  if (r.passed && !verbose) continue;
  process.stderr.write(`\n${r.passed ? "PASS" : "FAIL"} ${r.id}\n${r.failures.map((f) => `  ! ${f}`).join("\n")}\n${r.transcript.map((l) => `    ${l.replace(/\n/g, "\n      ")}`).join("\n")}\n`);
}
process.stdout.write(`${JSON.stringify(report)}\n`);
