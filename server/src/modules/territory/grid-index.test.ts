import { describe, it, expect } from 'vitest';
import type { AreaGeometry } from '@fengqiao/shared';
import { generateDemoCity } from '../../seed/demo-city.js';
import { mulberry32 } from '../../seed/random.js';
import { bbox, bboxCenter, pointInGeometry, validateGeometry, type Position } from './geometry.js';
import { GridIndex, type GridEntry } from './grid-index.js';

const squareRing = (x: number, y: number, size = 1): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const square = (x: number, y: number, size = 1): AreaGeometry => ({ type: 'Polygon', coordinates: [squareRing(x, y, size)] });

const grids: GridEntry[] = generateDemoCity({ seed: 7, scale: 4 })
  .areas.filter((a) => a.level === 'grid')
  .map((a) => ({ code: a.code, geometry: a.geometry! }));
const index = GridIndex.build(grids);

/** Every grid containing the point, by brute force over all grids. */
const bruteForce = (x: number, y: number) => grids.filter((g) => pointInGeometry(g.geometry, x, y)).map((g) => g.code);

describe('GridIndex over the demo city', () => {
  it('indexes every grid', () => {
    expect(index.size).toBe(grids.length);
    expect(grids.length).toBeGreaterThan(1700);
  });

  it('resolves every grid bbox centre to that grid', () => {
    for (const g of grids) {
      const [x, y] = bboxCenter(bbox(g.geometry));
      expect(index.resolve(x, y)).toBe(g.code);
    }
  });

  it('agrees with brute force on random points, which never fall in two grids', () => {
    const [x0, y0, x1, y1] = bbox({ type: 'MultiPolygon', coordinates: grids.map((g) => (g.geometry as { coordinates: Position[][] }).coordinates) });
    const random = mulberry32(1);
    let hits = 0;
    for (let i = 0; i < 20000; i++) {
      const x = x0 - 0.01 + random() * (x1 - x0 + 0.02);
      const y = y0 - 0.01 + random() * (y1 - y0 + 0.02);
      const all = bruteForce(x, y);
      expect(all.length).toBeLessThanOrEqual(1);
      expect(index.resolve(x, y)).toBe(all[0] ?? null);
      if (all.length) hits++;
    }
    expect(hits).toBeGreaterThan(1000);
  });

  it('resolves points on shared edges and shared vertices to exactly one grid', () => {
    // An edge listed by two grids is shared; check its midpoint and both ends.
    const owners = new Map<string, number>();
    const key = (a: Position, b: Position) => [a, b].map((p) => p.join(',')).sort().join(';');
    const edges: [Position, Position][] = [];
    for (const g of grids) {
      const ring = (g.geometry as { coordinates: Position[][] }).coordinates[0]!;
      for (let i = 0; i + 1 < ring.length; i++) {
        const k = key(ring[i]!, ring[i + 1]!);
        owners.set(k, (owners.get(k) ?? 0) + 1);
        if (owners.get(k) === 2) edges.push([ring[i]!, ring[i + 1]!]);
      }
    }
    expect(edges.length).toBeGreaterThan(grids.length);
    let vertexHits = 0;
    for (const [a, b] of edges) {
      const mid: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      expect(bruteForce(...mid)).toHaveLength(1);
      expect(index.resolve(...mid)).toBe(bruteForce(...mid)[0]);
      for (const end of [a, b]) {
        // An end may sit on the outer border (east/north side: outside), so at most one here.
        const all = bruteForce(...end);
        expect(all.length).toBeLessThanOrEqual(1);
        expect(index.resolve(...end)).toBe(all[0] ?? null);
        vertexHits += all.length;
      }
    }
    expect(vertexHits).toBeGreaterThan(edges.length);
  });

  it('returns null far outside and for non-numbers', () => {
    expect(index.resolve(0, 0)).toBeNull();
    expect(index.resolve(180, 90)).toBeNull();
    expect(index.resolve(-180, -90)).toBeNull();
    expect(index.resolve(106.8, 45)).toBeNull();
    expect(index.resolve(Number.NaN, 39.5)).toBeNull();
  });
});

describe('GridIndex border rule on hand-made grids', () => {
  // c d
  // a b   (unit squares)
  const small = GridIndex.build([
    { code: 'a', geometry: square(0, 0) },
    { code: 'b', geometry: square(1, 0) },
    { code: 'c', geometry: square(0, 1) },
    { code: 'd', geometry: square(1, 1) },
  ]);

  it('a point on a shared edge goes to the east or north neighbour, a shared vertex to the north-east', () => {
    expect(small.resolve(1, 0.5)).toBe('b');
    expect(small.resolve(0.5, 1)).toBe('c');
    expect(small.resolve(1, 1)).toBe('d');
  });

  it('outer borders: inside on the west/south side, outside on the east/north side', () => {
    expect(small.resolve(0, 0.5)).toBe('a');
    expect(small.resolve(0.5, 0)).toBe('a');
    expect(small.resolve(0, 0)).toBe('a');
    expect(small.resolve(2, 0.5)).toBeNull();
    expect(small.resolve(0.5, 2)).toBeNull();
    expect(small.resolve(2, 1)).toBeNull();
    expect(small.resolve(1, 2)).toBeNull();
    expect(small.resolve(2, 0)).toBeNull();
  });

  it('respects holes and MultiPolygon parts', () => {
    const holed: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [squareRing(0, 0, 4), squareRing(1, 1, 2).reverse()],
        [squareRing(10, 10)],
      ],
    };
    const idx = GridIndex.build([{ code: 'h', geometry: holed }]);
    expect(idx.resolve(0.5, 0.5)).toBe('h');
    expect(idx.resolve(2, 2)).toBeNull();
    expect(idx.resolve(10.5, 10.5)).toBe('h');
    expect(idx.resolve(7, 7)).toBeNull();
  });

  it('an empty index resolves nothing', () => {
    const empty = GridIndex.build([]);
    expect(empty.size).toBe(0);
    expect(empty.resolve(0, 0)).toBeNull();
  });

  it('withChanges adds, replaces and removes grids without touching the old index', () => {
    const next = small.withChanges({ upsert: [{ code: 'b', geometry: square(5, 5) }, { code: 'e', geometry: square(2, 0) }], remove: ['c'] });
    expect(next.size).toBe(4);
    expect(next.resolve(1.5, 0.5)).toBeNull();
    expect(next.resolve(5.5, 5.5)).toBe('b');
    expect(next.resolve(2.5, 0.5)).toBe('e');
    expect(next.resolve(0.5, 1.5)).toBeNull();
    expect(small.resolve(1.5, 0.5)).toBe('b');
  });
});

describe('validateGeometry', () => {
  const ring = (...pts: Position[]): AreaGeometry => ({ type: 'Polygon', coordinates: [[...pts, pts[0]!]] });

  it('accepts a simple polygon', () => {
    expect(validateGeometry(square(0, 0))).toEqual([]);
  });

  it('catches a bowtie', () => {
    expect(validateGeometry(ring([0, 0], [1, 1], [1, 0], [0, 1]))).toEqual([{ path: 'geometry.coordinates.0', message: 'the ring intersects itself' }]);
  });

  it('catches a ring that touches itself and a spike', () => {
    expect(validateGeometry(ring([0, 0], [2, 0], [2, 2], [1, 0], [0, 2]))).toHaveLength(1);
    expect(validateGeometry(ring([0, 0], [2, 0], [3, 0], [2, 0], [2, 2]))).toHaveLength(1);
  });

  it('catches zero-area and too-few-point rings, with paths into MultiPolygons', () => {
    expect(validateGeometry(ring([0, 0], [1, 1], [2, 2]))[0]!.message).toMatch(/zero area/);
    expect(validateGeometry(ring([0, 0], [1, 1], [0, 0]))[0]!.message).toMatch(/3 distinct/);
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [squareRing(0, 0)],
        [
          squareRing(10, 10, 4),
          [
            [11, 11],
            [12, 12],
            [13, 13],
            [11, 11],
          ],
        ],
      ],
    };
    expect(validateGeometry(multi).map((i) => i.path)).toEqual(['geometry.coordinates.1.1']);
  });
});
