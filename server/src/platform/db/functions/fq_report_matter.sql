-- 受理 of one report (docs/decisions/0002): the matter, its timeline, the idempotency key with
-- the fingerprint of its request, the audit row and the centre's notifications, whole or not at
-- all. Answers the new id, the 工单编号 and the timeline's ids. Only PostgreSQL 15 SQL.
create or replace function fq_report_matter(p jsonb) returns jsonb language plpgsql as $fn$
declare
  m matters;
  events jsonb;
begin
  m := jsonb_populate_record(null::matters, p->'matter');
  m.id := gen_random_uuid();
  m.number := (p->>'numberDate') || (select lpad(v::text, greatest(6, length(v::text)), '0') from nextval('matter_number_seq') as v);
  m.public := coalesce(m.public, false);
  m.public_anonymous := coalesce(m.public_anonymous, false);
  m.follower_count := coalesce(m.follower_count, 0);
  m.public_hidden := coalesce(m.public_hidden, false);
  m.public_abuse := coalesce(m.public_abuse, false);
  m.public_hidden_photo_ids := coalesce(m.public_hidden_photo_ids, '{}');
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
  select coalesce(jsonb_agg(e.id order by e.id), '[]'::jsonb) into events from e;

  if jsonb_typeof(p->'idempotency') = 'object' then
    insert into idempotency_keys (actor_key, key, matter_id, created_at, fingerprint)
    values (p->'idempotency'->>'actorKey', p->'idempotency'->>'key', m.id, m.created_at, p->'idempotency'->>'fingerprint');
  end if;

  insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, after, request_id)
  values ((p->'audit'->>'at')::timestamptz, (p->'audit'->>'actorId')::uuid, p->'audit'->>'actorName', 'matter.report', 'matter',
          m.id::text, (p->'audit'->'after') || jsonb_build_object('number', m.number), p->'audit'->>'requestId');

  insert into notifications (user_id, kind, title, body, link, matter_id, created_at)
  select u::uuid, p->'notice'->>'kind', m.number || ' ' || (p->'notice'->>'title'), p->'notice'->>'body', '/matters/' || m.id, m.id,
         (p->'notice'->>'at')::timestamptz
  from jsonb_array_elements_text(p->'notice'->'userIds') as u;

  return jsonb_build_object('id', m.id, 'number', m.number, 'events', events);
end
$fn$;
