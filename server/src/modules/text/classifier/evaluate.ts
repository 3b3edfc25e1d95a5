// Evaluation helpers shared by the benchmark and the tests: stratified folds and macro-F1.

export interface ClassScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Scores {
  macroF1: number;
  accuracy: number;
  perClass: ClassScore[];
}

/** Per-class F1 over the labels that occur in the truth, their unweighted mean, and accuracy. */
export function macroF1(truth: readonly string[], guessed: readonly string[]): Scores {
  if (truth.length !== guessed.length) throw new Error('truth and predictions differ in length');
  const labels = [...new Set(truth)].sort();
  let correct = 0;
  const perClass = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      const t = truth[i] === label;
      const g = guessed[i] === label;
      if (t && g) tp++;
      else if (g) fp++;
      else if (t) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: tp + fn };
  });
  for (let i = 0; i < truth.length; i++) if (truth[i] === guessed[i]) correct++;
  const mean = perClass.reduce((s, c) => s + c.f1, 0) / (perClass.length || 1);
  return { macroF1: mean, accuracy: truth.length ? correct / truth.length : 0, perClass };
}

/** Seeded shuffle (mulberry32): the same order on every run. */
export function shuffled<T>(indices: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...indices];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Row indices of each of k test folds, every label spread evenly over the folds. */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[][] {
  const folds: number[][] = Array.from({ length: k }, () => []);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const rows = byLabel.get(label);
    if (rows) rows.push(i);
    else byLabel.set(label, [i]);
  });
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const i of shuffled(byLabel.get(label)!, seed)) folds[offset++ % k]!.push(i);
  }
  return folds.map((f) => f.sort((a, b) => a - b));
}
