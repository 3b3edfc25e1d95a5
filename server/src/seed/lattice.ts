import type { AreaGeometry } from '@fengqiao/shared';
import { pointInGeometry, ringArea, type Position } from '../modules/territory/geometry.js';

// A jittered lattice of quadrilateral cells. Neighbouring cells share vertices by index, so
// shared edges are bit-identical, and the union of any cell set is computed exactly by edge
// cancellation instead of general polygon clipping.

export interface Lattice {
  rows: number;
  cols: number;
  /** vertex (row, col) at index row * (cols + 1) + col; row grows northwards */
  xs: Float64Array;
  ys: Float64Array;
}

export interface LatticeOptions {
  rows: number;
  cols: number;
  /** south-west corner */
  x0: number;
  y0: number;
  cellW: number;
  cellH: number;
  random: () => number;
}

/**
 * Each vertex moves by up to JITTER of a cell per axis. Below 0.5 a cell cannot fold into a bowtie
 * (opposite edges live in disjoint strips); at 0.2 the central 60% square of every cell stays
 * inside it, so a grid's bbox centre is always inside the grid.
 */
const JITTER = 0.2;
/** ~0.1 m: realistic GeoJSON precision, and rounding once per vertex keeps shared vertices identical. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export function makeLattice(o: LatticeOptions): Lattice {
  const stride = o.cols + 1;
  const xs = new Float64Array((o.rows + 1) * stride);
  const ys = new Float64Array((o.rows + 1) * stride);
  for (let r = 0; r <= o.rows; r++) {
    for (let c = 0; c <= o.cols; c++) {
      xs[r * stride + c] = round6(o.x0 + (c + (o.random() * 2 - 1) * JITTER) * o.cellW);
      ys[r * stride + c] = round6(o.y0 + (r + (o.random() * 2 - 1) * JITTER) * o.cellH);
    }
  }
  return { rows: o.rows, cols: o.cols, xs, ys };
}

/**
 * Cells in path order, so that any run of consecutive cells is edge-connected and has no
 * corner-only contacts: that is what makes streets and communities contiguous chunks.
 * The lattice is cut into horizontal bands of `bandRows` rows; each band is swept column by
 * column (alternately up and down), bands alternately west→east and east→west. With an odd
 * column count the sweep leaves each band at its top row right below where the next band starts.
 */
export function snakeOrder(rows: number, cols: number, bandRows: number): number[] {
  if (cols % 2 === 0 || rows % bandRows !== 0) throw new Error('snakeOrder needs odd cols and whole bands');
  const order: number[] = [];
  for (let band = 0; band * bandRows < rows; band++) {
    for (let k = 0; k < cols; k++) {
      const c = band % 2 === 0 ? k : cols - 1 - k;
      for (let i = 0; i < bandRows; i++) {
        const r = band * bandRows + (k % 2 === 0 ? i : bandRows - 1 - i);
        order.push(r * cols + c);
      }
    }
  }
  return order;
}

/** Corner vertex ids of a cell, counter-clockwise from the south-west corner. */
function corners(l: Lattice, cell: number): [number, number, number, number] {
  const stride = l.cols + 1;
  const r = Math.floor(cell / l.cols);
  const c = cell % l.cols;
  const sw = r * stride + c;
  return [sw, sw + 1, sw + stride + 1, sw + stride];
}

function position(l: Lattice, v: number): Position {
  return [l.xs[v]!, l.ys[v]!];
}

export function cellPolygon(l: Lattice, cell: number): AreaGeometry {
  const [a, b, c, d] = corners(l, cell);
  return { type: 'Polygon', coordinates: [[a, b, c, d, a].map((v) => position(l, v))] };
}

/** Lattice direction of the edge u → v: 0 east, 1 north, 2 west, 3 south. */
function direction(l: Lattice, u: number, v: number): number {
  const d = v - u;
  return d === 1 ? 0 : d === l.cols + 1 ? 1 : d === -1 ? 2 : 3;
}

/**
 * Union of cells: every cell contributes its four counter-clockwise edges; an edge seen in both
 * directions is interior and cancels. What remains is chained into rings: outer rings come out
 * counter-clockwise and holes clockwise, as RFC 7946 wants. Where two parts touch only at a
 * corner, the chain turns left first, which splits them into separate rings.
 */
export function unionCells(l: Lattice, cells: Iterable<number>): AreaGeometry {
  const vertexCount = (l.rows + 1) * (l.cols + 1);
  const edges = new Set<number>();
  for (const cell of cells) {
    const k = corners(l, cell);
    for (let i = 0; i < 4; i++) {
      const u = k[i]!;
      const v = k[(i + 1) % 4]!;
      if (!edges.delete(v * vertexCount + u)) edges.add(u * vertexCount + v);
    }
  }
  const outgoing = new Map<number, number[]>();
  for (const e of edges) {
    const u = Math.floor(e / vertexCount);
    const list = outgoing.get(u);
    if (list) list.push(e % vertexCount);
    else outgoing.set(u, [e % vertexCount]);
  }

  const rings: number[][] = [];
  for (const [start, list] of outgoing) {
    while (list.length > 0) {
      const ring = [start];
      let prev = start;
      let at = list.pop()!;
      while (at !== start) {
        ring.push(at);
        const options = outgoing.get(at)!;
        const inDir = direction(l, prev, at);
        // Prefer left, then straight, then right.
        const turn = (v: number) => (direction(l, at, v) - inDir + 4) % 4;
        const rank = (v: number) => (turn(v) === 1 ? 0 : turn(v) === 0 ? 1 : 2);
        options.sort((p, q) => rank(p) - rank(q));
        prev = at;
        at = options.shift()!;
      }
      ring.push(start);
      rings.push(ring);
    }
  }

  const asPositions = rings.map((ring) => ring.map((v) => position(l, v)));
  const outers = asPositions.filter((r) => ringArea(r) > 0);
  const holes = asPositions.filter((r) => ringArea(r) < 0);
  const polygons: Position[][][] = outers.map((o) => [o]);
  for (const hole of holes) {
    // The midpoint of a hole edge is strictly inside its outer ring (hole edges are never outer edges).
    const a = hole[0]!;
    const b = hole[1]!;
    const probe: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const owner = polygons.find((p) => pointInGeometry({ type: 'Polygon', coordinates: [p[0]!] }, probe[0], probe[1]));
    if (!owner) throw new Error('unionCells: hole without an outer ring');
    owner.push(hole);
  }
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! };
  return { type: 'MultiPolygon', coordinates: polygons };
}
