import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CategoryModelSummary } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { referenceDataFor } from '../matters/reference-data.js';
import { chooseLabels } from './labels.js';
import { modelCacheFor } from './model-cache.js';
import { claimTraining, dataStamp, importedRows, insertModel, latestModelHead, releaseTraining, trainingMatters } from './repository.js';
import { modelSummary } from './status.js';
import { trainInWorker } from './worker.js';

// 训练分类模型: the city's closed matters (and any imported history) → a model, trained in a worker
// thread so the server keeps answering, stored as the model in use. One training at a time across
// all processes (the category_training lease); the schedule retrains only when the data changed.

export type TrainingCtx = Pick<Ctx, 'db' | 'clock' | 'actor' | 'requestId'>;
export type Trigger = 'manual' | 'schedule';

export interface TrainingOptions {
  by: Trigger;
  /** A category needs this many texts to be learned (config CLASSIFIER_MIN_EXAMPLES). */
  minExamples: number;
}

/** Longer than any training takes (about 10 s for 2,400 texts, minutes for the 20,000-matter cap); a dead process's claim runs out then. */
const LEASE_MS = 30 * 60_000;
/** A worker still busy this long is stopped, before its claim could run out under it. */
const WORKER_TIMEOUT_MS = LEASE_MS - 5 * 60_000;

interface Running {
  abort: AbortController;
  settled: Promise<unknown>;
}

/** Trainings started by this process, per database, so shutting down can stop them. */
const running = new WeakMap<Kysely<DB>, Set<Running>>();

/**
 * Stops this process's trainings (their worker threads end, their claims are released with the
 * reason) and waits until they have: the server's shutdown, before the database closes.
 */
export async function stopTrainings(db: Kysely<DB>): Promise<void> {
  const list = [...(running.get(db) ?? [])];
  for (const r of list) r.abort.abort(new Error('the server stopped during the training'));
  await Promise.allSettled(list.map((r) => r.settled));
}

export interface StartedTraining {
  startedAt: Date;
  /** Settles when the model is stored (or the training failed; the failure is also kept for the status page). */
  done: Promise<CategoryModelSummary>;
}

/**
 * Claims the training slot, reads the data and checks it can teach anything (refusing with
 * CONFLICT while another training runs, NOT_ENOUGH_DATA below two labels), then trains in the
 * background. `onlyIfChanged`: give up (null) when the latest model already saw this data.
 */
export async function startCategoryTraining(ctx: TrainingCtx, opts: TrainingOptions & { onlyIfChanged?: boolean }): Promise<StartedTraining | null> {
  const holder = crypto.randomUUID();
  const startedAt = ctx.clock.now();
  const by = opts.by === 'manual' ? (ctx.actor?.id ?? null) : null;
  const claimed = await claimTraining(ctx.db, { holder, now: startedAt, leaseUntil: new Date(startedAt.getTime() + LEASE_MS), trigger: opts.by, by });
  if (!claimed) throw new AppError('CONFLICT', 'A training is already running; its model will be in use when it finishes');
  const fail = async (error: { code: string; message: string } | undefined) => releaseTraining(ctx.db, holder, { at: ctx.clock.now(), error, succeeded: false });

  let prepared;
  try {
    prepared = await prepare(ctx, opts);
  } catch (err) {
    await fail(err instanceof AppError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'reading the training data failed; see the server log' });
    throw err;
  }
  if (!prepared) {
    await fail(undefined);
    return null;
  }

  const { rows, stamp, matterRows, importedRowCount } = prepared;
  const abort = new AbortController();
  const done = (async () => {
    const started = performance.now();
    // What the status page says of a failure: the classifier's own words, never a database's.
    let failure = 'storing the model failed; see the server log';
    try {
      const outcome = await trainInWorker(rows, AbortSignal.any([abort.signal, AbortSignal.timeout(WORKER_TIMEOUT_MS)])).catch((err: unknown) => {
        failure = `training failed: ${err instanceof Error ? err.message : String(err)}`;
        throw err;
      });
      const trainMs = Math.round(performance.now() - started);
      const trainedAt = ctx.clock.now();
      const id = await ctx.db.transaction().execute(async (trx) => {
        const modelId = await insertModel(trx, {
          trainedAt,
          trainedBy: by,
          trigger: opts.by,
          matterRows,
          importedRows: importedRowCount,
          dataStamp: stamp,
          labels: outcome.labels,
          metrics: outcome.metrics,
          trainMs,
          model: outcome.modelJson,
        });
        await audit(trx, ctx, { action: 'classifier.train', entity: 'category_model', entityId: modelId, after: { trigger: opts.by, labels: outcome.labels, metrics: outcome.metrics, trainMs } });
        return modelId;
      });
      await releaseTraining(ctx.db, holder, { at: ctx.clock.now(), succeeded: true });
      modelCacheFor(ctx.db).invalidate();
      const categories = await referenceDataFor(ctx.db).categories();
      return modelSummary(
        { id, trained_at: trainedAt, trained_by: by, trained_by_name: ctx.actor && by ? ctx.actor.displayName : null, trigger: opts.by, matter_rows: matterRows, imported_rows: importedRowCount, labels: outcome.labels, metrics: outcome.metrics, train_ms: trainMs, model_bytes: Buffer.byteLength(outcome.modelJson) },
        categories,
      );
    } catch (err) {
      await fail({ code: 'INTERNAL', message: failure });
      throw err;
    }
  })();
  const set = running.get(ctx.db) ?? new Set();
  running.set(ctx.db, set);
  const entry: Running = { abort, settled: done.catch(() => undefined).finally(() => set.delete(entry)) };
  set.add(entry);
  return { startedAt, done };
}

async function prepare(ctx: TrainingCtx, opts: TrainingOptions & { onlyIfChanged?: boolean }) {
  const stamp = await dataStamp(ctx.db);
  if (opts.onlyIfChanged) {
    const head = await latestModelHead(ctx.db);
    if (head && head.data_stamp === stamp.stamp && !(await modelCacheFor(ctx.db).latestUnreadable())) return null;
  }
  const [matters, imported, categories] = await Promise.all([trainingMatters(ctx.db), importedRows(ctx.db), referenceDataFor(ctx.db).categories()]);
  const choice = chooseLabels([...matters, ...imported], categories, opts.minExamples);
  if (choice.labels.length < 2) {
    const have = [...choice.labels, ...choice.tooFew].slice(0, 20);
    throw new AppError(
      'NOT_ENOUGH_DATA',
      `A model needs at least two categories with ${Math.max(2, opts.minExamples)} or more closed matters (or imported rows) each; ` +
        `there are ${choice.labels.length}. Import the city's labelled history, or train again once more matters are closed.`,
      have.map((l) => ({ path: `labels.${l.code}`, message: `${categories.get(l.code)?.name ?? l.code}: ${l.count}` })),
    );
  }
  return { rows: choice.rows, stamp: stamp.stamp, matterRows: matters.length, importedRowCount: imported.length };
}

/** Trains now and resolves with the stored model's summary (the admin's "train" and tests). */
export async function trainCategoryModel(ctx: TrainingCtx, opts: TrainingOptions): Promise<CategoryModelSummary> {
  const started = await startCategoryTraining(ctx, opts);
  return started!.done;
}

export type RetrainOutcome = 'trained' | 'not_due' | 'busy' | 'not_enough_data';

/**
 * The schedule's tick: retrains when no model exists yet, or the latest is at least
 * `retrainHours` old and matters were closed (or rows imported) since it was trained. Safe to
 * run in every process at once: one claims the training, the others answer 'busy' or, once it
 * has finished, 'not_due'.
 */
export async function retrainIfDue(ctx: TrainingCtx, opts: { retrainHours: number; minExamples: number }): Promise<RetrainOutcome> {
  const head = await latestModelHead(ctx.db);
  const unreadable = head ? await modelCacheFor(ctx.db).latestUnreadable() : false;
  if (head && !unreadable && ctx.clock.now().getTime() - new Date(head.trained_at).getTime() < opts.retrainHours * 3600_000) return 'not_due';
  try {
    const started = await startCategoryTraining(ctx, { by: 'schedule', minExamples: opts.minExamples, onlyIfChanged: true });
    if (!started) return 'not_due';
    await started.done;
    return 'trained';
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return 'busy';
    if (err instanceof AppError && err.code === 'NOT_ENOUGH_DATA') return 'not_enough_data';
    throw err;
  }
}
