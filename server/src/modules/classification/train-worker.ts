import { parentPort, workerData } from 'node:worker_threads';
import type { TrainingRow } from '../text/classifier/classifier.js';
import { evaluateAndTrain } from './evaluation.js';

// Worker-thread entry (worker.ts starts it): trains off the main thread, so the server keeps
// answering requests for the seconds a training takes.
const { rows } = workerData as { rows: TrainingRow[] };
parentPort!.postMessage(evaluateAndTrain(rows));
