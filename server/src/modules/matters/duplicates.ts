import { OPEN_STATES, type DuplicateReason, type MatterState } from '@fengqiao/shared';
import { cosine, Idf, termVector, textTerms, type TermVector } from '../text/similarity.js';

// Duplicate suggestions for 并单: the same problem is often reported several times (a burst pipe,
// a night market's noise), in other words each time. The dispatcher sees open matters close in
// space and time, of the same category family, scored by how alike their texts are too, and
// decides whether to merge. Every score comes with its reasons (同类, 相距 80 米, 3 小时前, 文本相似).

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const HOUR_MS = 3_600_000;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine): exact enough at city scale, where errors are centimetres. */
export function distanceMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A lon/lat box that contains every point within `meters` of a point, for an indexed SQL
 * prefilter (lon BETWEEN … AND lat BETWEEN …) before the exact distance here. Not for the poles.
 */
export function boundingBox(lon: number, lat: number, meters: number): { minLon: number; maxLon: number; minLat: number; maxLat: number } {
  const dLat = (meters / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos(rad(lat)), 1e-6);
  return { minLon: lon - dLon, maxLon: lon + dLon, minLat: lat - dLat, maxLat: lat + dLat };
}

/** The first level of a category code (public_facility.manhole → public_facility): its family. */
export const categoryFamily = (code: string) => code.split('.')[0]!;

export interface DuplicateCandidate {
  id?: string;
  /** Title and description: what the reporter wrote. */
  text: string;
  /** Null when not categorised yet: text and place still match. */
  categoryCode: string | null;
  lon: number | null;
  lat: number | null;
  /** The grid (or community) the matter lies in: the fallback when either side has no map point. */
  areaCode?: string | null;
  createdAt: Date;
}
export interface DuplicateOther extends DuplicateCandidate {
  id: string;
  state: MatterState;
}
export interface DuplicateOptions {
  maxMeters: number;
  maxDays: number;
  /** Below this score a candidate is not shown. */
  minScore: number;
}
export const DUPLICATE_DEFAULTS: DuplicateOptions = { maxMeters: 300, maxDays: 7, minScore: 0.5 };

/**
 * How the parts weigh in the score (they sum to 1). Text weighs most: two reports of one problem
 * share words; being near, recent and of one category makes it likely but does not prove it.
 */
export const SCORE_WEIGHTS = { text: 0.5, place: 0.2, time: 0.15, category: 0.15 } as const;
/** A cosine this high counts as fully alike: reworded reports of one problem seldom score more. */
const TEXT_SATURATION = 0.5;
/** Same grid without a map point: near, but how near is unknown. */
const UNKNOWN_PLACE = 0.4;
const CATEGORY_CREDIT = { same: 1, family: 0.6, unknown: 0.3 } as const;

export interface ScoredDuplicate<T> {
  matter: T;
  /** Null when matched by same area code because a map point was missing. */
  distanceMeters: number | null;
  /** Positive: the other was reported this many hours before the candidate; negative: after. */
  hoursBefore: number;
  /** Text cosine 0..1 over TF-IDF vectors. */
  similarity: number;
  score: number;
  reasons: DuplicateReason[];
}

/** Still open and able to take merged reports: not rated, voided, withdrawn or itself merged. */
const OPEN = new Set<MatterState>(OPEN_STATES);

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The words two vectors share, weightiest first (character pairs, single characters and bare numbers left out): why the texts match. */
function sharedTerms(a: TermVector, b: TermVector, n: number): string[] {
  return [...a]
    .filter(([t]) => !t.startsWith('~') && [...t].length >= 2 && !/^\d+$/.test(t) && b.has(t))
    .map(([t, w]) => [t, w * b.get(t)!] as const)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, n)
    .map(([t]) => t);
}

/**
 * Others that may be the same problem as the candidate, best first. Hard limits first: open,
 * within `maxDays` either way, within `maxMeters` (or the same area code when either side lacks
 * a map point), and of the same category family when both are categorised. Then a score 0..1:
 * text similarity (TF-IDF cosine, IDF from this pool of texts), closeness, recency and category
 * (same code > same family > uncategorised), weighted by SCORE_WEIGHTS; below `minScore` a
 * candidate is left out. The candidate itself is never listed.
 */
export function scoreDuplicates<T extends DuplicateOther>(
  candidate: DuplicateCandidate,
  others: readonly T[],
  options: DuplicateOptions = DUPLICATE_DEFAULTS,
): ScoredDuplicate<T>[] {
  const kept: { other: T; distance: number | null; hoursBefore: number; category: keyof typeof CATEGORY_CREDIT }[] = [];
  for (const other of others) {
    if (other.id === candidate.id || !OPEN.has(other.state)) continue;
    let category: keyof typeof CATEGORY_CREDIT = 'unknown';
    if (candidate.categoryCode && other.categoryCode) {
      if (candidate.categoryCode === other.categoryCode) category = 'same';
      else if (categoryFamily(candidate.categoryCode) === categoryFamily(other.categoryCode)) category = 'family';
      else continue;
    }
    const hoursBefore = (candidate.createdAt.getTime() - other.createdAt.getTime()) / HOUR_MS;
    if (Math.abs(hoursBefore) > options.maxDays * 24) continue;
    let distance: number | null = null;
    if (candidate.lon != null && candidate.lat != null && other.lon != null && other.lat != null) {
      distance = distanceMeters(candidate.lon, candidate.lat, other.lon, other.lat);
      if (distance > options.maxMeters) continue;
    } else if (!candidate.areaCode || candidate.areaCode !== other.areaCode) {
      continue;
    }
    kept.push({ other, distance, hoursBefore, category });
  }
  if (kept.length === 0) return [];

  // IDF from this pool: words every nearby report uses (the category's own words) weigh little,
  // what tells one report from the next (a building, a shop's name) weighs much.
  const idf = new Idf();
  const candidateTerms = textTerms(candidate.text);
  const otherTerms = kept.map((k) => textTerms(k.other.text));
  idf.add(candidateTerms);
  for (const t of otherTerms) idf.add(t);
  const mine = termVector(candidateTerms, idf);

  const found: ScoredDuplicate<T>[] = [];
  kept.forEach(({ other, distance, hoursBefore, category }, i) => {
    const theirs = termVector(otherTerms[i]!, idf);
    const similarity = cosine(mine, theirs);
    const place = distance === null ? UNKNOWN_PLACE : 1 - distance / options.maxMeters;
    const time = 1 - Math.abs(hoursBefore) / (options.maxDays * 24);
    const score =
      SCORE_WEIGHTS.text * Math.min(1, similarity / TEXT_SATURATION) +
      SCORE_WEIGHTS.place * place +
      SCORE_WEIGHTS.time * time +
      SCORE_WEIGHTS.category * CATEGORY_CREDIT[category];
    if (score < options.minScore) return;
    const reasons: DuplicateReason[] = [];
    if (category === 'same') reasons.push({ code: 'same_category' });
    if (category === 'family') reasons.push({ code: 'same_family' });
    reasons.push(distance === null ? { code: 'same_area' } : { code: 'distance', value: Math.round(distance) });
    reasons.push({ code: 'hours', value: round(hoursBefore, 1) });
    if (similarity > 0) reasons.push({ code: 'text', value: round(similarity, 2), terms: sharedTerms(mine, theirs, 3) });
    found.push({ matter: other, distanceMeters: distance, hoursBefore, similarity, score, reasons });
  });
  return found.sort((a, b) => b.score - a.score || (a.matter.id < b.matter.id ? -1 : 1));
}
