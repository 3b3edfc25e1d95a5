import type { SparseVector } from './features.js';

// Linear support vector machine, L2-regularised squared hinge loss, solved in the dual by
// coordinate descent (Hsieh et al. 2008, the method of LIBLINEAR's default solver). One binary
// machine per class (one-vs-rest). Columns are dense 0..dims-1; the bias is an extra column of
// constant value `bias`. A seeded shuffle keeps training reproducible.
// Optionally each machine sees its features scaled by naive Bayes log-count ratios (NBSVM,
// Wang & Manning 2012): a term's weight grows with how unevenly it falls between the class and
// the rest. The scale is folded into the returned weights, so prediction costs nothing extra.

export interface SvmOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** Stop when the projected gradient's spread falls below this (LIBLINEAR's eps). */
  epsilon: number;
  maxIterations: number;
  bias: number;
  /** Multiply C for a class's positives by (n / (classes × n_class))^balance; 0 = unweighted. */
  balance: number;
  seed: number;
  /** Exponent of |log-count ratio| scaling each feature per class; 0 = plain SVM. */
  nbPower: number;
  /** Additive smoothing of the document counts behind the log-count ratio. */
  nbAlpha: number;
}

/** Chosen by 5-fold cross-validation on the labelled messages (docs/text/classifier.md). */
export const DEFAULT_SVM: SvmOptions = { c: 5, epsilon: 0.1, maxIterations: 200, bias: 1, balance: 1, seed: 1, nbPower: 0.5, nbAlpha: 1 };

/** xorshift32: a small seeded generator for the visiting order. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function dot(w: Float64Array, x: SparseVector, bias: number, biasIndex: number): number {
  let sum = w[biasIndex]! * bias;
  const { indices, values } = x;
  for (let k = 0; k < indices.length; k++) sum += w[indices[k]!]! * values[k]!;
  return sum;
}

/** Weights (dims + 1, the bias last) of one binary machine; y[i] is +1 or -1. */
export function trainBinary(xs: SparseVector[], y: Int8Array, dims: number, cPos: number, cNeg: number, options: SvmOptions): Float64Array {
  const n = xs.length;
  const w = new Float64Array(dims + 1);
  const alpha = new Float64Array(n);
  const diag = new Float64Array(n); // 1 / (2C) of each example: the squared hinge's dual term
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = 0.5 / (y[i]! > 0 ? cPos : cNeg);
    let sq = options.bias * options.bias;
    for (const v of xs[i]!.values) sq += v * v;
    qd[i] = sq + diag[i]!;
  }
  // Shrinking as LIBLINEAR does it: an example at alpha = 0 whose gradient says it will stay
  // there is set aside (moved past `active`) until the remaining ones converge, then all are
  // checked once more. Most examples of a separable text problem end up set aside early.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const next = random(options.seed);
  let active = n;
  let maxOld = Infinity;
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    for (let i = active - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (let s = 0; s < active; s++) {
      const i = order[s]!;
      const x = xs[i]!;
      const yi = y[i]!;
      const g = yi * dot(w, x, options.bias, dims) - 1 + diag[i]! * alpha[i]!;
      let pg = g;
      if (alpha[i] === 0) {
        if (g > maxOld) {
          active--;
          [order[s], order[active]] = [order[active]!, order[s]!];
          s--;
          continue;
        }
        pg = Math.min(g, 0);
      }
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const old = alpha[i]!;
      alpha[i] = Math.max(old - g / qd[i]!, 0);
      const d = (alpha[i]! - old) * yi;
      const { indices, values } = x;
      for (let k = 0; k < indices.length; k++) w[indices[k]!]! += d * values[k]!;
      w[dims]! += d * options.bias;
    }
    if (maxPg - minPg <= options.epsilon) {
      if (active === n) break;
      active = n;
      maxOld = Infinity;
      continue;
    }
    maxOld = maxPg > 0 ? maxPg : Infinity;
  }
  return w;
}

/**
 * |ln(share of class documents with the term / share of other documents with it)|^power per
 * column, from smoothed document counts.
 */
function logCountRatios(xs: SparseVector[], y: Int8Array, dims: number, alpha: number, power: number): Float64Array {
  const pos = new Float64Array(dims).fill(alpha);
  const neg = new Float64Array(dims).fill(alpha);
  for (let i = 0; i < xs.length; i++) {
    const target = y[i]! > 0 ? pos : neg;
    for (const column of xs[i]!.indices) target[column]!++;
  }
  let sumPos = 0;
  let sumNeg = 0;
  for (let d = 0; d < dims; d++) {
    sumPos += pos[d]!;
    sumNeg += neg[d]!;
  }
  return Float64Array.from(pos, (p, d) => Math.abs(Math.log(p / sumPos / (neg[d]! / sumNeg))) ** power);
}

function scaled(x: SparseVector, r: Float64Array): SparseVector {
  const values = new Float32Array(x.values.length);
  for (let k = 0; k < values.length; k++) values[k] = x.values[k]! * r[x.indices[k]!]!;
  return { indices: x.indices, values };
}

/** One machine per class; labels[i] is the class index of xs[i]. */
export function trainOneVsRest(xs: SparseVector[], labels: Int32Array, classes: number, dims: number, options: SvmOptions): Float64Array[] {
  const n = xs.length;
  const counts = new Int32Array(classes);
  for (const l of labels) counts[l]!++;
  return Array.from({ length: classes }, (_, k) => {
    const y = Int8Array.from(labels, (l) => (l === k ? 1 : -1));
    const weight = options.balance > 0 && counts[k]! > 0 ? (n / (classes * counts[k]!)) ** options.balance : 1;
    if (options.nbPower <= 0) return trainBinary(xs, y, dims, options.c * weight, options.c, options);
    const r = logCountRatios(xs, y, dims, options.nbAlpha, options.nbPower);
    const w = trainBinary(xs.map((x) => scaled(x, r)), y, dims, options.c * weight, options.c, options);
    for (let d = 0; d < dims; d++) w[d]! *= r[d]!;
    return w;
  });
}

/**
 * The machines' weights interleaved column by column, weights[column × classes + k], the bias
 * row last: a message's thousand-odd columns are then read once each, all classes together,
 * instead of once per class from arrays far apart in memory; single precision halves the
 * memory read.
 */
export function packWeights(perClass: readonly Float64Array[]): Float32Array {
  const classes = perClass.length;
  const rows = perClass[0]!.length;
  const packed = new Float32Array(rows * classes);
  for (let k = 0; k < classes; k++) {
    const w = perClass[k]!;
    for (let d = 0; d < rows; d++) packed[d * classes + k] = w[d]!;
  }
  return packed;
}

/** Margins of one vector against every class's machine, from packed weights. */
export function margins(packed: Float32Array, classes: number, x: SparseVector, bias: number): Float64Array {
  const out = new Float64Array(classes);
  const biasRow = packed.length - classes;
  for (let k = 0; k < classes; k++) out[k] = packed[biasRow + k]! * bias;
  const { indices, values } = x;
  for (let j = 0; j < indices.length; j++) {
    const base = indices[j]! * classes;
    const v = values[j]!;
    for (let k = 0; k < classes; k++) out[k]! += packed[base + k]! * v;
  }
  return out;
}
