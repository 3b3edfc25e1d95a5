import type { AreaGeometry } from '@fengqiao/shared';

// Plain helpers over GeoJSON Polygon/MultiPolygon in lon/lat. Coordinates are treated as a flat
// plane: grids are a few hundred metres across, so projection error does not matter here.

export type Position = [number, number];
/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

export interface GeometryIssue {
  path: string;
  message: string;
}

/** Rings above this many vertices skip the O(n²) self-intersection check. */
export const MAX_INTERSECTION_CHECK_VERTICES = 4000;

/** Every polygon of a geometry as a list of rings (outer ring first), so callers need not branch on type. */
export function polygonsOf(g: AreaGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function bbox(g: AreaGeometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygonsOf(g)) {
    // Holes lie inside the outer ring, so the outer ring alone bounds the polygon.
    for (const [x, y] of polygon[0] ?? []) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

export function bboxCenter(b: BBox): Position {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

/**
 * Crossing test for one edge against a ray from (x, y) towards +lon.
 *
 * Half-open rule: the edge counts when y ∈ [lowY, highY) and the point lies strictly left of it.
 * The edge is always evaluated from its lower to its upper end, so two polygons that share an
 * edge (listed in opposite directions) get bit-identical arithmetic. Net effect: a point on a
 * shared boundary belongs to exactly one side, as if nudged infinitesimally towards +lon (and,
 * on horizontal edges, towards +lat). On an outer border the point is inside on the west/south
 * side and outside on the east/north side. GridIndex inlines the same arithmetic.
 */
export function crossesRay(ax: number, ay: number, bx: number, by: number, x: number, y: number): boolean {
  if (ay > y === by > y) return false;
  return ay < by ? (bx - ax) * (y - ay) > (x - ax) * (by - ay) : (ax - bx) * (y - by) > (x - bx) * (ay - by);
}

/** Even-odd point-in-polygon over all rings of all parts, so holes are respected. */
export function pointInGeometry(g: AreaGeometry, lon: number, lat: number): boolean {
  let inside = false;
  for (const polygon of polygonsOf(g)) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        if (crossesRay(a[0], a[1], b[0], b[1], lon, lat)) inside = !inside;
      }
    }
  }
  return inside;
}

/** Signed area (shoelace); positive for counter-clockwise rings, as RFC 7946 wants outer rings. */
export function ringArea(ring: readonly Position[]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    twice += a[0] * b[1] - b[0] * a[1];
  }
  return twice / 2;
}

/**
 * What zod cannot see: rings with fewer than 3 distinct points, zero-area (collinear) rings and
 * self-intersecting rings. Paths point at the offending ring (geometry.coordinates.0 for a
 * Polygon's outer ring, geometry.coordinates.2.0 for a MultiPolygon part). Rings are checked one
 * by one; overlaps between rings of the same geometry are not checked.
 */
export function validateGeometry(g: AreaGeometry): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const check = (ring: Position[], path: string) => {
    const message = ringProblem(ring);
    if (message) issues.push({ path, message });
  };
  if (g.type === 'Polygon') {
    g.coordinates.forEach((ring, r) => check(ring, `geometry.coordinates.${r}`));
  } else {
    g.coordinates.forEach((polygon, p) => polygon.forEach((ring, r) => check(ring, `geometry.coordinates.${p}.${r}`)));
  }
  return issues;
}

function ringProblem(closed: Position[]): string | null {
  // Consecutive duplicates are harmless on their own but would look like zero-length edges below.
  const pts: Position[] = [];
  for (const p of closed.slice(0, -1)) {
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  while (pts.length > 1 && samePoint(pts[0]!, pts[pts.length - 1]!)) pts.pop();
  const distinct = new Set(pts.map((p) => `${p[0]},${p[1]}`)).size;
  if (distinct < 3) return `a ring needs at least 3 distinct points (has ${distinct})`;
  if (collinear(pts)) return 'the ring has zero area (all points on one line)';
  if (pts.length <= MAX_INTERSECTION_CHECK_VERTICES && selfIntersects(pts)) return 'the ring intersects itself';
  return null;
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function orient(a: Position, b: Position, c: Position): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function collinear(pts: Position[]): boolean {
  const [minX, minY, maxX, maxY] = bbox({ type: 'Polygon', coordinates: [pts] });
  // Relative tolerance: float rounding makes "collinear" points slightly off the line.
  const eps = 1e-12 * (maxX - minX + (maxY - minY)) ** 2;
  const a = pts[0]!;
  const b = pts.find((p) => !samePoint(p, a))!;
  return pts.every((c) => Math.abs(orient(a, b, c)) <= eps);
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** Closed-segment intersection: touching counts, since a ring touching itself is not simple either. */
function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return (
    (o1 === 0 && onSegment(a, b, c)) ||
    (o2 === 0 && onSegment(a, b, d)) ||
    (o3 === 0 && onSegment(c, d, a)) ||
    (o4 === 0 && onSegment(c, d, b))
  );
}

function selfIntersects(pts: Position[]): boolean {
  const n = pts.length;
  for (let i = 0; i < n; i++) {
    const a = pts[i]!;
    const b = pts[(i + 1) % n]!;
    // Adjacent edges share a vertex by design; they only go wrong when one doubles back on the other (a spike).
    const c = pts[(i + 2) % n]!;
    if (n > 3 && orient(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) return true;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // first and last edge are adjacent through the closing vertex
      if (segmentsMeet(a, b, pts[j]!, pts[(j + 1) % n]!)) return true;
    }
  }
  return false;
}
