import { describe, expect, it } from 'vitest';
import type { SparseVector } from './features.js';
import { addNeighbourVotes, buildNeighbourIndex, DEFAULT_NEIGHBOURS } from './neighbours.js';

const vector = (entries: Record<number, number>): SparseVector => {
  const columns = Object.keys(entries).map(Number);
  const norm = Math.hypot(...columns.map((c) => entries[c]!));
  return { indices: Int32Array.from(columns), values: Float32Array.from(columns, (c) => entries[c]! / norm) };
};

// Columns 0–1 are in every message (too common to tell neighbours apart); 2–8 are distinctive.
const xs = [
  vector({ 0: 1, 1: 1, 2: 3, 3: 2 }),
  vector({ 0: 1, 1: 1, 2: 2, 3: 3 }),
  vector({ 0: 1, 1: 1, 4: 3, 5: 2 }),
  vector({ 0: 1, 1: 1, 4: 2, 5: 3, 6: 1 }),
  vector({ 0: 1, 1: 1, 7: 3, 8: 2 }),
];
const labels = Int32Array.from([0, 0, 1, 1, 2]);
const options = { ...DEFAULT_NEIGHBOURS, k: 2, weight: 1, maxDfShare: 0.5 };

describe('neighbour votes', () => {
  const index = buildNeighbourIndex(xs, labels, 3, 10, options);

  it('keeps only the distinctive columns', () => {
    expect(index.starts[2]! - index.starts[0]!).toBe(0);
    expect(index.starts[10]).toBe(11);
  });

  it('adds `weight` in all, most of it for the class of the nearest messages', () => {
    const scores = new Float64Array(3);
    addNeighbourVotes(index, vector({ 0: 1, 1: 1, 4: 3, 5: 3 }), scores);
    expect(scores[0]! + scores[1]! + scores[2]!).toBeCloseTo(1, 10);
    expect(scores[1]).toBeCloseTo(1, 10);
  });

  it('weighs each class by how rare it is, and adds nothing without a shared term', () => {
    // The two nearest, equally similar, are of class 0 (two messages) and class 2 (one): the
    // rarer class gets twice the vote.
    const scores = new Float64Array(3);
    addNeighbourVotes(index, vector({ 2: 3, 3: 2, 7: 3, 8: 2 }), scores);
    expect(scores[2]).toBeCloseTo(2 * scores[0]!, 6);
    expect(scores[1]).toBe(0);
    const none = new Float64Array(3);
    addNeighbourVotes(index, vector({ 0: 1, 1: 1 }), none);
    expect(Array.from(none)).toEqual([0, 0, 0]);
  });

  it('compares a query by its queryTerms heaviest terms only', () => {
    const narrow = buildNeighbourIndex(xs, labels, 3, 10, { ...options, queryTerms: 1 });
    const scores = new Float64Array(3);
    // Column 7 (class 2) outweighs columns 2 and 3 (class 0) one by one.
    addNeighbourVotes(narrow, vector({ 2: 2, 3: 2, 7: 3 }), scores);
    expect(scores[2]).toBeCloseTo(1, 10);
  });
});
