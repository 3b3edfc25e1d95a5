import { sql, type Kysely } from 'kysely';
import * as m0017 from './0017_report_matters_batch.js';

// 受理 in batches, cheaper (docs/decisions/0003): a batch of reports is written by one set-based
// statement (one INSERT per table for the whole batch) instead of fq_report_matter once per report
// in a subtransaction of its own, which cost about twice the database CPU per report. Only when
// that statement fails (a repeated Idempotency-Key, any other bad report) is the batch written
// again report by report as in 0017, so a failure still answers only for its own report.
// The answers are slim: the server sent every column itself and needs only the new id, the
// 工单编号 and the timeline's ids, not the rows back as jsonb.
// Both paths write the same rows, numbered and in the order of the input. Only PostgreSQL 15 SQL.

/**
 * fq_report_matter (0005, 0008, 0009, 0013) written out once more: the numbering of 0013 (every
 * digit of the serial, at least six) and the defaults of 0009. `answer` picks what it returns;
 * 'full' is the function as 0017 left it.
 */
function reportMatterFunction(answer: 'slim' | 'full') {
  const events = answer === 'slim' ? 'e.id order by e.id' : 'to_jsonb(e) order by e.id';
  const result = answer === 'slim' ? `jsonb_build_object('id', m.id, 'number', m.number, 'events', events)` : `jsonb_build_object('matter', to_jsonb(m), 'events', events)`;
  return sql`
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
      select coalesce(jsonb_agg(${sql.raw(events)}), '[]'::jsonb) into events from e;

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

      return ${sql.raw(result)};
    end
    $fn$`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await reportMatterFunction('slim').execute(db);
  // The set-based statement writes what fq_report_matter writes, batch-wide:
  // - input: one row per report, in input order; the serial is drawn row by row there (0013's
  //   scalar subquery would be evaluated once for the whole statement, one number for all).
  // - jsonb_populate_record in the FROM clause, once per report (as `(…).*` it ran once per column).
  // - a key the caller left out gets the column's default (0009); a NOT NULL column sent as null
  //   fails the statement, and the loop below then writes it like fq_report_matter does.
  // - ids of the timeline, audit rows and notifications are drawn in input order (ORDER BY).
  await sql`
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
          insert into idempotency_keys (actor_key, key, matter_id, created_at)
          select i.v->'idempotency'->>'actorKey', i.v->'idempotency'->>'key', i.id, (i.v->'matter'->>'created_at')::timestamptz
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
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists fq_report_matters(jsonb)`.execute(db);
  await m0017.up(db);
  await reportMatterFunction('full').execute(db);
}
