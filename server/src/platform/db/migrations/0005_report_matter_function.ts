import { sql, type Kysely } from 'kysely';

// 受理 is the hottest write: one report writes the matter, its timeline, the idempotency key, the
// audit row and the centre's notifications. As one PL/pgSQL function its statements are planned
// once per connection and reused; as ad-hoc SQL they were parsed and planned on every report.
// Keep it in step with migrations 0001-0003 (the tables it writes). Only PostgreSQL 15 SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function fq_report_matter(p jsonb) returns jsonb language plpgsql as $fn$
    declare
      m matters;
      events jsonb;
    begin
      m := jsonb_populate_record(null::matters, p->'matter');
      m.id := gen_random_uuid();
      m.number := (p->>'numberDate') || lpad(nextval('matter_number_seq')::text, 6, '0');
      insert into matters select m.*;

      with e as (
        insert into matter_events (matter_id, at, actor_id, actor_name, unit_id, unit_name, action, from_state, to_state, note, data, attachment_ids)
        select m.id, v.at, v.actor_id, v.actor_name, v.unit_id, v.unit_name, v.action, v.from_state, v.to_state, v.note, v.data, coalesce(v.attachment_ids, '{}')
        from rows from (jsonb_to_recordset(p->'events') as (at timestamptz, actor_id uuid, actor_name text, unit_id uuid, unit_name text,
               action text, from_state text, to_state text, note text, data jsonb, attachment_ids uuid[])) with ordinality
          as v(at, actor_id, actor_name, unit_id, unit_name, action, from_state, to_state, note, data, attachment_ids, n)
        order by v.n
        returning *
      )
      select coalesce(jsonb_agg(to_jsonb(e) order by e.id), '[]'::jsonb) into events from e;

      if jsonb_typeof(p->'idempotency') = 'object' then
        insert into idempotency_keys (actor_key, key, matter_id, created_at)
        values (p->'idempotency'->>'actorKey', p->'idempotency'->>'key', m.id, m.created_at);
      end if;

      insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, after, request_id)
      values ((p->'audit'->>'at')::timestamptz, (p->'audit'->>'actorId')::uuid, p->'audit'->>'actorName', 'matter.report', 'matter',
              m.id::text, (p->'audit'->'after') || jsonb_build_object('number', m.number), p->'audit'->>'requestId');

      insert into notifications (user_id, kind, title, body, link, matter_id, created_at)
      select u::uuid, p->'notice'->>'kind', m.number || ' ' || (p->'notice'->>'title'), p->'notice'->>'body', '/matters/' || m.id, m.id,
             (p->'notice'->>'at')::timestamptz
      from jsonb_array_elements_text(p->'notice'->'userIds') as u;

      return jsonb_build_object('matter', to_jsonb(m), 'events', events);
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists fq_report_matter(jsonb)`.execute(db);
}
