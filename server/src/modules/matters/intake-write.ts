import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { MattersTable } from '../../platform/db/schema-matters.js';
import type { EventRow, MatterView, NewEvent } from './repository.js';

/** The columns intake sets; the id and 工单编号 are made by the database. */
export type NewMatter = { [K in Exclude<keyof MattersTable, 'id' | 'number'>]: unknown };

export interface IntakeWrite {
  matter: NewMatter;
  /** Timeline rows; matter_id is filled in by the database. */
  events: Omit<NewEvent, 'matter_id'>[];
  idempotency: { actorKey: string; key: string } | null;
  audit: { at: Date; actorId: string; actorName: string; requestId: string; after: Record<string, unknown> };
  notice: { userIds: string[]; kind: string; title: string; body: string; at: Date };
}

/** 20261130: the local (UTC+8) date that starts a 工单编号. */
export function numberDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * 受理 in one call of fq_report_matter (migration 0005): the matter, its timeline, the
 * idempotency key, the audit row and the centre's notifications, atomically and in one round
 * trip. A repeated Idempotency-Key fails the whole call (23505) and nothing is written.
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
  const { rows } = await sql<{ r: { matter: Record<string, unknown>; events: Record<string, unknown>[] } }>`select fq_report_matter(${payload}::jsonb) as r`.execute(db);
  const { matter, events } = rows[0]!.r;
  // jsonb gives timestamps as text; the views read them through new Date(…), which takes both.
  return {
    matter: matter as unknown as Omit<MatterView, 'owner_name' | 'owner_path' | 'assigned_name' | 'category_name' | 'area_name'>,
    events: events.map((e) => ({ ...e, at: new Date(e.at as string), id: Number(e.id) })) as unknown as EventRow[],
  };
}
