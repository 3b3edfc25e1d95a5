import { describe, expect, it } from 'vitest';
import { DUPLICATE_DEFAULTS, scoreDuplicates, type DuplicateOther } from './duplicates.js';
import { DUPLICATE_FIXTURE } from './duplicates-fixture.js';

// How well the duplicate score separates "same problem" from "another problem nearby", on the
// invented fixture: 24 problems × 3 reports, 3 problems per category. The geometry is the hard
// case: every problem lies within 250 m of the others and within the week, so the time and place
// limits let nearly every pair through and text and category must do the separating.

const LON = 106.9;
const LAT = 39.4;
const t0 = Date.parse('2026-03-09T02:00:00Z');
const M_PER_DEG_LAT = 111_195;

/** Deterministic pseudo-random numbers (mulberry32), so the figures never change between runs. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Report extends DuplicateOther {
  problem: string;
}

function reports(seed = 7): Report[] {
  const rnd = random(seed);
  const at = (north: number, east: number) => ({ lat: LAT + north / M_PER_DEG_LAT, lon: LON + east / (M_PER_DEG_LAT * Math.cos((LAT * Math.PI) / 180)) });
  const out: Report[] = [];
  for (const p of DUPLICATE_FIXTURE) {
    const r = 250 * Math.sqrt(rnd());
    const a = 2 * Math.PI * rnd();
    const centre = { n: r * Math.cos(a), e: r * Math.sin(a) };
    const start = t0 + rnd() * 5 * 86_400_000;
    p.reports.forEach((text, i) => {
      out.push({
        id: `${p.key}#${i}`,
        problem: p.key,
        text: text.replace('|', '\n'),
        categoryCode: p.categoryCode,
        state: 'pending_triage',
        ...at(centre.n + (rnd() - 0.5) * 60, centre.e + (rnd() - 0.5) * 60),
        areaCode: '150303001001001',
        createdAt: new Date(start + rnd() * 48 * 3_600_000),
      });
    });
  }
  return out;
}

/** Area under the ROC curve: the chance a random positive outscores a random negative. */
function auc(pos: number[], neg: number[]): number {
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

function evaluate(all: Report[], uncategorised: boolean) {
  const pos: { score: number; similarity: number }[] = [];
  const neg: { score: number; similarity: number }[] = [];
  let top1 = 0;
  let shownPos = 0;
  let shownNeg = 0;
  for (const q of all) {
    const query = uncategorised ? { ...q, categoryCode: null } : q;
    const scored = scoreDuplicates(query, all, { ...DUPLICATE_DEFAULTS, minScore: 0 });
    for (const s of scored) (s.matter.problem === q.problem ? pos : neg).push({ score: s.score, similarity: s.similarity });
    if (scored[0]?.matter.problem === q.problem) top1++;
    for (const s of scored.filter((x) => x.score >= DUPLICATE_DEFAULTS.minScore)) s.matter.problem === q.problem ? shownPos++ : shownNeg++;
  }
  const positives = all.length * 2;
  return {
    pairs: pos.length + neg.length,
    aucScore: auc(pos.map((p) => p.score), neg.map((n) => n.score)),
    aucText: auc(pos.map((p) => p.similarity), neg.map((n) => n.similarity)),
    top1: top1 / all.length,
    precision: shownPos / Math.max(1, shownPos + shownNeg),
    recall: shownPos / positives,
    meanPos: pos.reduce((s, p) => s + p.score, 0) / pos.length,
    meanNeg: neg.reduce((s, n) => s + n.score, 0) / neg.length,
  };
}

describe('duplicate score on a labelled set', () => {
  const all = reports();
  const fmt = (r: ReturnType<typeof evaluate>) =>
    `pairs ${r.pairs}, AUC score ${r.aucScore.toFixed(3)} (text alone ${r.aucText.toFixed(3)}), top-1 ${(r.top1 * 100).toFixed(0)} %, ` +
    `at ≥ ${DUPLICATE_DEFAULTS.minScore}: precision ${(r.precision * 100).toFixed(0)} %, recall ${(r.recall * 100).toFixed(0)} %, mean score same ${r.meanPos.toFixed(2)} / other ${r.meanNeg.toFixed(2)}`;

  it('separates the same problem from other problems nearby', () => {
    const r = evaluate(all, false);
    console.log(`[duplicates eval] categorised: ${fmt(r)}`);
    expect(r.pairs).toBeGreaterThan(600);
    expect(r.aucScore).toBeGreaterThan(0.95);
    expect(r.top1).toBeGreaterThan(0.9);
    expect(r.precision).toBeGreaterThan(0.85);
    expect(r.recall).toBeGreaterThan(0.9);
  });

  it('still finds them when the new report has no category yet', () => {
    const r = evaluate(all, true);
    console.log(`[duplicates eval] uncategorised query: ${fmt(r)}`);
    expect(r.aucScore).toBeGreaterThan(0.95);
    expect(r.top1).toBeGreaterThan(0.9);
    expect(r.precision).toBeGreaterThan(0.85);
    expect(r.recall).toBeGreaterThan(0.7);
  });

  it('ranks 200 candidates in a few milliseconds', () => {
    const pool: Report[] = [];
    for (let k = 0; pool.length < 200; k++) for (const r of all) if (pool.length < 200) pool.push({ ...r, id: `${r.id}/${k}` });
    const query = { ...all[0]!, id: 'query' };
    scoreDuplicates(query, pool); // warm the segmenter
    const runs = 20;
    const started = performance.now();
    for (let i = 0; i < runs; i++) scoreDuplicates(query, pool);
    const ms = (performance.now() - started) / runs;
    console.log(`[duplicates eval] 200 candidates ranked in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(100);
  });
});
