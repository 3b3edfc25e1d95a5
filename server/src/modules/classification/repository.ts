import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { StoredLabel, StoredMetrics } from '../../platform/db/schema-text.js';
import type { LabelledText } from './labels.js';

// Kysely queries of the classifier: training data, the models, the training lease, imported rows.

type Q = Kysely<DB> | Transaction<DB>;

/** At most this many closed matters (the most recently closed) train a model: enough to learn a city's language, bounded in time and memory. */
export const MAX_TRAINING_MATTERS = 20_000;
/** Models kept: the one in use and a few before it. */
const MODELS_KEPT = 3;

const LABELLED_STATES = ['closed', 'rated'] as const;

/** Closed or rated matters with a category (the partial index of migration 0014 serves both queries). */
function labelledMatters(db: Q) {
  return db.selectFrom('matters').where('state', 'in', [...LABELLED_STATES]).where('category_code', 'is not', null);
}

export async function trainingMatters(db: Q): Promise<LabelledText[]> {
  const rows = await labelledMatters(db).select(['title', 'description', 'category_code']).orderBy('closed_at', 'desc').limit(MAX_TRAINING_MATTERS).execute();
  return rows.map((r) => ({ text: `${r.title}\n${r.description}`, code: r.category_code! }));
}

export async function importedRows(db: Q): Promise<LabelledText[]> {
  const rows = await db.selectFrom('category_training_rows').select(['text', 'category_code']).orderBy('id').execute();
  return rows.map((r) => ({ text: r.text, code: r.category_code }));
}

export interface DataStamp {
  matters: number;
  imported: number;
  /** Changes whenever a matter is closed (or re-closed) or rows are imported. */
  stamp: string;
}

/** What the training data is now, cheaply: counts and the newest closing / import. */
export async function dataStamp(db: Q): Promise<DataStamp> {
  const [m, i] = await Promise.all([
    labelledMatters(db)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('closed_at').as('last')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('category_training_rows')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last')])
      .executeTakeFirstOrThrow(),
  ]);
  const last = m.last ? new Date(m.last).toISOString() : '-';
  return { matters: Number(m.n), imported: Number(i.n), stamp: `matters:${Number(m.n)}:${last};imported:${Number(i.n)}:${i.last ?? '-'}` };
}

export interface ModelHead {
  id: string;
  trained_at: Date;
  data_stamp: string;
}

/** The model in use (the last stored): a single index probe, cheap enough to ask often. */
export function latestModelHead(db: Q): Promise<ModelHead | undefined> {
  return db.selectFrom('category_models').select(['id', 'trained_at', 'data_stamp']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function modelJson(db: Q, id: string): Promise<string | undefined> {
  return (await db.selectFrom('category_models').select('model').where('id', '=', id).executeTakeFirst())?.model;
}

export function latestModelRow(db: Q) {
  return db
    .selectFrom('category_models as c')
    .leftJoin('users as u', 'u.id', 'c.trained_by')
    .select(['c.id', 'c.trained_at', 'c.trained_by', 'u.display_name as trained_by_name', 'c.trigger', 'c.matter_rows', 'c.imported_rows', 'c.data_stamp', 'c.labels', 'c.metrics', 'c.train_ms', 'c.model_bytes'])
    .orderBy('c.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface NewModel {
  trainedAt: Date;
  trainedBy: string | null;
  trigger: 'manual' | 'schedule';
  matterRows: number;
  importedRows: number;
  dataStamp: string;
  labels: StoredLabel[];
  metrics: StoredMetrics | null;
  trainMs: number;
  model: string;
}

/** Stores a model (it becomes the one in use) and drops all but the last few. */
export async function insertModel(trx: Transaction<DB>, m: NewModel): Promise<string> {
  const { id } = await trx
    .insertInto('category_models')
    .values({
      trained_at: m.trainedAt,
      trained_by: m.trainedBy,
      trigger: m.trigger,
      matter_rows: m.matterRows,
      imported_rows: m.importedRows,
      data_stamp: m.dataStamp,
      labels: JSON.stringify(m.labels),
      metrics: JSON.stringify(m.metrics),
      train_ms: m.trainMs,
      model_bytes: Buffer.byteLength(m.model),
      model: m.model,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const kept = trx.selectFrom('category_models').select('id').orderBy('seq', 'desc').limit(MODELS_KEPT);
  await trx.deleteFrom('category_models').where('id', 'not in', kept).execute();
  return id;
}

/**
 * Claims the one training slot: succeeds for one caller at a time in all processes (the UPDATE
 * takes the row lock; a concurrent one re-reads the lease and finds it taken). A claim whose
 * process died runs out at leaseUntil.
 */
export async function claimTraining(db: Q, c: { holder: string; now: Date; leaseUntil: Date; trigger: string; by: string | null }): Promise<boolean> {
  const claimed = await db
    .updateTable('category_training')
    .set({ holder: c.holder, trigger: c.trigger, started_by: c.by, started_at: c.now, lease_until: c.leaseUntil })
    .where('id', '=', 1)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', c.now)]))
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Ends a claim; `error` is kept for the admin page, a success clears the last one. */
export async function releaseTraining(db: Q, holder: string, outcome: { at: Date; error?: { code: string; message: string } | undefined; succeeded: boolean }): Promise<void> {
  const error = outcome.error
    ? { last_error_at: outcome.at, last_error_code: outcome.error.code, last_error_message: outcome.error.message }
    : outcome.succeeded
      ? { last_error_at: null, last_error_code: null, last_error_message: null }
      : {};
  await db
    .updateTable('category_training')
    .set({ holder: null, trigger: null, started_by: null, started_at: null, lease_until: null, ...error })
    .where('id', '=', 1)
    .where('holder', '=', holder)
    .execute();
}

export function trainingState(db: Q) {
  return db
    .selectFrom('category_training as t')
    .leftJoin('users as u', 'u.id', 't.started_by')
    .select(['t.holder', 't.trigger', 't.started_at', 't.lease_until', 'u.display_name as started_by_name', 't.last_error_at', 't.last_error_code', 't.last_error_message'])
    .where('t.id', '=', 1)
    .executeTakeFirstOrThrow();
}

export interface ImportedRow {
  externalId: string;
  line: number;
  text: string;
  code: string;
}

/** An import replaces the previous one: the file is the city's history as a whole. */
export async function replaceImportedRows(trx: Transaction<DB>, rows: readonly ImportedRow[], at: Date, by: string | null): Promise<void> {
  await sql`truncate category_training_rows`.execute(trx);
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('category_training_rows')
      .values(rows.slice(i, i + 1000).map((r) => ({ external_id: r.externalId, line: r.line, text: r.text, category_code: r.code, imported_at: at, imported_by: by })))
      .execute();
  }
}
