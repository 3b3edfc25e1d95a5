import { normalizeText } from './normalize.js';
import { contentWords } from './segment.js';

// Text similarity for "is this the same problem?": duplicates at intake and hot-issue groups.
// A message becomes a bag of terms (jieba content words plus Han character pairs, so that
// 噪音/噪声 or a place name cut differently still overlap), weighted by TF-IDF over the
// collection at hand, compared by cosine. Deterministic, CPU only, no model to train.

/** Longest text that is read; the rest of a 10,000-character complaint adds nothing to "same problem". */
const MAX_CHARS = 2_000;
const HAN_RUN = /[\u4e00-\u9fff]{2,}/g;

export type TermVector = Map<string, number>;

/** The terms of one message, with repeats: words, then `~` + Han character pairs. */
export function textTerms(text: string): string[] {
  if (!text) return [];
  const norm = normalizeText(text.slice(0, MAX_CHARS));
  const terms = contentWords(norm);
  for (const run of norm.match(HAN_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) terms.push(`~${run.slice(i, i + 2)}`);
  }
  return terms;
}

/** Document frequencies → smoothed IDF, ln((1 + n) / (1 + df)) + 1, as scikit-learn does. */
export class Idf {
  private readonly df = new Map<string, number>();
  private docs = 0;

  add(terms: readonly string[]): void {
    this.docs++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  weight(term: string): number {
    return Math.log((1 + this.docs) / (1 + (this.df.get(term) ?? 0))) + 1;
  }

  get size(): number {
    return this.docs;
  }
}

/** Sublinear TF × IDF, L2-normalised, so cosine is a dot product. */
export function termVector(terms: readonly string[], idf?: Idf): TermVector {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const v: TermVector = new Map();
  let norm = 0;
  for (const [t, n] of tf) {
    const w = (1 + Math.log(n)) * (idf ? idf.weight(t) : 1);
    v.set(t, w);
    norm += w * w;
  }
  if (norm === 0) return v;
  const scale = 1 / Math.sqrt(norm);
  for (const [t, w] of v) v.set(t, w * scale);
  return v;
}

/** Cosine of two normalised vectors, 0..1; 0 when either is empty. */
export function cosine(a: TermVector, b: TermVector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let dot = 0;
  for (const [t, w] of a) {
    const x = b.get(t);
    if (x !== undefined) dot += w * x;
  }
  return Math.min(1, dot);
}

/** The highest-weighted terms of a vector (pairs left out), for a readable label. */
export function topTerms(v: TermVector, n: number): string[] {
  return [...v]
    .filter(([t]) => !t.startsWith('~'))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([t]) => t);
}
