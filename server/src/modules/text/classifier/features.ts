import { normalizeText } from '../normalize.js';
import { contentWords } from '../segment.js';
import { hashRange } from './hash.js';
import { countTopics } from './topics.js';

// Text → sparse TF-IDF vector. Terms are segmented words, pairs of adjacent words, character
// n-grams, character n-grams of the title (a message's first line, or its first characters
// where subject and detail run together) and topic-word hits (topics.ts). Each term is hashed
// into 2^hashBits buckets: no vocabulary of strings to store or look up; at 2^22 collisions
// are rare enough not to cost accuracy (2^20 cost about 0.003 macro-F1 in cross-validation).
// Term frequencies are sublinear (1 + ln tf),
// weighted by IDF from the training documents; each block is scaled to unit length times its
// weight, and the whole vector to unit length.

export interface FeatureOptions {
  hashBits: number;
  /** Smallest and largest character n-gram length; [0, 0] turns them off. */
  charNgrams: [number, number];
  words: boolean;
  wordBigrams: boolean;
  /** Weight of the word block against the character block (weight 1). */
  wordWeight: number;
  /** Buckets seen in fewer training documents than this are dropped. */
  minDf: number;
  /** Weight of the title block; 0 = none. */
  titleWeight: number;
  /** Title length where no line break within 2 × titleChars marks where the subject ends. */
  titleChars: number;
  /** Weight of the topic block (dict/topic-terms.txt); 0 = none. */
  topicWeight: number;
}

/** Chosen by 5-fold cross-validation on the labelled messages (docs/text/classifier.md). */
export const DEFAULT_FEATURES: FeatureOptions = {
  hashBits: 22,
  charNgrams: [1, 3],
  words: true,
  wordBigrams: true,
  wordWeight: 0.5,
  minDf: 5,
  titleWeight: 0.5,
  titleChars: 20,
  topicWeight: 0.15,
};

/** A sparse vector: column indices (no repeats) and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Distinct buckets of one block of a text and how often each occurred. */
export interface Block {
  buckets: Int32Array;
  counts: Int32Array;
}

/** Raw term counts of one text, block by block. */
export interface TermCounts {
  words: Block;
  chars: Block;
  title: Block;
  topics: Block;
}

const SEED_WORD = 0x811c9dc5;
const SEED_BIGRAM = 0x01000193;
const SEED_CHAR = 0x9e3779b9;
const SEED_TITLE = 0x27d4eb2f;

/**
 * Counts buckets in a small open-addressing hash table that grows with the text: a message's
 * thousand-odd terms then stay in the processor's cache, where a flat table of 2^hashBits
 * counts would miss it on nearly every term. One per hash size, reused (JavaScript runs one
 * call at a time, and every block is drained before the next starts).
 */
class BucketCounter {
  private keys = new Int32Array(4096).fill(-1);
  private counts = new Int32Array(4096);
  private used: number[] = [];
  constructor(readonly mask: number) {}
  add(hash: number) {
    const bucket = hash & this.mask;
    if (this.used.length * 2 >= this.keys.length) this.grow();
    const slots = this.keys.length - 1;
    let slot = Math.imul(bucket, 0x9e3779b1) >>> 0 & slots;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === bucket) {
        this.counts[slot]!++;
        return;
      }
      if (key === -1) {
        this.keys[slot] = bucket;
        this.counts[slot] = 1;
        this.used.push(slot);
        return;
      }
      slot = (slot + 1) & slots;
    }
  }
  private grow() {
    const { keys, counts, used } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.counts = new Int32Array(this.keys.length);
    this.used = [];
    const slots = this.keys.length - 1;
    for (const old of used) {
      let slot = Math.imul(keys[old]!, 0x9e3779b1) >>> 0 & slots;
      while (this.keys[slot] !== -1) slot = (slot + 1) & slots;
      this.keys[slot] = keys[old]!;
      this.counts[slot] = counts[old]!;
      this.used.push(slot);
    }
  }
  drain(): Block {
    const n = this.used.length;
    const buckets = new Int32Array(n);
    const counts = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const slot = this.used[k]!;
      buckets[k] = this.keys[slot]!;
      counts[k] = this.counts[slot]!;
      this.keys[slot] = -1;
    }
    this.used.length = 0;
    return { buckets, counts };
  }
}

const counters = new Map<number, BucketCounter>();
function counter(hashBits: number): BucketCounter {
  let c = counters.get(hashBits);
  if (!c) counters.set(hashBits, (c = new BucketCounter((1 << hashBits) - 1)));
  return c;
}

/** Letters and digits outside ASCII and the main Han block, checked the slow way. */
const OTHER_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the code point at `at` can be part of a character n-gram: letters, digits, Han. */
function isWordChar(code: number, text: string, at: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  return OTHER_LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at)!));
}

/**
 * Character n-grams (by code point) within runs of letters, digits and Han characters, hashed
 * straight from the string: starts[] rings the offsets of the run's last maxN code points.
 */
function addCharNgrams(text: string, [minN, maxN]: [number, number], seed: number, out: BucketCounter) {
  if (maxN <= 0) return;
  const ring = maxN + 1;
  const starts = new Int32Array(ring);
  let run = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    if (!isWordChar(code, text, i)) {
      run = 0;
      i += width;
      continue;
    }
    starts[run % ring] = i;
    run++;
    const end = i + width;
    for (let n = minN; n <= maxN && n <= run; n++) out.add(hashRange(text, starts[(run - n) % ring]!, end, seed + n));
    i = end;
  }
}

/** A message's subject comes first: on a line of its own, or run together with the detail. */
function titleOf(normal: string, titleChars: number): string {
  const newline = normal.indexOf('\n');
  return newline > 0 && newline <= 2 * titleChars ? normal.slice(0, newline) : normal.slice(0, titleChars);
}

export function countTerms(text: string, options: FeatureOptions): TermCounts {
  const normal = normalizeText(text ?? '');
  const c = counter(options.hashBits);
  if (options.words || options.wordBigrams) {
    const tokens = contentWords(normal);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (options.words) c.add(hashRange(token, 0, token.length, SEED_WORD));
      if (options.wordBigrams && i > 0) {
        // The pair's hash chains the second word onto the first's: no string to build.
        const first = tokens[i - 1]!;
        c.add(hashRange(token, 0, token.length, hashRange(first, 0, first.length, SEED_BIGRAM)));
      }
    }
  }
  const words = c.drain();
  addCharNgrams(normal, options.charNgrams, SEED_CHAR, c);
  const chars = c.drain();
  if (options.titleWeight > 0) addCharNgrams(titleOf(normal, options.titleChars), options.charNgrams, SEED_TITLE, c);
  const title = c.drain();
  if (options.topicWeight > 0) countTopics(normal, (hash) => c.add(hash));
  const topics = c.drain();
  return { words, chars, title, topics };
}

/** Training buckets that made the cut, as dense columns, with their IDF. */
export interface Vocabulary {
  /**
   * Bucket of each column, the most common terms first: every message has those, and numbering
   * them together packs their IDF and weights into a few cache lines that stay cached from one
   * message to the next (ordered by bucket, each sat on a line of its own among rare terms, and
   * those memory reads were the largest cost of a prediction after segmentation).
   */
  buckets: Int32Array;
  idf: Float32Array;
  /**
   * Open-addressing table of (bucket, column) pairs side by side, at most half full: one
   * cache line answers a lookup, and the table grows with the vocabulary, not with 2^hashBits.
   */
  table: Int32Array;
}

const slotOf = (bucket: number, slots: number) => (Math.imul(bucket, 0x9e3779b1) >>> 0) & slots;

export function vocabularyOf(buckets: Int32Array, idf: Float32Array): Vocabulary {
  let size = 1024;
  while (size < buckets.length * 2) size *= 2;
  const table = new Int32Array(size * 2).fill(-1);
  const slots = size - 1;
  buckets.forEach((bucket, column) => {
    let slot = slotOf(bucket, slots);
    while (table[slot * 2] !== -1) slot = (slot + 1) & slots;
    table[slot * 2] = bucket;
    table[slot * 2 + 1] = column;
  });
  return { buckets, idf, table };
}

/** Column of a bucket, -1 when the bucket is not in the vocabulary. */
function columnOf(table: Int32Array, bucket: number): number {
  const slots = (table.length >> 1) - 1;
  for (let slot = slotOf(bucket, slots); ; slot = (slot + 1) & slots) {
    const key = table[slot * 2]!;
    if (key === bucket) return table[slot * 2 + 1]!;
    if (key === -1) return -1;
  }
}

/** Buckets in at least minDf documents, with smoothed IDF ln((1 + N) / (1 + df)) + 1. */
export function fitVocabulary(documents: readonly TermCounts[], minDf: number, hashBits: number): Vocabulary {
  const df = new Int32Array(1 << hashBits);
  const lastDoc = new Int32Array(1 << hashBits).fill(-1);
  documents.forEach((doc, d) => {
    for (const block of [doc.words, doc.chars, doc.title, doc.topics]) {
      for (const bucket of block.buckets) {
        // A bucket in two blocks of one document (a hash collision) counts once.
        if (lastDoc[bucket] === d) continue;
        lastDoc[bucket] = d;
        df[bucket]!++;
      }
    }
  });
  const kept: number[] = [];
  for (let bucket = 0; bucket < df.length; bucket++) if (df[bucket]! >= minDf) kept.push(bucket);
  kept.sort((a, b) => df[b]! - df[a]! || a - b);
  const n = documents.length;
  const buckets = Int32Array.from(kept);
  const idf = Float32Array.from(buckets, (bucket) => Math.log((1 + n) / (1 + df[bucket]!)) + 1);
  return vocabularyOf(buckets, idf);
}

/** Dense accumulator and column list for vectorize, reused across calls like BucketCounter. */
let scratch = new Float64Array(0);
let touched = new Int32Array(1024);
let blockValues = new Float64Array(1024);
let blockColumns = new Int32Array(1024);

/**
 * Each block (words, characters, title, topics) is scaled to unit length times its weight,
 * summed, then the whole vector scaled to unit length, so long messages and short ones weigh
 * alike. Indices are vocabulary columns; buckets outside the vocabulary are ignored.
 */
export function vectorize(counts: TermCounts, vocabulary: Vocabulary, options: FeatureOptions): SparseVector {
  const { table, idf } = vocabulary;
  if (scratch.length < idf.length) scratch = new Float64Array(idf.length);
  const total = counts.words.buckets.length + counts.chars.buckets.length + counts.title.buckets.length + counts.topics.buckets.length;
  if (touched.length < total) {
    touched = new Int32Array(total);
    blockValues = new Float64Array(total);
    blockColumns = new Int32Array(total);
  }
  let size = 0;
  const addBlock = (block: Block, weight: number) => {
    if (weight <= 0) return;
    let n = 0;
    let norm = 0;
    for (let k = 0; k < block.buckets.length; k++) {
      const column = columnOf(table, block.buckets[k]!);
      if (column < 0) continue;
      const count = block.counts[k]!;
      const value = (count === 1 ? 1 : 1 + Math.log(count)) * idf[column]!;
      blockColumns[n] = column;
      blockValues[n++] = value;
      norm += value * value;
    }
    if (norm === 0) return;
    const scale = weight / Math.sqrt(norm);
    for (let k = 0; k < n; k++) {
      const column = blockColumns[k]!;
      if (scratch[column] === 0) touched[size++] = column;
      scratch[column]! += blockValues[k]! * scale;
    }
  };
  addBlock(counts.words, options.wordWeight);
  addBlock(counts.chars, 1);
  addBlock(counts.title, options.titleWeight);
  addBlock(counts.topics, options.topicWeight);
  const indices = touched.slice(0, size);
  const values = new Float32Array(size);
  let norm = 0;
  for (let k = 0; k < size; k++) {
    const v = scratch[indices[k]!]!;
    scratch[indices[k]!] = 0;
    values[k] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let k = 0; k < size; k++) values[k]! *= scale;
  }
  return { indices, values };
}
