import { DEFAULT_FEATURES, vocabularyOf, type FeatureOptions } from './features.js';
import type { ClassifierModel } from './classifier.js';
import { neighbourIndex, type NeighbourIndex } from './neighbours.js';

// A trained model as JSON for storage: settings as plain fields, the numeric arrays as base64
// of their little-endian bytes (every platform Node runs on). About 5 MB for the seven-category
// model trained on 2,414 messages; loading checks that every array has the length it needs.
// Version 2 added the neighbour index; a version 1 model still loads and answers from its
// machines alone, as it did.

const FORMAT = 'fengqiao-text-classifier';
const VERSION = 2;

interface StoredNeighbours {
  k: number;
  weight: number;
  queryTerms: number;
  labels: string;
  starts: string;
  postings: string;
}

interface StoredModel {
  format: typeof FORMAT;
  version: number;
  labels: string[];
  labelCounts: number[];
  features: FeatureOptions;
  bias: number;
  temperature: number;
  lowConfidenceBelow: number;
  buckets: string;
  idf: string;
  weights: string;
  neighbours?: StoredNeighbours | null;
}

const base64 = (array: Int32Array | Float32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function fromBase64<T extends Int32Array | Float32Array>(text: unknown, make: (buffer: ArrayBuffer, length: number) => T, name: string): T {
  if (typeof text !== 'string') throw new Error(`stored model: ${name} is missing`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) throw new Error(`stored model: ${name} is not a whole number of 4-byte values`);
  // Copy into a fresh, aligned buffer: Buffer's pool may put the bytes at an odd offset.
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return make(buffer, bytes.length / 4);
}

export function serializeModel(model: ClassifierModel): string {
  const stored: StoredModel = {
    format: FORMAT,
    version: VERSION,
    labels: model.labels,
    labelCounts: model.labelCounts,
    features: model.features,
    bias: model.bias,
    temperature: model.temperature,
    lowConfidenceBelow: model.lowConfidenceBelow,
    buckets: base64(model.vocabulary.buckets),
    idf: base64(model.vocabulary.idf),
    weights: base64(model.weights),
    neighbours: model.neighbours && {
      k: model.neighbours.k,
      weight: model.neighbours.weight,
      queryTerms: model.neighbours.queryTerms,
      labels: base64(model.neighbours.labels),
      starts: base64(model.neighbours.starts),
      postings: base64(model.neighbours.postings),
    },
  };
  return JSON.stringify(stored);
}

/** The model back from serializeModel's JSON; throws a clear Error for anything else. */
export function deserializeModel(json: string): ClassifierModel {
  let stored: Partial<StoredModel>;
  try {
    stored = JSON.parse(json) as Partial<StoredModel>;
  } catch {
    throw new Error('stored model: not JSON');
  }
  if (stored?.format !== FORMAT) throw new Error('stored model: not a text classifier model');
  if (stored.version !== 1 && stored.version !== VERSION) throw new Error(`stored model: version ${stored.version}, this code reads versions 1 and ${VERSION}`);
  const labels = stored.labels;
  if (!Array.isArray(labels) || labels.length < 2 || !labels.every((l) => typeof l === 'string')) throw new Error('stored model: bad labels');
  const labelCounts = stored.labelCounts;
  if (!Array.isArray(labelCounts) || labelCounts.length !== labels.length) throw new Error('stored model: bad label counts');
  const buckets = fromBase64(stored.buckets, (b, n) => new Int32Array(b, 0, n), 'buckets');
  const idf = fromBase64(stored.idf, (b, n) => new Float32Array(b, 0, n), 'idf');
  const weights = fromBase64(stored.weights, (b, n) => new Float32Array(b, 0, n), 'weights');
  if (idf.length !== buckets.length || weights.length !== (buckets.length + 1) * labels.length) {
    throw new Error('stored model: array lengths do not match');
  }
  const numbers = [stored.bias, stored.temperature, stored.lowConfidenceBelow];
  if (!numbers.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new Error('stored model: bad settings');
  return {
    labels,
    labelCounts,
    features: { ...DEFAULT_FEATURES, ...stored.features },
    bias: stored.bias!,
    vocabulary: vocabularyOf(buckets, idf),
    weights,
    neighbours: stored.version === 1 ? null : readNeighbours(stored.neighbours, buckets.length, labels.length),
    temperature: stored.temperature!,
    lowConfidenceBelow: stored.lowConfidenceBelow!,
  };
}

const int32 = (b: ArrayBuffer, n: number) => new Int32Array(b, 0, n);

/** The neighbour index back, every posting checked to point at a real message and label. */
function readNeighbours(stored: StoredNeighbours | null | undefined, columns: number, classes: number): NeighbourIndex | null {
  if (stored === null) return null;
  const settingsOk = typeof stored === 'object' && Number.isInteger(stored.k) && Number.isInteger(stored.queryTerms) && Number.isFinite(stored.weight);
  if (!settingsOk) throw new Error('stored model: bad neighbours');
  const labels = fromBase64(stored.labels, int32, 'neighbour labels');
  const starts = fromBase64(stored.starts, int32, 'neighbour starts');
  const postings = fromBase64(stored.postings, int32, 'neighbour postings');
  const fits =
    starts.length === columns + 1 &&
    starts[0] === 0 &&
    2 * starts[columns]! === postings.length &&
    stored.k >= 0 &&
    stored.k <= labels.length &&
    stored.queryTerms >= 0 &&
    stored.queryTerms <= columns &&
    starts.every((s, c) => c === 0 || s >= starts[c - 1]!) &&
    postings.every((m, p) => p % 2 === 1 || (m >= 0 && m < labels.length)) &&
    labels.every((l) => l >= 0 && l < classes);
  if (!fits) throw new Error('stored model: neighbour arrays do not match');
  return neighbourIndex(stored, labels, starts, postings, classes);
}
