import { Worker } from 'node:worker_threads';
import type { TrainingRow } from '../text/classifier/classifier.js';
import type { TrainOutcome } from './evaluation.js';

// The server runs TypeScript through tsx, which a worker thread does not inherit: the thread
// starts with train-worker-boot.mjs, which registers tsx and then loads train-worker.ts.
const WORKER_FILE = new URL('./train-worker-boot.mjs', import.meta.url);

/**
 * evaluateAndTrain in a worker thread. Rejects with the worker's error, if it exits without an
 * answer, or when `signal` aborts (the thread is terminated: shutdown, or a training that hangs).
 */
export function trainInWorker(rows: readonly TrainingRow[], signal: AbortSignal): Promise<TrainOutcome> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const worker = new Worker(WORKER_FILE, { workerData: { rows } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => settle(() => {
      void worker.terminate();
      reject(signal.reason);
    });
    signal.addEventListener('abort', onAbort);
    worker.once('message', (outcome: TrainOutcome) => settle(() => resolve(outcome)));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`training worker exited with code ${code} before answering`))));
  });
}
