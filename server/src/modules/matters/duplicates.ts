import { OPEN_STATES, type MatterState } from '@fengqiao/shared';

// Duplicate suggestions for 并单: the same problem is often reported several times (a burst pipe,
// a night market's noise). The dispatcher sees open matters of the same category that are close in
// space and time to the one being triaged, nearest first, and decides whether to merge.

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const DAY_MS = 86_400_000;
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

export interface DuplicateCandidate {
  id?: string;
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
}
export const DUPLICATE_DEFAULTS: DuplicateOptions = { maxMeters: 300, maxDays: 7 };

export interface RankedDuplicate<T> {
  matter: T;
  /** Null when matched by same area code because a map point was missing. */
  distanceMeters: number | null;
  hoursApart: number;
}

/** Still open and able to take merged reports: not rated, voided, withdrawn or itself merged. */
const OPEN = new Set<MatterState>(OPEN_STATES);

/**
 * Others that look like the candidate: same category (an uncategorised matter matches nothing —
 * the dispatcher categorises first), open, within `maxDays` either way and within `maxMeters`.
 * When either side lacks a map point, the same area code (grid) counts as nearby with an unknown
 * distance. Sorted by distance (unknown last), then by closeness in time; the candidate itself is
 * left out.
 */
export function rankDuplicates<T extends DuplicateOther>(
  candidate: DuplicateCandidate,
  others: readonly T[],
  options: DuplicateOptions = DUPLICATE_DEFAULTS,
): RankedDuplicate<T>[] {
  if (candidate.categoryCode === null) return [];
  const found: RankedDuplicate<T>[] = [];
  for (const other of others) {
    if (other.id === candidate.id || other.categoryCode !== candidate.categoryCode || !OPEN.has(other.state)) continue;
    const apartMs = Math.abs(other.createdAt.getTime() - candidate.createdAt.getTime());
    if (apartMs > options.maxDays * DAY_MS) continue;
    let distance: number | null = null;
    if (candidate.lon != null && candidate.lat != null && other.lon != null && other.lat != null) {
      distance = distanceMeters(candidate.lon, candidate.lat, other.lon, other.lat);
      if (distance > options.maxMeters) continue;
    } else if (!candidate.areaCode || candidate.areaCode !== other.areaCode) {
      continue;
    }
    found.push({ matter: other, distanceMeters: distance, hoursApart: apartMs / 3_600_000 });
  }
  return found.sort(
    (a, b) => (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity) || a.hoursApart - b.hoursApart || (a.matter.id < b.matter.id ? -1 : 1),
  );
}
