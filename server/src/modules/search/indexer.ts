import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { DB } from '../../platform/db/schema.js';
import { documentSource, documentsOf, namesOf, type SourceRow } from './documents.js';

// The search indexer: writes matters' documents (tokens.ts) to matter_search after the commit that
// made or changed them, outside every request's transaction (docs/text/search.md).
//   - fast path: requestSearchIndex(ids) after intake indexes those matters at once (insert, do
//     nothing if present: it never overwrites a newer document);
//   - sweep, every SEARCH_INDEX_SECONDS and when nudged: re-indexes what the triggers of migration
//     0015 queued (edits, moderation, a category's new name), then indexes matters created since
//     the watermark `indexed_before` that have no row; the first sweep of a process, and one an
//     hour, looks at every matter (the backfill after the migration, an import of old matters).
// The sweep runs under a transaction-scoped advisory lock, so with several processes one sweeps
// at a time and two never write one matter's document in the wrong order.
//   - once a process has swept everything, it rewrites the public documents that redaction now
//     makes differently (refreshPublicDocuments): a new release may mask more, and a document an
//     older one wrote would let public search find what the page no longer shows.

/** Matters per transaction: on PGlite a transaction holds the database, so requests wait at most one batch. */
const BATCH = 200;
/**
 * A matter stamped this long before a sweep may still be committing (a busy request, a process
 * clock slightly behind): the watermark stays this far behind the sweep, which looks again.
 */
export const LOOKBACK_MS = 60_000;
/**
 * Each process also looks at every matter once an hour: a matter stamped further back than the
 * look-back (a process clock minutes behind, an import of old matters) is indexed within the hour.
 */
const FULL_SWEEP_MS = 3_600_000;
/** Fast-path ids held in memory at most; beyond that the sweep finds the rest. */
const MAX_WAITING_IDS = 20_000;
/** pg_advisory_xact_lock key of the sweep ("search" in ASCII). */
const SWEEP_LOCK = 0x736561726368;

type Executor = Kysely<DB>;

async function writeDocuments(db: Executor, rows: SourceRow[], cipher: FieldCipher, now: Date, replace: boolean): Promise<void> {
  if (rows.length === 0) return;
  const names = await namesOf(db, cipher, rows.filter((r) => r.public));
  const values = rows.map((row) => ({ ...documentsOf(row, names.get(row.id) ?? []), indexed_at: now }));
  await db
    .insertInto('matter_search')
    .values(values)
    .onConflict((oc) =>
      replace
        ? oc.column('matter_id').doUpdateSet((eb) => ({ tokens: eb.ref('excluded.tokens'), public_tokens: eb.ref('excluded.public_tokens'), indexed_at: eb.ref('excluded.indexed_at') }))
        : oc.column('matter_id').doNothing(),
    )
    .execute();
}

/** Indexes these matters now (the fast path after intake); already indexed ones are left alone. */
export async function indexMattersById(db: Executor, cipher: FieldCipher, clock: Clock, ids: readonly string[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await documentSource(db).where('m.id', 'in', ids.slice(i, i + BATCH)).execute();
    await writeDocuments(db, rows, cipher, clock.now(), false);
    count += rows.length;
  }
  return count;
}

/** Re-indexes the oldest queued changes; each queue row goes only once its matter is written. */
async function reindexQueued(trx: Executor, cipher: FieldCipher, now: Date): Promise<number> {
  const queued = await trx.selectFrom('matter_search_queue').select(['id', 'matter_id']).orderBy('id').limit(BATCH).execute();
  if (queued.length === 0) return 0;
  const rows = await documentSource(trx).where('m.id', 'in', [...new Set(queued.map((q) => q.matter_id))]).execute();
  await writeDocuments(trx, rows, cipher, now, true);
  await trx.deleteFrom('matter_search_queue').where('id', 'in', queued.map((q) => q.id)).execute();
  return queued.length;
}

/** The oldest matters created at or after `from` (any time when null) without a document. */
async function indexUnindexed(trx: Executor, cipher: FieldCipher, now: Date, from: Date | null) {
  const rows = await documentSource(trx)
    .$if(from !== null, (qb) => qb.where('m.created_at', '>=', from!))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('matter_search as s').select(sql`1`.as('one')).whereRef('s.matter_id', '=', 'm.id'))))
    .orderBy('m.created_at')
    .limit(BATCH)
    .execute();
  await writeDocuments(trx, rows, cipher, now, false);
  return { count: rows.length, last: rows.length ? new Date(rows[rows.length - 1]!.created_at) : null };
}

export interface SweepResult {
  indexed: number;
  reindexed: number;
  /** false when another process held the sweep, or it was told to stop. */
  completed: boolean;
}

/**
 * Brings the index up to date: queued changes, then matters created since the watermark (every
 * matter when `full`), batch by batch, each batch one transaction under the sweep lock.
 */
export async function sweepSearchIndex(
  db: Executor,
  cipher: FieldCipher,
  clock: Clock,
  options: { full?: boolean; shouldStop?: () => boolean } = {},
): Promise<SweepResult> {
  const result: SweepResult = { indexed: 0, reindexed: 0, completed: false };
  // undefined: start at the watermark; null: at the oldest matter.
  let cursor: Date | null | undefined = options.full ? null : undefined;
  while (!options.shouldStop?.()) {
    const step = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SWEEP_LOCK}) as locked`.execute(trx);
      if (!rows[0]?.locked) return null;
      const now = clock.now();
      const reindexed = await reindexQueued(trx, cipher, now);
      const state = await trx.selectFrom('matter_search_state').select('indexed_before').where('id', '=', 1).executeTakeFirstOrThrow();
      const batch = await indexUnindexed(trx, cipher, now, cursor === undefined ? state.indexed_before : cursor);
      // Everything before the last matter of a full batch is done; after a short one, all up to the look-back.
      const horizon = now.getTime() - LOOKBACK_MS;
      const reached = new Date(batch.count === BATCH && batch.last ? Math.min(horizon, batch.last.getTime()) : horizon);
      await trx
        .updateTable('matter_search_state')
        .set({ indexed_before: reached })
        .where('id', '=', 1)
        .where((eb) => eb.or([eb('indexed_before', 'is', null), eb('indexed_before', '<', reached)]))
        .execute();
      return { reindexed, indexed: batch.count, last: batch.last, done: batch.count < BATCH && reindexed < BATCH };
    });
    if (!step) return result;
    result.indexed += step.indexed;
    result.reindexed += step.reindexed;
    cursor = step.last ?? cursor;
    if (step.done) return { ...result, completed: true };
  }
  return result;
}

/**
 * Rewrites the documents of public matters whose public words differ from what redaction makes of
 * their text now, batch by batch by matter id. Redaction runs outside any transaction; a document
 * is replaced only if it is still the one read, so a sweep that rewrote it meanwhile (the text
 * changed) wins. Returns how many were rewritten.
 */
export async function refreshPublicDocuments(db: Executor, cipher: FieldCipher, clock: Clock, options: { shouldStop?: () => boolean } = {}): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let rewritten = 0;
  while (!options.shouldStop?.()) {
    const rows = await documentSource(db)
      .innerJoin('matter_search as s', 's.matter_id', 'm.id')
      .select([sql<string>`s.tokens::text`.as('old_tokens'), sql<string | null>`s.public_tokens::text`.as('old_public')])
      .where('m.public', '=', true)
      .where('m.id', '>', after)
      .orderBy('m.id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const names = await namesOf(db, cipher, rows);
    const docs = rows.map((row) => documentsOf(row, names.get(row.id) ?? []));
    const result = await sql`
      update matter_search s set tokens = x.t::tsvector, public_tokens = x.p::tsvector, indexed_at = ${clock.now()}
      from unnest(${docs.map((d) => d.matter_id)}::uuid[], ${docs.map((d) => d.tokens)}::text[], ${docs.map((d) => d.public_tokens)}::text[],
        ${rows.map((r) => r.old_tokens)}::text[], ${rows.map((r) => r.old_public)}::text[]) as x(id, t, p, old_t, old_p)
      where s.matter_id = x.id and s.public_tokens is distinct from x.p::tsvector
        and s.tokens = x.old_t::tsvector and s.public_tokens is not distinct from x.old_p::tsvector`.execute(db);
    rewritten += Number(result.numAffectedRows ?? 0);
  }
  return rewritten;
}

type Nudge = (ids: readonly string[]) => void;
const indexers = new Set<Nudge>();

/**
 * Call after a commit that created matters (pass their ids) or changed what a matter is found
 * by (no ids: the queue the triggers filled is worked off). Returns at once; the indexers of
 * this process do the work. Without a running indexer it does nothing, and search falls back
 * to matching the not yet indexed matters directly.
 */
export function requestSearchIndex(matterIds: readonly string[] = []): void {
  for (const nudge of indexers) nudge(matterIds);
}

/** Runs the indexer in this process: a full sweep now and hourly, a sweep every `intervalMs`, the fast path on request. */
export function startSearchIndexer(db: Executor, cipher: FieldCipher, clock: Clock, intervalMs: number, log: (err: unknown) => void): { stop(): Promise<void> } {
  const waiting = new Set<string>();
  let sweepDue = true;
  let lastFull = -Infinity;
  let refreshed = false;
  let stopped = false;
  let busy: Promise<void> | null = null;

  const work = async () => {
    while (!stopped && (waiting.size > 0 || sweepDue)) {
      if (waiting.size > 0) {
        const ids = [...waiting].slice(0, BATCH);
        for (const id of ids) waiting.delete(id);
        await indexMattersById(db, cipher, clock, ids);
        continue;
      }
      sweepDue = false;
      const full = performance.now() - lastFull >= FULL_SWEEP_MS;
      const swept = await sweepSearchIndex(db, cipher, clock, { full, shouldStop: () => stopped });
      if (full && swept.completed) lastFull = performance.now();
      if (full && swept.completed && !refreshed) {
        await refreshPublicDocuments(db, cipher, clock, { shouldStop: () => stopped });
        refreshed = !stopped;
      }
    }
  };
  const kick = () => {
    if (busy || stopped) return;
    busy = work().then(
      () => {
        busy = null;
        // A request that came in as the loop ended.
        if (waiting.size > 0 || sweepDue) kick();
      },
      (err: unknown) => {
        busy = null; // the next tick tries again
        log(err);
      },
    );
  };
  const nudge: Nudge = (ids) => {
    for (const id of ids) {
      if (waiting.size < MAX_WAITING_IDS) waiting.add(id);
      else sweepDue = true;
    }
    if (ids.length === 0) sweepDue = true;
    kick();
  };
  indexers.add(nudge);
  const timer = setInterval(() => {
    sweepDue = true;
    kick();
  }, intervalMs);
  timer.unref();
  kick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      indexers.delete(nudge);
      await busy;
    },
  };
}
