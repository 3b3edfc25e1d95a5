// Point → grid lookup throughput over a province-sized territory (~25,000 grids).
// Run: node --import tsx bench/grid-lookup.ts
import { generateDemoCity } from '../server/src/seed/demo-city.js';
import { bbox } from '../server/src/modules/territory/geometry.js';
import { GridIndex, type GridEntry } from '../server/src/modules/territory/grid-index.js';
import { mulberry32 } from '../server/src/seed/random.js';

const TARGET_PER_SECOND = 500_000;
const LOOKUPS = 2_000_000;
/** Single lookups are below timer resolution, so latency is timed per batch and divided. */
const BATCH = 1_000;
/** 450 grids at scale 1 → ~25,000 grids. */
const SCALE = 55.56;

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

let t = process.hrtime.bigint();
const grids: GridEntry[] = generateDemoCity({ scale: SCALE })
  .areas.filter((a) => a.level === 'grid')
  .map((a) => ({ code: a.code, geometry: a.geometry! }));
const generateMs = ms(t);

t = process.hrtime.bigint();
const index = GridIndex.build(grids);
const buildMs = ms(t);

// Scenario 1: uniform over the total bbox (the gaps between districts give cheap misses).
// Scenario 2: uniform inside random grids' bboxes, so nearly every lookup runs the polygon test.
const boxes = grids.map((g) => bbox(g.geometry));
let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
for (const b of boxes) {
  x0 = Math.min(x0, b[0]);
  y0 = Math.min(y0, b[1]);
  x1 = Math.max(x1, b[2]);
  y1 = Math.max(y1, b[3]);
}
const random = mulberry32(2026);
const uniform = new Float64Array(LOOKUPS * 2);
const inGrids = new Float64Array(LOOKUPS * 2);
for (let i = 0; i < LOOKUPS; i++) {
  uniform[2 * i] = x0 + random() * (x1 - x0);
  uniform[2 * i + 1] = y0 + random() * (y1 - y0);
  const b = boxes[Math.floor(random() * boxes.length)]!;
  inGrids[2 * i] = b[0] + random() * (b[2] - b[0]);
  inGrids[2 * i + 1] = b[1] + random() * (b[3] - b[1]);
}

interface Result {
  perSecond: number;
  hitRate: number;
  p50: number;
  p99: number;
}

function run(points: Float64Array): Result {
  // Warm-up so the JIT has optimised resolveIndex before timing.
  for (let i = 0; i < 200_000; i++) index.resolveIndex(points[2 * i]!, points[2 * i + 1]!);
  const batchNs: number[] = [];
  let hits = 0;
  const start = process.hrtime.bigint();
  for (let b = 0; b < LOOKUPS; b += BATCH) {
    const bt = process.hrtime.bigint();
    for (let i = b; i < b + BATCH; i++) if (index.resolveIndex(points[2 * i]!, points[2 * i + 1]!) >= 0) hits++;
    batchNs.push(Number(process.hrtime.bigint() - bt) / BATCH);
  }
  const totalMs = ms(start);
  batchNs.sort((a, b) => a - b);
  const pct = (p: number) => batchNs[Math.min(batchNs.length - 1, Math.floor(p * batchNs.length))]! / 1000;
  return { perSecond: LOOKUPS / (totalMs / 1000), hitRate: hits / LOOKUPS, p50: pct(0.5), p99: pct(0.99) };
}

const scenarios: [string, Result][] = [
  ['total bbox', run(uniform)],
  ['inside grids', run(inGrids)],
];

console.log(`grid lookup bench: ${index.size.toLocaleString('en')} grids, generated in ${generateMs.toFixed(0)} ms, index built in ${buildMs.toFixed(1)} ms`);
console.log(`latency = per-lookup average within batches of ${BATCH} (single lookups are below timer resolution)`);
console.log(`  ${'points'.padEnd(14)}${'lookups'.padStart(11)}${'hit rate'.padStart(10)}${'lookups/s'.padStart(13)}${'p50 µs'.padStart(9)}${'p99 µs'.padStart(9)}`);
for (const [name, r] of scenarios) {
  console.log(
    `  ${name.padEnd(14)}${LOOKUPS.toLocaleString('en').padStart(11)}${`${(100 * r.hitRate).toFixed(1)}%`.padStart(10)}` +
      `${Math.round(r.perSecond).toLocaleString('en').padStart(13)}${r.p50.toFixed(3).padStart(9)}${r.p99.toFixed(3).padStart(9)}`,
  );
}
const worst = Math.min(...scenarios.map(([, r]) => r.perSecond));
const pass = worst >= TARGET_PER_SECOND;
console.log(`${pass ? 'PASS' : 'FAIL'}: slowest scenario ${Math.round(worst).toLocaleString('en')} lookups/s vs target ${TARGET_PER_SECOND.toLocaleString('en')}/s`);
if (!pass) process.exitCode = 1;
