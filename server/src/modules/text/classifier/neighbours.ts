import type { SparseVector } from './features.js';

// The training messages most like a new one, as a second opinion beside the linear machines:
// their labels, weighted by similarity, are added to the margins. The machines draw one
// straight boundary per category; the neighbours bring in the local picture (a message like
// twenty others of a small category counts towards it even where the boundary says otherwise).
// In cross-validation this lifted macro-F1 by 0.004 on average over six fold seeds at 5 folds
// and by 0.003 at 10 folds (docs/text/classifier.md).
//
// Similarity is the cosine over the distinctive terms only: columns in more than maxDfShare of
// the training messages (single common characters, topic hits) are left out, since they
// would make every long message everyone's neighbour, and each training message keeps its
// termsPerMessage heaviest remaining terms, which keeps the index small. A query is compared
// by its queryTerms heaviest such terms: each of its terms costs a read of a posting list from
// main memory, and reading all of them (about 300) made a prediction a third slower, for no
// clear gain in cross-validation.

export interface NeighbourOptions {
  /** Neighbours that vote; 0 = none (the machines alone). */
  k: number;
  /** Weight of the neighbours' vote shares (0–1, summing to 1) added to the margins. */
  weight: number;
  /** Columns in more than this share of training messages do not count towards similarity. */
  maxDfShare: number;
  /** Terms kept per training message, the heaviest. */
  termsPerMessage: number;
  /** Terms of a query compared, the heaviest. */
  queryTerms: number;
}

/** Chosen by 5-fold cross-validation on the labelled messages (docs/text/classifier.md). */
export const DEFAULT_NEIGHBOURS: NeighbourOptions = { k: 20, weight: 0.75, maxDfShare: 0.05, termsPerMessage: 100, queryTerms: 40 };

/** The training messages' kept terms, as postings by column. */
export interface NeighbourIndex {
  k: number;
  weight: number;
  queryTerms: number;
  /** Class index of each training message. */
  labels: Int32Array;
  /** Postings of column c are pairs starts[c] … starts[c + 1] − 1 of `postings`. */
  starts: Int32Array;
  /**
   * Pairs (message, value): the message at 2p as an integer, the value at 2p + 1 as the bits
   * of a float (read through `values`, a view of the same memory), so that one read from
   * memory brings both.
   */
  postings: Int32Array;
  values: Float32Array;
  /** Bit c set when column c has postings: a 7 kB set answers for the query's other columns. */
  listed: Uint32Array;
  /** Each class's share of the training messages. */
  share: Float64Array;
}

/** The index from its stored parts (model-io.ts), with what is derived from them. */
export function neighbourIndex(
  settings: Pick<NeighbourOptions, 'k' | 'weight' | 'queryTerms'>,
  labels: Int32Array,
  starts: Int32Array,
  postings: Int32Array,
  classes: number,
): NeighbourIndex {
  const columns = starts.length - 1;
  const listed = new Uint32Array((columns + 31) >>> 5);
  for (let c = 0; c < columns; c++) if (starts[c + 1]! > starts[c]!) listed[c >>> 5]! |= 1 << (c & 31);
  const share = new Float64Array(classes);
  for (const label of labels) share[label]!++;
  for (let c = 0; c < classes; c++) share[c] = Math.max(share[c]!, 1) / Math.max(labels.length, 1);
  const values = new Float32Array(postings.buffer, postings.byteOffset, postings.length);
  const { k, weight, queryTerms } = settings;
  return { k, weight, queryTerms, labels, starts, postings, values, listed, share };
}

/** Builds the index of the training vectors xs (labels[i] is the class of xs[i]). */
export function buildNeighbourIndex(xs: readonly SparseVector[], labels: Int32Array, classes: number, dims: number, options: NeighbourOptions): NeighbourIndex {
  const df = new Int32Array(dims);
  for (const x of xs) for (const column of x.indices) df[column]!++;
  const maxDf = options.maxDfShare * xs.length;
  const kept = xs.map((x) => {
    const entries: number[] = [];
    for (let j = 0; j < x.indices.length; j++) if (df[x.indices[j]!]! <= maxDf) entries.push(j);
    entries.sort((a, b) => x.values[b]! - x.values[a]! || a - b);
    entries.length = Math.min(entries.length, options.termsPerMessage);
    let norm = 0;
    for (const j of entries) norm += x.values[j]! * x.values[j]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return { columns: entries.map((j) => x.indices[j]!), values: entries.map((j) => x.values[j]! * scale) };
  });
  const starts = new Int32Array(dims + 1);
  for (const doc of kept) for (const column of doc.columns) starts[column + 1]!++;
  for (let c = 0; c < dims; c++) starts[c + 1]! += starts[c]!;
  const fill = starts.slice(0, dims);
  const postings = new Int32Array(2 * starts[dims]!);
  const values = new Float32Array(postings.buffer);
  kept.forEach((doc, i) => {
    doc.columns.forEach((column, j) => {
      const at = 2 * fill[column]!++;
      postings[at] = i;
      values[at + 1] = doc.values[j]!;
    });
  });
  const settings = { k: Math.min(options.k, xs.length), weight: options.weight, queryTerms: options.queryTerms };
  return neighbourIndex(settings, Int32Array.from(labels), starts, postings, classes);
}

/**
 * Similarity accumulator, touched messages and the two short lists, reused across calls
 * (JavaScript runs one call at a time): allocating them per call cost more than the search.
 */
let similarity = new Float64Array(0);
let touched = new Int32Array(0);
let listKeys = new Float64Array(0);
let listIds = new Int32Array(0);

/**
 * Inserts (key, id) into the list of the `cap` largest keys so far, kept sorted by falling key
 * in keys/ids[0 … found − 1]; returns the new length. For short lists, where a sort would cost
 * more than it saves.
 */
function keepLargest(keys: Float64Array, ids: Int32Array, found: number, cap: number, key: number, id: number): number {
  if (found === cap && key <= keys[cap - 1]!) return found;
  let at = found < cap ? found++ : cap - 1;
  while (at > 0 && keys[at - 1]! < key) {
    keys[at] = keys[at - 1]!;
    ids[at] = ids[at - 1]!;
    at--;
  }
  keys[at] = key;
  ids[at] = id;
  return found;
}

/**
 * Adds to scores[class] weight × that class's share of the k nearest messages' similarity,
 * each class's similarity divided by its share of the training messages, so that a small
 * category is not outvoted merely for being small (as its machine's C is raised). A text
 * sharing no kept term with any training message adds nothing.
 */
export function addNeighbourVotes(index: NeighbourIndex, x: SparseVector, scores: Float64Array) {
  const { starts, postings, values, listed, labels, k, queryTerms } = index;
  if (k <= 0 || index.weight <= 0 || queryTerms <= 0) return;
  if (similarity.length < labels.length) {
    similarity = new Float64Array(labels.length);
    touched = new Int32Array(labels.length);
  }
  if (listKeys.length < queryTerms + k) {
    listKeys = new Float64Array(queryTerms + k);
    listIds = new Int32Array(queryTerms + k);
  }
  // The query's heaviest terms that have postings (the bit set is small and stays cached).
  const termValue = listKeys.subarray(0, queryTerms);
  const termColumn = listIds.subarray(0, queryTerms);
  let terms = 0;
  const columns = starts.length - 1;
  for (let j = 0; j < x.indices.length; j++) {
    const column = x.indices[j]!;
    if (column < columns && (listed[column >>> 5]! & (1 << (column & 31))) !== 0) {
      terms = keepLargest(termValue, termColumn, terms, queryTerms, x.values[j]!, column);
    }
  }
  let count = 0;
  for (let t = 0; t < terms; t++) {
    const column = termColumn[t]!;
    const v = termValue[t]!;
    for (let p = 2 * starts[column]!, end = 2 * starts[column + 1]!; p < end; p += 2) {
      const m = postings[p]!;
      if (similarity[m] === 0) touched[count++] = m;
      similarity[m]! += v * values[p + 1]!;
    }
  }
  // The k most similar messages; every touched entry is reset for the next call.
  const topSim = listKeys.subarray(queryTerms, queryTerms + k);
  const topMessage = listIds.subarray(queryTerms, queryTerms + k);
  let found = 0;
  for (let t = 0; t < count; t++) {
    const m = touched[t]!;
    found = keepLargest(topSim, topMessage, found, k, similarity[m]!, m);
    similarity[m] = 0;
  }
  if (found === 0) return;
  const classes = scores.length;
  const { share } = index;
  const votes = new Float64Array(classes);
  let total = 0;
  for (let t = 0; t < found; t++) {
    const label = labels[topMessage[t]!]!;
    const vote = topSim[t]! / share[label]!;
    votes[label]! += vote;
    total += vote;
  }
  for (let c = 0; c < classes; c++) scores[c]! += (index.weight * votes[c]!) / total;
}
