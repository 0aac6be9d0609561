import { LOCALES, type Locale } from "../locales/locales.ts";
import { SoftmaxClassifier, type TrainOptions } from "./classifier.ts";
import { extractEntities, type Entity } from "./entities/extract.ts";
import { matchProducts, type ProductRef } from "./entities/products.ts";
import { extractFeatures } from "./features.ts";
import { INTENTS, isIntent, type Intent } from "./intents.ts";
import { detectLanguage, modelLocale, type DetectedLanguage } from "./language.ts";

export interface ParseOptions {
  /** The locale the client believes in; the text decides when they disagree. */
  locale?: string;
  /** The merchant's catalog, for product entities. */
  catalog?: readonly ProductRef[];
  now?: Date;
}

export interface ParseResult {
  text: string;
  locale: Locale;
  language: DetectedLanguage;
  intent: { name: Intent; confidence: number };
  intent_ranking: { name: Intent; confidence: number }[];
  entities: { entity: string; value: unknown; start: number; end: number }[];
}

export interface Nlu {
  parse(text: string, options?: ParseOptions): ParseResult;
  readonly stats: { locale: string; examples: number; features: number; trainMs: number }[];
}

/** Longest text the classifier looks at; the rest of a very long message adds nothing but time. */
const MAX_CHARS = 2000;

/**
 * Trains one classifier per language from the project's own examples
 * (knowledge/intents/<locale>/<intent>.txt) and parses messages into intent + entities.
 */
export function trainNlu(examples: Record<string, Record<string, string[]>>, options: TrainOptions = {}): Nlu {
  const models = new Map<string, SoftmaxClassifier>();
  const stats: Nlu["stats"] = [];
  for (const locale of LOCALES) {
    const byIntent = examples[locale] ?? {};
    const labels = INTENTS.filter((intent) => (byIntent[intent]?.length ?? 0) > 0);
    if (labels.length === 0) continue;
    const samples = labels.flatMap((intent, label) => byIntent[intent]!.map((text) => ({ features: extractFeatures(text, locale), label })));
    const started = performance.now();
    const model = SoftmaxClassifier.train(labels, samples, options);
    models.set(locale, model);
    stats.push({ locale, examples: samples.length, features: model.featureCount, trainMs: Math.round(performance.now() - started) });
  }
  for (const [locale, byIntent] of Object.entries(examples)) {
    const unknown = Object.keys(byIntent).filter((name) => !isIntent(name));
    if (unknown.length) throw new Error(`knowledge/intents/${locale}: unknown intent files ${unknown.join(", ")}`);
  }

  return {
    stats,
    parse(text, parseOptions = {}) {
      const clipped = text.slice(0, MAX_CHARS);
      const language = detectLanguage(clipped);
      const locale = modelLocale(language);
      const model = models.get(locale) ?? models.get("en") ?? [...models.values()][0];
      let ranking: { name: Intent; confidence: number }[] = [{ name: "out_of_scope", confidence: 1 }];
      if (model && /[\p{L}\p{N}]/u.test(clipped)) {
        const probs = model.predict(extractFeatures(clipped, locale));
        ranking = model.labels
          .map((name, i) => ({ name: name as Intent, confidence: round(probs[i]!) }))
          .sort((a, b) => b.confidence - a.confidence)
          .slice(0, 10);
      }
      const entities: ParseResult["entities"] = extractEntities(clipped, parseOptions.now).map(toPublic);
      if (parseOptions.catalog?.length) {
        for (const match of matchProducts(clipped, parseOptions.catalog, 3)) {
          entities.push({
            entity: "product",
            value: { id: match.product.id, sku: match.product.sku, score: round(match.score) },
            start: match.start,
            end: match.end,
          });
        }
      }
      return { text, locale, language, intent: ranking[0]!, intent_ranking: ranking, entities };
    },
  };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
const toPublic = ({ entity, value, start, end }: Entity) => ({ entity, value, start, end });
