import { sql, type InsertObject, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { MATTER_COLUMNS, type EventRow, type NewEvent } from './repository.js';

type StripM<C> = C extends `m.${infer N}` ? N : never;

export interface IntakeWrite {
  matter: InsertObject<DB, 'matters'>;
  /** Timeline rows; matter_id is filled in by the statement. */
  events: Omit<NewEvent, 'matter_id'>[];
  idempotency: { actorKey: string; key: string } | null;
  audit: { at: Date; actorId: string; actorName: string; requestId: string; after: Record<string, unknown> };
  notice: { userIds: string[]; kind: string; title: string; body: string; at: Date };
}

const EVENT_COLUMNS = sql.raw(
  'at timestamptz, actor_id uuid, actor_name text, unit_id uuid, unit_name text, action text, from_state text, to_state text, note text, data jsonb, attachment_ids uuid[]',
);

/**
 * 受理 in one statement: the matter, its timeline, the idempotency key, the audit row and the
 * centre's notifications are inserted by one INSERT with data-modifying CTEs, so a report is one
 * round trip and atomic without BEGIN/COMMIT. A repeated Idempotency-Key makes the whole
 * statement fail (23505) and nothing is written.
 */
export async function insertReportedMatter(db: Kysely<DB>, w: IntakeWrite) {
  const events = JSON.stringify(w.events.map((e) => ({ ...e, attachment_ids: e.attachment_ids ?? [] })));
  const key = w.idempotency;
  const row = await db
    .with('m', (q) =>
      q
        .insertInto('matters')
        .values(w.matter)
        .returning(MATTER_COLUMNS.map((c) => c.slice(2) as StripM<typeof c>)),
    )
    .with('e', (q) =>
      q
        .insertInto('matter_events')
        .columns(['matter_id', 'at', 'actor_id', 'actor_name', 'unit_id', 'unit_name', 'action', 'from_state', 'to_state', 'note', 'data', 'attachment_ids'])
        .expression(
          sql`select m.id, v.at, v.actor_id, v.actor_name, v.unit_id, v.unit_name, v.action, v.from_state, v.to_state, v.note, v.data, coalesce(v.attachment_ids, '{}')
              from m, rows from (jsonb_to_recordset(${events}::jsonb) as (${EVENT_COLUMNS})) with ordinality
                as v(at, actor_id, actor_name, unit_id, unit_name, action, from_state, to_state, note, data, attachment_ids, n)
              order by v.n`,
        )
        .returningAll(),
    )
    .with('k', (q) =>
      q
        .insertInto('idempotency_keys')
        .columns(['actor_key', 'key', 'matter_id', 'created_at'])
        .expression(sql`select ${key?.actorKey ?? null}::text, ${key?.key ?? null}::text, m.id, ${w.audit.at}::timestamptz from m where ${key?.key ?? null}::text is not null`),
    )
    .with('a', (q) =>
      q
        .insertInto('audit_log')
        .columns(['at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'after', 'request_id'])
        .expression(
          sql`select ${w.audit.at}::timestamptz, ${w.audit.actorId}::uuid, ${w.audit.actorName}::text, 'matter.report', 'matter', m.id::text,
                ${JSON.stringify(w.audit.after)}::jsonb || jsonb_build_object('number', m.number), ${w.audit.requestId}::text from m`,
        ),
    )
    .with('n', (q) =>
      q
        .insertInto('notifications')
        .columns(['user_id', 'kind', 'title', 'body', 'link', 'matter_id', 'created_at'])
        .expression(
          sql`select u, ${w.notice.kind}::text, m.number || ' ' || ${w.notice.title}::text, ${w.notice.body}::text, '/matters/' || m.id, m.id, ${w.notice.at}::timestamptz
              from m, unnest(${w.notice.userIds}::uuid[]) as u`,
        ),
    )
    .selectFrom('m')
    .selectAll('m')
    .select(sql<unknown[]>`(select coalesce(jsonb_agg(to_jsonb(e) order by e.id), '[]'::jsonb) from e)`.as('events'))
    .executeTakeFirstOrThrow();
  const { events: inserted, ...matter } = row;
  return {
    matter,
    // jsonb gives timestamps as text: back to the row types the rest of the module reads.
    events: (inserted as Record<string, unknown>[]).map((e) => ({ ...e, at: new Date(e.at as string), id: Number(e.id) })) as unknown as EventRow[],
  };
}
