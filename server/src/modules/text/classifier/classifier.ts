import { countTerms, DEFAULT_FEATURES, fitVocabulary, vectorize, type FeatureOptions, type SparseVector, type Vocabulary } from './features.js';
import { stratifiedFolds } from './evaluate.js';
import { addNeighbourVotes, buildNeighbourIndex, DEFAULT_NEIGHBOURS, type NeighbourIndex, type NeighbourOptions } from './neighbours.js';
import { DEFAULT_SVM, margins, packWeights, trainOneVsRest, type SvmOptions } from './svm.js';

// Category classifier: TF-IDF features (features.ts), one linear SVM per category (svm.ts)
// plus the votes of the nearest training messages (neighbours.ts), confidences from a softmax
// over those scores whose temperature is fitted on held-out scores of the training data
// itself, so that "0.8" means right about 8 times in 10.

export interface TrainingRow {
  text: string;
  label: string;
}

export interface TrainOptions {
  features?: Partial<FeatureOptions>;
  svm?: Partial<SvmOptions>;
  neighbours?: Partial<NeighbourOptions>;
  /** Folds of the training data used to fit the confidence temperature (0 = fixed temperature). */
  calibrationFolds?: number;
  /** A prediction whose top confidence is below this is flagged low-confidence. */
  lowConfidenceBelow?: number;
}

export interface ClassifierModel {
  labels: string[];
  /** Training rows per label, for the answer to a text with no usable features. */
  labelCounts: number[];
  features: FeatureOptions;
  bias: number;
  vocabulary: Vocabulary;
  /** Weights of every label's machine, interleaved by column (svm.ts packWeights), bias row last. */
  weights: Float32Array;
  /** Training messages for the neighbours' votes; null in models stored before they existed. */
  neighbours: NeighbourIndex | null;
  temperature: number;
  lowConfidenceBelow: number;
}

export interface Prediction {
  label: string;
  confidence: number;
}

export interface Suggestion {
  /** Labels by falling confidence. */
  predictions: Prediction[];
  /** True when the top confidence is below the model's threshold or the text had nothing to go on. */
  lowConfidence: boolean;
}

/** Below 0.7 the cross-validated answers were right about 2 times in 3 (docs/text/classifier.md). */
export const DEFAULT_LOW_CONFIDENCE = 0.7;
const FIXED_TEMPERATURE = 5;

export function trainClassifier(rows: readonly TrainingRow[], options: TrainOptions = {}): ClassifierModel {
  if (rows.length === 0) throw new Error('no training rows');
  rows.forEach((row, i) => {
    if (!row.label?.trim()) throw new Error(`training row ${i + 1} has no label`);
  });
  const features = { ...DEFAULT_FEATURES, ...options.features };
  const svm = { ...DEFAULT_SVM, ...options.svm };
  const neighbours = { ...DEFAULT_NEIGHBOURS, ...options.neighbours };
  const labels = [...new Set(rows.map((r) => r.label.trim()))].sort();
  if (labels.length < 2) throw new Error(`need at least two labels to learn from, got ${labels.length}`);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(rows, (r) => labelIndex.get(r.label.trim())!);
  const counts = rows.map((r) => countTerms(r.text ?? '', features));
  // A term must recur to be trusted (rare ones are mostly names and typos), but a small
  // training set cannot demand as much: one document in a hundred, up to features.minDf.
  const minDf = Math.min(features.minDf, Math.max(1, Math.floor(rows.length / 100)));
  const vocabulary = fitVocabulary(counts, minDf, features.hashBits);
  const xs = counts.map((c) => vectorize(c, vocabulary, features));
  const dims = vocabulary.idf.length;
  const scorer = fitScorer(xs, y, labels.length, dims, svm, neighbours);
  const folds = options.calibrationFolds ?? 3;
  const temperature = folds >= 2 && rows.length >= folds * 10 ? fitTemperature(xs, y, labels.length, dims, svm, neighbours, folds) : FIXED_TEMPERATURE;
  return {
    labels,
    labelCounts: labels.map((_, k) => y.filter((l) => l === k).length),
    features,
    vocabulary,
    ...scorer,
    temperature,
    lowConfidenceBelow: options.lowConfidenceBelow ?? DEFAULT_LOW_CONFIDENCE,
  };
}

type Scorer = Pick<ClassifierModel, 'weights' | 'bias' | 'neighbours'>;

function fitScorer(xs: SparseVector[], y: Int32Array, classes: number, dims: number, svm: SvmOptions, neighbours: NeighbourOptions): Scorer {
  return {
    weights: packWeights(trainOneVsRest(xs, y, classes, dims, svm)),
    bias: svm.bias,
    neighbours: neighbours.k > 0 && neighbours.weight > 0 ? buildNeighbourIndex(xs, y, classes, dims, neighbours) : null,
  };
}

/** Each class's margin plus the neighbours' votes for it. */
function scores(scorer: Scorer, classes: number, x: SparseVector): Float64Array {
  const out = margins(scorer.weights, classes, x, scorer.bias);
  if (scorer.neighbours) addNeighbourVotes(scorer.neighbours, x, out);
  return out;
}

function softmax(scores: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  const out = Float64Array.from(scores, (s) => Math.exp((s - max) * temperature));
  let sum = 0;
  for (const v of out) sum += v;
  for (let k = 0; k < out.length; k++) out[k]! /= sum;
  return out;
}

/**
 * The softmax temperature that minimises the log loss of held-out scores: the training rows
 * split into `folds` (stratified, so the order of the rows does not matter), each fold's
 * scores from machines and neighbours of the others. Golden-section search over ln T (the
 * loss is unimodal in T for fixed scores).
 */
function fitTemperature(xs: SparseVector[], y: Int32Array, classes: number, dims: number, svm: SvmOptions, neighbours: NeighbourOptions, folds: number): number {
  const held: { m: Float64Array; label: number }[] = [];
  for (const testIdx of stratifiedFolds(Array.from(y, String), folds, 1)) {
    const test = new Set(testIdx);
    const trainIdx = xs.flatMap((_, i) => (test.has(i) ? [] : [i]));
    const scorer = fitScorer(trainIdx.map((i) => xs[i]!), Int32Array.from(trainIdx, (i) => y[i]!), classes, dims, svm, neighbours);
    for (const i of testIdx) held.push({ m: scores(scorer, classes, xs[i]!), label: y[i]! });
  }
  const loss = (logT: number) => {
    const t = Math.exp(logT);
    let sum = 0;
    for (const h of held) sum -= Math.log(Math.max(softmax(h.m, t)[h.label]!, 1e-12));
    return sum;
  };
  let lo = Math.log(0.1);
  let hi = Math.log(100);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 40; step++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (loss(a) < loss(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}

/** The feature vector of a text under a model. */
function featurize(model: ClassifierModel, text: string): SparseVector {
  return vectorize(countTerms(text ?? '', model.features), model.vocabulary, model.features);
}

/** Every label with its confidence, highest first; confidences sum to 1. */
export function predict(model: ClassifierModel, text: string): Prediction[] {
  return suggest(model, text).predictions;
}

/** Labels by confidence and whether the answer is too unsure to use without a person. */
export function suggest(model: ClassifierModel, text: string): Suggestion {
  const x = featurize(model, text);
  let probabilities: Float64Array;
  let nothingToGoOn = false;
  if (x.indices.length === 0) {
    // Empty text, only emoji or punctuation, or only unseen terms: the training prior, flagged.
    const total = model.labelCounts.reduce((a, b) => a + b, 0);
    probabilities = Float64Array.from(model.labelCounts, (c) => c / total);
    nothingToGoOn = true;
  } else {
    probabilities = softmax(scores(model, model.labels.length, x), model.temperature);
  }
  const predictions = model.labels
    .map((label, k) => ({ label, confidence: probabilities[k]! }))
    .sort((a, b) => b.confidence - a.confidence || a.label.localeCompare(b.label));
  return { predictions, lowConfidence: nothingToGoOn || predictions[0]!.confidence < model.lowConfidenceBelow };
}
