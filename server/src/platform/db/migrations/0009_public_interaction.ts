import { sql, type Kysely } from 'kysely';

// The public platform's interaction (issue 4): people follow public posts (关注), the owning centre
// or the 指挥中心 moderates them, and anyone logged in may file a 监督举报. Only PostgreSQL 15 SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table matters
      add column follower_count int not null default 0,
      add column public_hidden boolean not null default false,
      add column public_abuse boolean not null default false,
      add column public_title text,
      add column public_description text,
      add column public_hidden_photo_ids uuid[] not null default '{}'`.execute(db);
  // follower_count is kept by the follow/unfollow transaction, so "most followed" is an index scan, not a count per row.
  await sql`create index matters_public_followed_idx on matters (follower_count desc, created_at desc, id desc) where public and not public_hidden and not public_abuse`.execute(db);
  await sql`
    create table matter_follows (
      matter_id uuid not null references matters(id),
      user_id uuid not null references users(id),
      created_at timestamptz not null,
      primary key (matter_id, user_id)
    )`.execute(db);
  await sql`create index matter_follows_user_idx on matter_follows (user_id, created_at desc)`.execute(db);

  await sql`create sequence supervision_number_seq`.execute(db);
  await sql`
    create table supervision_reports (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      kind text not null check (kind in ('slow_handling','improper_handling','misconduct')),
      matter_id uuid references matters(id),
      area_path text not null,
      subject text not null,
      content text not null,
      reporter_user_id uuid not null references users(id),
      state text not null default 'open' check (state in ('open','accepted','closed')),
      accept_note text,
      accepted_at timestamptz,
      accepted_by uuid references users(id),
      close_note text,
      closed_at timestamptz,
      closed_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index supervision_reports_reporter_idx on supervision_reports (reporter_user_id, created_at desc)`.execute(db);
  await sql`create index supervision_reports_queue_idx on supervision_reports (state, created_at desc)`.execute(db);

  // A caller that predates this migration leaves the new columns out: keep them at their defaults.
  await reportMatterFunction([
    ['public', 'false'],
    ['public_anonymous', 'false'],
    ['follower_count', '0'],
    ['public_hidden', 'false'],
    ['public_abuse', 'false'],
    ['public_hidden_photo_ids', `'{}'`],
  ]).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await reportMatterFunction([
    ['public', 'false'],
    ['public_anonymous', 'false'],
  ]).execute(db);
  await sql`drop table if exists supervision_reports`.execute(db);
  await sql`drop sequence if exists supervision_number_seq`.execute(db);
  await sql`drop table if exists matter_follows`.execute(db);
  await sql`drop index if exists matters_public_followed_idx`.execute(db);
  await sql`
    alter table matters
      drop column if exists follower_count, drop column if exists public_hidden, drop column if exists public_abuse,
      drop column if exists public_title, drop column if exists public_description, drop column if exists public_hidden_photo_ids`.execute(db);
}

/**
 * fq_report_matter (0005, 0008): jsonb_populate_record leaves a key the caller did not send NULL,
 * not the column default, so every NOT NULL column added since gets its default here.
 * `defaults` are fixed column names and SQL literals of this file, never input.
 */
function reportMatterFunction(defaults: [column: string, literal: string][]) {
  const fill = defaults.map(([column, literal]) => `m.${column} := coalesce(m.${column}, ${literal});`).join('\n      ');
  return sql`
    create or replace function fq_report_matter(p jsonb) returns jsonb language plpgsql as $fn$
    declare
      m matters;
      events jsonb;
    begin
      m := jsonb_populate_record(null::matters, p->'matter');
      m.id := gen_random_uuid();
      m.number := (p->>'numberDate') || lpad(nextval('matter_number_seq')::text, 6, '0');
      ${sql.raw(fill)}
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
    $fn$`;
}
