import type { Nlu } from "../../bot/nlu/nlu.ts";
import { trainNlu } from "../../bot/nlu/nlu.ts";
import { loadIntentExamples } from "../../knowledge/intents.ts";

let trained: Nlu | undefined;

/** The real NLU, trained once per test worker from the project's examples. */
export function testNlu(): Nlu {
  trained ??= trainNlu(loadIntentExamples());
  return trained;
}
