-- 受理 of a batch of reports (docs/decisions/0003): one set-based statement writes what
-- fq_report_matter writes, batch-wide. Only when it fails (a repeated Idempotency-Key, any other
-- bad report) is the batch written again report by report, each whole or not at all, so a failure
-- answers only for its own report ({"error": {code, message}}). Only PostgreSQL 15 SQL.
-- - input: one row per report, in input order; the serial is drawn row by row there (a scalar
--   subquery would be evaluated once for the whole statement, one number for all).
-- - jsonb_populate_record in the FROM clause, once per report (as `(…).*` it ran once per column).
-- - a key the caller left out gets the column's default; a NOT NULL column sent as null fails the
--   statement, and the loop then writes it like fq_report_matter does.
-- - ids of the timeline, audit rows and notifications are drawn in input order (ORDER BY).
create or replace function fq_report_matters(p jsonb) returns jsonb language plpgsql as $fn$
declare
  e jsonb;
  r jsonb;
  results jsonb;
begin
  begin
    with input as materialized (
      select s.n, s.v, s.id, (s.v->>'numberDate') || lpad(s.serial::text, greatest(6, length(s.serial::text)), '0') as number
      from (select x.n, x.v, gen_random_uuid() as id, nextval('matter_number_seq') as serial
            from jsonb_array_elements(p) with ordinality as x(v, n)
            order by x.n
            offset 0) s
    ),
    m as (
      insert into matters
      select r.*
      from input i
      cross join lateral jsonb_populate_record(null::matters,
        '{"public": false, "public_anonymous": false, "follower_count": 0, "public_hidden": false, "public_abuse": false, "public_hidden_photo_ids": []}'::jsonb
          || (i.v->'matter') || jsonb_build_object('id', i.id, 'number', i.number)) r
      order by i.n
    ),
    ev as (
      insert into matter_events (matter_id, at, actor_id, actor_name, unit_id, unit_name, action, from_state, to_state, note, data, attachment_ids)
      select i.id, v.at, v.actor_id, v.actor_name, v.unit_id, v.unit_name, v.action, v.from_state, v.to_state, v.note, v.data, coalesce(v.attachment_ids, '{}')
      from input i
      cross join lateral rows from (jsonb_to_recordset(i.v->'events') as (at timestamptz, actor_id uuid, actor_name text, unit_id uuid, unit_name text,
             action text, from_state text, to_state text, note text, data jsonb, attachment_ids uuid[])) with ordinality
        as v(at, actor_id, actor_name, unit_id, unit_name, action, from_state, to_state, note, data, attachment_ids, n)
      order by i.n, v.n
      returning id, matter_id
    ),
    ik as (
      insert into idempotency_keys (actor_key, key, matter_id, created_at, fingerprint)
      select i.v->'idempotency'->>'actorKey', i.v->'idempotency'->>'key', i.id, (i.v->'matter'->>'created_at')::timestamptz, i.v->'idempotency'->>'fingerprint'
      from input i
      where jsonb_typeof(i.v->'idempotency') = 'object'
      order by i.n
    ),
    au as (
      insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, after, request_id)
      select (i.v->'audit'->>'at')::timestamptz, (i.v->'audit'->>'actorId')::uuid, i.v->'audit'->>'actorName', 'matter.report', 'matter',
             i.id::text, (i.v->'audit'->'after') || jsonb_build_object('number', i.number), i.v->'audit'->>'requestId'
      from input i
      order by i.n
    ),
    nt as (
      insert into notifications (user_id, kind, title, body, link, matter_id, created_at)
      select u.u::uuid, i.v->'notice'->>'kind', i.number || ' ' || (i.v->'notice'->>'title'), i.v->'notice'->>'body', '/matters/' || i.id, i.id,
             (i.v->'notice'->>'at')::timestamptz
      from input i
      cross join lateral jsonb_array_elements_text(i.v->'notice'->'userIds') with ordinality as u(u, k)
      order by i.n, u.k
    )
    select coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'number', i.number, 'events', coalesce(t.ids, '[]'::jsonb)) order by i.n), '[]'::jsonb)
    into results
    from input i
    left join (select ev.matter_id, jsonb_agg(ev.id order by ev.id) as ids from ev group by ev.matter_id) t on t.matter_id = i.id;
    return results;
  exception when others then
    -- Nothing of the statement is left: write the batch again, each report whole or not at all.
    null;
  end;
  results := '[]'::jsonb;
  for e in select value from jsonb_array_elements(p) with ordinality order by ordinality loop
    begin
      r := fq_report_matter(e);
    exception when others then
      r := jsonb_build_object('error', jsonb_build_object('code', SQLSTATE, 'message', SQLERRM));
    end;
    results := results || jsonb_build_array(r);
  end loop;
  return results;
end
$fn$;
