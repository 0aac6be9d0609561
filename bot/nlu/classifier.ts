/** One labelled example, already turned into features. */
export interface Sample {
  features: string[];
  label: number;
}

export interface TrainOptions {
  /** Passes over the data. @defaultValue 20 */
  epochs?: number;
  /** Adagrad base learning rate. @defaultValue 0.5 */
  learningRate?: number;
  /** L2 penalty per update. @defaultValue 1e-5 */
  l2?: number;
  /** Seed for the shuffling, so training is repeatable. @defaultValue 7 */
  seed?: number;
}

/**
 * Multinomial logistic regression over TF-IDF-weighted binary features, trained with
 * Adagrad SGD. On intent data like ours it matches heavier models: what generalises is
 * the variety of the examples and the normalisation, not the algorithm.
 */
export class SoftmaxClassifier {
  private constructor(
    readonly labels: readonly string[],
    private readonly vocab: Map<string, number>,
    private readonly idf: Float32Array,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  static train(labels: readonly string[], samples: Sample[], options: TrainOptions = {}): SoftmaxClassifier {
    const { epochs = 20, learningRate = 0.5, l2 = 1e-5, seed = 7 } = options;
    const vocab = new Map<string, number>();
    const df: number[] = [];
    for (const sample of samples) {
      for (const f of sample.features) {
        let index = vocab.get(f);
        if (index === undefined) {
          index = vocab.size;
          vocab.set(f, index);
          df.push(0);
        }
        df[index]!++;
      }
    }
    const idf = Float32Array.from(df, (d) => Math.log((1 + samples.length) / (1 + d)) + 1);
    const C = labels.length;
    const weights = new Float32Array(vocab.size * C);
    const grad2 = new Float32Array(vocab.size * C).fill(1e-6);
    const bias = new Float32Array(C);
    const biasGrad2 = new Float32Array(C).fill(1e-6);
    const model = new SoftmaxClassifier(labels, vocab, idf, weights, bias);

    // Classes with fewer examples weigh more, so small intents are not drowned out.
    const counts = new Array<number>(C).fill(0);
    for (const s of samples) counts[s.label]!++;
    const mean = samples.length / C;
    const classWeight = counts.map((n) => (n ? Math.min(3, Math.sqrt(mean / n)) : 0));

    const encoded = samples.map((s) => ({ ...model.encode(s.features), label: s.label }));
    const order = encoded.map((_, i) => i);
    const random = mulberry32(seed);
    const probs = new Float32Array(C);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, random);
      for (const i of order) {
        const { index, value, label } = encoded[i]!;
        model.scores(index, value, probs);
        softmaxInPlace(probs);
        const cw = classWeight[label]!;
        for (let c = 0; c < C; c++) {
          const g = (probs[c]! - (c === label ? 1 : 0)) * cw;
          if (Math.abs(g) < 1e-4) continue;
          biasGrad2[c]! += g * g;
          bias[c]! -= (learningRate * g) / Math.sqrt(biasGrad2[c]!);
          for (let k = 0; k < index.length; k++) {
            const w = index[k]! * C + c;
            const gw = g * value[k]! + l2 * weights[w]!;
            grad2[w]! += gw * gw;
            weights[w]! -= (learningRate * gw) / Math.sqrt(grad2[w]!);
          }
        }
      }
    }
    return model;
  }

  /** Probabilities per label, in the order of `labels`. */
  predict(features: string[]): Float32Array {
    const { index, value } = this.encode(features);
    const out = new Float32Array(this.labels.length);
    this.scores(index, value, out);
    return softmaxInPlace(out);
  }

  get featureCount(): number {
    return this.vocab.size;
  }

  private encode(features: string[]) {
    const index: number[] = [];
    const value: number[] = [];
    let norm = 0;
    for (const f of features) {
      const i = this.vocab.get(f);
      if (i === undefined) continue;
      const v = this.idf[i]!;
      index.push(i);
      value.push(v);
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < value.length; k++) value[k]! *= scale;
    return { index, value };
  }

  private scores(index: number[], value: number[], out: Float32Array) {
    const C = this.labels.length;
    out.set(this.bias);
    for (let k = 0; k < index.length; k++) {
      const base = index[k]! * C;
      const v = value[k]!;
      for (let c = 0; c < C; c++) out[c]! += this.weights[base + c]! * v;
    }
  }
}

function softmaxInPlace(values: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp(values[i]! - max);
    sum += values[i]!;
  }
  for (let i = 0; i < values.length; i++) values[i]! /= sum;
  return values;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: number[], random: () => number) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
