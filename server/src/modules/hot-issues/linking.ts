// Whether two messages can be about one place: the gate before their words are compared.

/** What linking needs to know of a message's place. */
export interface Placed {
  /** Anonymised or named district (A5区), from the text. */
  district: string | null;
  /** Keys of named estates, schools, organisations, villages mentioned anywhere. */
  strong: Set<string>;
  /** The same, from the title only when it names any (else from the text). */
  primary: Set<string>;
  roads: Set<string>;
  /** About unpaid wages, and the employer it names. */
  wage: boolean;
  employer: string | null;
  /** The area the system filed it under (codes joined by dots: city.district.street.community.grid). */
  areaPath: string | null;
  /** Its first four parts (city.district.street.community), when the area is that deep. */
  community: string | null;
  lon: number | null;
  lat: number | null;
}

/** same: one named place or point · near: one road or community · unknown: nothing says · conflict: different places. */
export type PlaceRelation = 'same' | 'near' | 'unknown' | 'conflict';

const SAME_METRES = 300;
const NEAR_METRES = 1_000;
/** Path segments down to the community (city.district.street.community). */
const COMMUNITY_DEPTH = 4;

/** Great-circle distance in metres, or null when either point is missing. */
export function metres(a: Pick<Placed, 'lon' | 'lat'>, b: Pick<Placed, 'lon' | 'lat'>): number | null {
  if (a.lon == null || a.lat == null || b.lon == null || b.lat == null) return null;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const intersects = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  for (const x of a) if (b.has(x)) return true;
  return false;
};

/**
 * Names of one place written longer or shorter: 观沙岭郝家坪小学 and 郝家坪小学 (one ends with the
 * other, of at least 3 characters), or two names that share most of their ending (a word of the
 * sentence stuck to the front of one). 长郡实验小学 and 师大实验小学 share too little.
 */
export function samePlaceName(x: string, y: string): boolean {
  if (x === y) return true;
  const shorter = Math.min(x.length, y.length);
  let common = 0;
  while (common < shorter && x[x.length - 1 - common] === y[y.length - 1 - common]) common++;
  return common === shorter ? common >= 3 : common >= 4 && common >= 0.75 * shorter;
}

const sharesPlace = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  if (intersects(a, b)) return true;
  for (const x of a) for (const y of b) if (samePlaceName(x, y)) return true;
  return false;
};

export function communityOf(path: string | null): string | null {
  const parts = path?.split('.') ?? [];
  return parts.length >= COMMUNITY_DEPTH ? parts.slice(0, COMMUNITY_DEPTH).join('.') : null;
}

export function relation(a: Placed, b: Placed): PlaceRelation {
  // Workers of one employer complain from its sites and its office alike: the employer is the place.
  if (a.wage && b.wage && a.employer && a.employer === b.employer) return 'same';
  if (a.district && b.district && a.district !== b.district) return 'conflict';
  const distance = metres(a, b);
  if (distance !== null && distance > NEAR_METRES) return 'conflict';
  const ca = a.community;
  const cb = b.community;
  if (ca && cb && ca !== cb) return 'conflict';
  if (sharesPlace(a.strong, b.strong)) return 'same';
  // Both say where they are, and it is not the same place.
  if (a.primary.size && b.primary.size) return 'conflict';
  if (distance !== null && distance <= SAME_METRES) return 'same';
  if (a.areaPath && a.areaPath === b.areaPath && a.areaPath.split('.').length > COMMUNITY_DEPTH) return 'same';
  if (sharesPlace(a.roads, b.roads) || (ca && ca === cb) || distance !== null) return 'near';
  return 'unknown';
}
