import { suggest, trainClassifier, type ClassifierModel, type TrainingRow } from '../text/classifier/classifier.js';
import { serializeModel } from '../text/classifier/model-io.js';
import { shuffled } from '../text/classifier/evaluate.js';
import type { StoredLabel, StoredMetrics } from '../../platform/db/schema-text.js';

// What a training run computes, apart from storage: an honest score first (a model trained on
// four fifths of each label predicts the fifth it never saw), then the model that is kept, trained
// on everything. Pure and synchronous: it runs in a worker thread (train-worker.ts).

/** Every HOLDOUT_EVERY-th row of each label is held out: 20 %, spread over the label's rows. */
const HOLDOUT_EVERY = 5;

export interface TrainOutcome {
  /** serializeModel's JSON of the model trained on every row. */
  modelJson: string;
  labels: StoredLabel[];
  metrics: StoredMetrics | null;
}

/** Row indices to hold out: the 5th, 10th … row of each label in the given order. */
export function holdoutIndices(rows: readonly TrainingRow[]): Set<number> {
  const seen = new Map<string, number>();
  const held = new Set<number>();
  rows.forEach((row, i) => {
    const n = (seen.get(row.label) ?? 0) + 1;
    seen.set(row.label, n);
    if (n % HOLDOUT_EVERY === 0) held.add(i);
  });
  return held;
}

interface Scored {
  truth: string;
  guess: string;
  lowConfidence: boolean;
}

/** Macro-F1 over the labels in the truth, accuracy, and how the low-confidence flag split the answers. */
export function scoreHoldout(scored: readonly Scored[]): { metrics: StoredMetrics; f1: Map<string, number> } {
  const labels = [...new Set(scored.map((s) => s.truth))];
  const f1 = new Map<string, number>();
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const s of scored) {
      if (s.truth === label && s.guess === label) tp++;
      else if (s.guess === label) fp++;
      else if (s.truth === label) fn++;
    }
    f1.set(label, tp ? (2 * tp) / (2 * tp + fp + fn) : 0);
  }
  const right = scored.filter((s) => s.truth === s.guess).length;
  const confident = scored.filter((s) => !s.lowConfidence);
  return {
    metrics: {
      holdoutRows: scored.length,
      macroF1: [...f1.values()].reduce((a, b) => a + b, 0) / (labels.length || 1),
      accuracy: scored.length ? right / scored.length : 0,
      lowConfidenceShare: scored.length ? (scored.length - confident.length) / scored.length : 0,
      confidentAccuracy: confident.length ? confident.filter((s) => s.truth === s.guess).length / confident.length : null,
    },
    f1,
  };
}

function evaluate(rows: readonly TrainingRow[]): { metrics: StoredMetrics; f1: Map<string, number> } | null {
  const held = holdoutIndices(rows);
  const train = rows.filter((_, i) => !held.has(i));
  if (held.size === 0 || new Set(train.map((r) => r.label)).size < 2) return null;
  const model: ClassifierModel = trainClassifier(train);
  const scored = [...held].map((i) => {
    const answer = suggest(model, rows[i]!.text);
    return { truth: rows[i]!.label, guess: answer.predictions[0]!.label, lowConfidence: answer.lowConfidence };
  });
  return scoreHoldout(scored);
}

// The rows are shuffled (fixed seed) before anything else: training data arrives in the order it
// was stored (by closing time, or an import's rows as its file listed them), and the held-out
// fifth of each category should not be "the newest" or "the end of the file".
/** Held-out score, then the model on all rows. Rows must carry at least two labels. */
export function evaluateAndTrain(given: readonly TrainingRow[]): TrainOutcome {
  const rows = shuffled(given, 42);
  const evaluation = evaluate(rows);
  const model = trainClassifier(rows);
  return {
    modelJson: serializeModel(model),
    labels: model.labels.map((code, k) => ({ code, count: model.labelCounts[k]!, f1: evaluation?.f1.get(code) ?? null })),
    metrics: evaluation?.metrics ?? null,
  };
}
