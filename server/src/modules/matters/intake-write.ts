import { sql, type Kysely } from 'kysely';
import { Batcher } from '../../platform/db/batcher.js';
import type { DB } from '../../platform/db/schema.js';
import type { MattersTable } from '../../platform/db/schema-matters.js';
import type { EventRow, MatterView, NewEvent } from './repository.js';

/** The columns intake sets; the id and 工单编号 are made by the database. */
export type NewMatter = { [K in Exclude<keyof MattersTable, 'id' | 'number'>]: unknown };

export interface IntakeWrite {
  matter: NewMatter;
  /** Timeline rows; matter_id is filled in by the database. */
  events: Omit<NewEvent, 'matter_id'>[];
  idempotency: { actorKey: string; key: string; fingerprint: string } | null;
  audit: { at: Date; actorId: string; actorName: string; requestId: string; after: Record<string, unknown> };
  notice: { userIds: string[]; kind: string; title: string; body: string; at: Date };
}

/** 20261130: the local (UTC+8) date that starts a 工单编号. */
export function numberDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** What the database makes of a report (migration 0018): the rest of the rows is what was sent. */
type Written = { id: string; number: string; events: number[] };
type BatchResult = Written | { error: { code: string; message: string } };

/** A database error of one report in a batch, shaped like the driver's (code = SQLSTATE). */
class ReportFailed extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Reports in flight to the database at once, and the most one round trip carries (decision 0003). */
const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 32;
const batchers = new WeakMap<Kysely<DB>, Batcher<string, Written>>();

function batcherFor(db: Kysely<DB>): Batcher<string, Written> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new Batcher<string, Written>(
      async (payloads) => {
        const { rows } = await sql<{ r: BatchResult[] }>`select fq_report_matters(${`[${payloads.join(',')}]`}::jsonb) as r`.execute(db);
        return rows[0]!.r.map((r) => ('error' in r ? new ReportFailed(r.error.code, r.error.message) : r));
      },
      MAX_BATCH,
      MAX_IN_FLIGHT,
    );
    batchers.set(db, batcher);
  }
  return batcher;
}

/**
 * 受理 through fq_report_matter (platform/db/functions/*.sql, migration 0020): the matter, its timeline, the idempotency
 * key, the audit row and the centre's notifications, atomically. Reports that arrive together
 * share one round trip and one commit (fq_report_matters: one set-based statement for the batch,
 * report by report only if that fails); inside a caller's transaction the report is written
 * there, alone. A repeated Idempotency-Key fails the report (code 23505) and nothing of it is
 * written. The database answers only the new id, the 工单编号 and the timeline's ids; the matter
 * and events returned are what was sent with those filled in (Dates stay Dates).
 */
export async function insertReportedMatter(db: Kysely<DB>, w: IntakeWrite) {
  const payload = JSON.stringify({
    matter: w.matter,
    numberDate: numberDate(w.audit.at),
    events: w.events.map((e) => ({ ...e, attachment_ids: e.attachment_ids ?? [] })),
    idempotency: w.idempotency,
    audit: w.audit,
    notice: w.notice,
  });
  const written = db.isTransaction
    ? (await sql<{ r: Written }>`select fq_report_matter(${payload}::jsonb) as r`.execute(db)).rows[0]!.r
    : await batcherFor(db).submit(payload);
  if (written.events.length !== w.events.length) throw new Error(`fq_report_matter wrote ${written.events.length} of ${w.events.length} events`);
  const events: EventRow[] = w.events.map((e, i) => ({
    id: Number(written.events[i]),
    matter_id: written.id,
    at: e.at instanceof Date ? e.at : new Date(e.at as string),
    actor_id: e.actor_id ?? null,
    actor_name: e.actor_name ?? null,
    unit_id: e.unit_id ?? null,
    unit_name: e.unit_name ?? null,
    action: e.action,
    from_state: e.from_state ?? null,
    to_state: e.to_state ?? null,
    note: e.note ?? null,
    data: e.data,
    attachment_ids: e.attachment_ids ?? [],
  }));
  return {
    matter: { ...w.matter, id: written.id, number: written.number } as Omit<MatterView, 'owner_name' | 'owner_path' | 'assigned_name' | 'category_name' | 'area_name'>,
    events,
  };
}
