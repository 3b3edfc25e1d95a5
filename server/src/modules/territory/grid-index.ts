import type { AreaGeometry } from '@fengqiao/shared';
import { bbox, polygonsOf } from './geometry.js';

export interface GridEntry {
  code: string;
  geometry: AreaGeometry;
}

/** Bucket side as a fraction of the average grid bbox: smaller buckets mean fewer candidates per lookup but more memory. */
const BUCKET_FRACTION = 0.5;
const MAX_BUCKETS = 1 << 24;

/**
 * Point → grid lookup over every grid polygon, in memory.
 *
 * Layout: a uniform bucket hash over the total bbox; each bucket lists (CSR-style, in two
 * Int32Arrays) the grids whose bbox touches it. A lookup hashes the point to one bucket, rejects
 * candidates by bbox, and runs an even-odd crossing test over flat Float64Array vertices.
 *
 * Border rule (same as geometry.crossesRay): half-open crossings with each edge evaluated from its
 * lower to its upper end, so shared edges get identical arithmetic in both neighbours. A point
 * on an edge shared by two grids resolves to the grid on its east side (north side for an
 * east-west edge); a point on the outer border of the grid coverage is inside on west/south
 * borders and null on east/north borders. If grids overlap (bad data), the one listed first wins.
 *
 * The index is immutable: build a new one (build or withChanges) and swap the reference.
 */
export class GridIndex {
  private constructor(
    /** kept so withChanges can rebuild from the same inputs */
    private readonly entries: readonly GridEntry[],
    private readonly codes: readonly string[],
    /** minX, minY, maxX, maxY per grid */
    private readonly boxes: Float64Array,
    /** x, y pairs; every ring stored closed (first vertex repeated) so edges never wrap */
    private readonly coords: Float64Array,
    /** ring r spans coords[ringStart[r] .. ringStart[r + 1]) */
    private readonly ringStart: Int32Array,
    /** grid g owns rings gridRing[g] .. gridRing[g + 1] - 1 */
    private readonly gridRing: Int32Array,
    private readonly minX: number,
    private readonly minY: number,
    private readonly maxX: number,
    private readonly maxY: number,
    private readonly nx: number,
    private readonly ny: number,
    private readonly invW: number,
    private readonly invH: number,
    private readonly bucketStart: Int32Array,
    private readonly bucketItems: Int32Array,
  ) {}

  static build(list: readonly GridEntry[]): GridIndex {
    const n = list.length;
    const boxes = new Float64Array(n * 4);
    const gridRing = new Int32Array(n + 1);
    const ringLengths: number[] = [];
    let totalCoords = 0;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let sumW = 0;
    let sumH = 0;
    list.forEach((entry, g) => {
      const b = bbox(entry.geometry);
      boxes.set(b, g * 4);
      minX = Math.min(minX, b[0]);
      minY = Math.min(minY, b[1]);
      maxX = Math.max(maxX, b[2]);
      maxY = Math.max(maxY, b[3]);
      sumW += b[2] - b[0];
      sumH += b[3] - b[1];
      for (const polygon of polygonsOf(entry.geometry)) {
        for (const ring of polygon) {
          ringLengths.push(ring.length * 2);
          totalCoords += ring.length * 2;
        }
      }
      gridRing[g + 1] = ringLengths.length;
    });

    const coords = new Float64Array(totalCoords);
    const ringStart = new Int32Array(ringLengths.length + 1);
    let at = 0;
    let r = 0;
    for (const entry of list) {
      for (const polygon of polygonsOf(entry.geometry)) {
        for (const ring of polygon) {
          ringStart[r++] = at;
          for (const [x, y] of ring) {
            coords[at++] = x;
            coords[at++] = y;
          }
        }
      }
    }
    ringStart[r] = at;

    if (n === 0) {
      return new GridIndex([], [], boxes, coords, ringStart, gridRing, 0, 0, -1, -1, 1, 1, 1, 1, new Int32Array(2), new Int32Array(0));
    }

    // Bucket grid sized from the average grid bbox, capped so a stray huge polygon cannot explode memory.
    const spanX = maxX - minX || 1e-9;
    const spanY = maxY - minY || 1e-9;
    let nx = Math.max(1, Math.ceil(spanX / ((sumW / n) * BUCKET_FRACTION || spanX)));
    let ny = Math.max(1, Math.ceil(spanY / ((sumH / n) * BUCKET_FRACTION || spanY)));
    if (nx * ny > MAX_BUCKETS) {
      const shrink = Math.sqrt((nx * ny) / MAX_BUCKETS);
      nx = Math.max(1, Math.floor(nx / shrink));
      ny = Math.max(1, Math.floor(ny / shrink));
    }
    const invW = nx / spanX;
    const invH = ny / spanY;
    const col = (x: number) => Math.min(nx - 1, Math.floor((x - minX) * invW));
    const row = (y: number) => Math.min(ny - 1, Math.floor((y - minY) * invH));

    // Two passes (count, then fill) give the CSR arrays without per-bucket JS arrays.
    const bucketStart = new Int32Array(nx * ny + 1);
    const forEachBucket = (g: number, visit: (bucket: number) => void) => {
      const c0 = col(boxes[g * 4]!);
      const c1 = col(boxes[g * 4 + 2]!);
      const r0 = row(boxes[g * 4 + 1]!);
      const r1 = row(boxes[g * 4 + 3]!);
      for (let rr = r0; rr <= r1; rr++) for (let cc = c0; cc <= c1; cc++) visit(rr * nx + cc);
    };
    for (let g = 0; g < n; g++) forEachBucket(g, (b) => bucketStart[b + 1]!++);
    for (let b = 0; b < nx * ny; b++) bucketStart[b + 1]! += bucketStart[b]!;
    const fill = bucketStart.slice(0, nx * ny);
    const bucketItems = new Int32Array(bucketStart[nx * ny]!);
    // Grids are visited in input order, so each bucket lists candidates in input order (first listed wins on overlap).
    for (let g = 0; g < n; g++) forEachBucket(g, (b) => (bucketItems[fill[b]!++] = g));

    const codes = list.map((e) => e.code);
    return new GridIndex(list, codes, boxes, coords, ringStart, gridRing, minX, minY, maxX, maxY, nx, ny, invW, invH, bucketStart, bucketItems);
  }

  get size(): number {
    return this.codes.length;
  }

  /** A new index with grids added or replaced (by code) and others removed; this one stays valid. */
  withChanges(changes: { upsert?: readonly GridEntry[]; remove?: readonly string[] }): GridIndex {
    const replaced = new Map((changes.upsert ?? []).map((e) => [e.code, e]));
    const removed = new Set(changes.remove ?? []);
    const next: GridEntry[] = [];
    for (const e of this.entries) {
      if (removed.has(e.code)) continue;
      const update = replaced.get(e.code);
      next.push(update ?? e);
      replaced.delete(e.code);
    }
    next.push(...replaced.values());
    return GridIndex.build(next);
  }

  /** Grid code containing the point, or null when it lies outside every grid. */
  resolve(lon: number, lat: number): string | null {
    const g = this.resolveIndex(lon, lat);
    return g < 0 ? null : this.codes[g]!;
  }

  /** Position of the containing grid in build order, or -1. */
  resolveIndex(x: number, y: number): number {
    // Written so NaN fails every comparison and falls out here.
    if (!(x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY)) return -1;
    const cx = Math.min(this.nx - 1, Math.floor((x - this.minX) * this.invW));
    const cy = Math.min(this.ny - 1, Math.floor((y - this.minY) * this.invH));
    const bucket = cy * this.nx + cx;
    const items = this.bucketItems;
    const boxes = this.boxes;
    const end = this.bucketStart[bucket + 1]!;
    for (let k = this.bucketStart[bucket]!; k < end; k++) {
      const g = items[k]!;
      const b = g * 4;
      if (x < boxes[b]! || y < boxes[b + 1]! || x > boxes[b + 2]! || y > boxes[b + 3]!) continue;
      if (this.contains(g, x, y)) return g;
    }
    return -1;
  }

  /** Inlined copy of geometry.crossesRay over the flat arrays (the hot loop). */
  private contains(g: number, x: number, y: number): boolean {
    const c = this.coords;
    const rs = this.ringStart;
    let inside = false;
    for (let r = this.gridRing[g]!, rEnd = this.gridRing[g + 1]!; r < rEnd; r++) {
      const last = rs[r + 1]! - 2;
      for (let i = rs[r]!; i < last; i += 2) {
        const ay = c[i + 1]!;
        const by = c[i + 3]!;
        if (ay > y === by > y) continue;
        const ax = c[i]!;
        const bx = c[i + 2]!;
        const left = ay < by ? (bx - ax) * (y - ay) > (x - ax) * (by - ay) : (ax - bx) * (y - by) > (x - bx) * (ay - by);
        if (left) inside = !inside;
      }
    }
    return inside;
  }
}
