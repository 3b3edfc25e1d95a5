import { sql, type Kysely } from 'kysely';
import * as m0005 from './0005_report_matter_function.js';

// The public feed (公开诉求): a citizen chooses, when posting, whether the matter is shown in public
// and whether it shows their (masked) name or "匿名". fq_report_matter (0005) writes the matters
// row, so it is replaced here to store the two columns. Only PostgreSQL 15 SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table matters add column public boolean not null default false, add column public_anonymous boolean not null default false`.execute(db);
  // The feed's first page: newest public matters (voided/merged are filtered from the few rows read).
  await sql`create index matters_public_feed_idx on matters (created_at desc, id desc) where public`.execute(db);
  await sql`
    create or replace function fq_report_matter(p jsonb) returns jsonb language plpgsql as $fn$
    declare
      m matters;
      events jsonb;
    begin
      m := jsonb_populate_record(null::matters, p->'matter');
      m.id := gen_random_uuid();
      m.number := (p->>'numberDate') || lpad(nextval('matter_number_seq')::text, 6, '0');
      -- Missing keys populate as NULL, not as the column default: a caller that predates 0008 still reports a private matter.
      m.public := coalesce(m.public, false);
      m.public_anonymous := coalesce(m.public_anonymous, false);
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
  await sql`drop index if exists matters_public_feed_idx`.execute(db);
  await sql`alter table matters drop column if exists public, drop column if exists public_anonymous`.execute(db);
  await m0005.up(db);
}
