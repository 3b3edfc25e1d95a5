// The category classifier's training in the platform (modules/classification): how long it takes,
// and how long the server's event loop stalls meanwhile, training on the main thread (what the
// platform does not do) against training in a worker thread (what it does).
// Run: node --import tsx bench/classifier-stall.ts   (the labelled messages of
// ../shared/data/taidi2020/train.csv, outside the repository; TAIDI_TRAIN=path overrides it)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabelledCsv } from '../server/src/modules/text/classify-cli.js';
import { evaluateAndTrain } from '../server/src/modules/classification/evaluation.js';
import { trainInWorker } from '../server/src/modules/classification/worker.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.env.TAIDI_TRAIN ?? path.resolve(here, '../../shared/data/taidi2020/train.csv');
if (!fs.existsSync(file)) {
  console.log(`classifier-stall skipped: ${file} is absent (the labelled messages live outside the repository).`);
  process.exit(0);
}
const rows = readLabelledCsv(file);

/** A 5 ms timer, as a server's own work would be: the longest gap between its ticks is the stall. */
async function measure(work: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  // Let the timer run once before the work, so the first gap measured is the work's.
  await new Promise((r) => setTimeout(r, 20));
  await work();
  const ms = performance.now() - started - 20;
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(timer);
  return { ms, stallMs: worst };
}

// The same timer with nothing to do: what a loaded machine alone costs the loop.
const idle = await measure(() => new Promise((r) => setTimeout(r, 5_000)));
const inline = await measure(async () => evaluateAndTrain(rows));
const worker = await measure(() => trainInWorker(rows, new AbortController().signal));
const fmt = (r: { ms: number; stallMs: number }) => `${(r.ms / 1000).toFixed(1)} s, longest event-loop stall ${r.stallMs.toFixed(0)} ms`;
console.log(`${rows.length} labelled messages (held-out evaluation + final model)`);
console.log(`idle (5 s):    longest event-loop stall ${idle.stallMs.toFixed(0)} ms`);
console.log(`main thread:   ${fmt(inline)}`);
console.log(`worker thread: ${fmt(worker)}`);
