import { sql, type Kysely } from 'kysely';

// Matters (事项/工单): catalogue, routing, deadlines, working calendar, the matters themselves,
// their append-only timeline, units asked to help (协办/吹哨), supervision, alerts, idempotency.
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (q: ReturnType<typeof sql>) => q.execute(db);
  await run(sql`
    create table categories (
      code text primary key,
      name text not null,
      parent_code text references categories(code),
      active boolean not null default true,
      sort int not null default 0
    )`);
  await run(sql`
    create table routing_rules (
      id uuid primary key default gen_random_uuid(),
      category_code text not null references categories(code),
      area_code text not null references areas(code),
      unit_id uuid not null references org_units(id),
      note text,
      created_at timestamptz not null default now(),
      unique (category_code, area_code)
    )`);
  await run(sql`
    create table deadline_rules (
      id uuid primary key default gen_random_uuid(),
      category_code text references categories(code),
      urgency text not null,
      accept_hours int not null,
      handle_days int not null,
      unique nulls not distinct (category_code, urgency)
    )`);
  await run(sql`
    create table calendar_days (
      day date primary key,
      kind text not null check (kind in ('holiday','workday')),
      name text not null
    )`);
  await run(sql`create sequence matter_number_seq`);
  await run(sql`
    create table matters (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      channel text not null,
      referral_source text,
      title text not null,
      description text not null,
      category_code text references categories(code),
      urgency text not null,
      state text not null,
      address text not null,
      lon double precision,
      lat double precision,
      grid_code text references areas(code),
      area_code text not null references areas(code),
      area_path text not null,
      owner_unit_id uuid not null references org_units(id),
      assigned_unit_id uuid references org_units(id),
      reporter_user_id uuid references users(id),
      anonymous boolean not null default false,
      reporter_name_enc text,
      reporter_contact_enc text,
      reporter_contact_masked text,
      accept_due_at timestamptz,
      due_at timestamptz,
      stage_started_at timestamptz not null,
      warning text not null default 'none',
      extension_days int,
      extension_note text,
      extension_requested_at timestamptz,
      reopen_count int not null default 0,
      escalation_count int not null default 0,
      rating text,
      rating_comment text,
      merged_into uuid references matters(id),
      routing_rule_id uuid,
      routing_explanation text,
      supervised boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      closed_at timestamptz,
      rated_at timestamptz
    )`);
  await run(sql`create index matters_area_idx on matters (area_path text_pattern_ops, created_at desc)`);
  await run(sql`create index matters_owner_idx on matters (owner_unit_id, state, created_at desc)`);
  await run(sql`create index matters_assigned_idx on matters (assigned_unit_id, state, created_at desc)`);
  await run(sql`create index matters_reporter_idx on matters (reporter_user_id, created_at desc)`);
  await run(sql`create index matters_state_due_idx on matters (state, due_at)`);
  await run(sql`create index matters_created_idx on matters (created_at desc)`);
  await run(sql`create index matters_dup_idx on matters (category_code, created_at desc)`);

  await run(sql`
    create table matter_events (
      id bigserial primary key,
      matter_id uuid not null references matters(id),
      at timestamptz not null,
      actor_id uuid,
      actor_name text,
      unit_id uuid,
      unit_name text,
      action text not null,
      from_state text,
      to_state text,
      note text,
      data jsonb,
      attachment_ids uuid[] not null default '{}'
    )`);
  await run(sql`create index matter_events_matter_idx on matter_events (matter_id, id)`);
  // The timeline is append-only, like the audit log.
  await run(sql`create trigger matter_events_no_change before update or delete on matter_events
    for each row execute function audit_log_append_only()`);

  await run(sql`
    create table matter_units (
      matter_id uuid not null references matters(id),
      unit_id uuid not null references org_units(id),
      role text not null check (role in ('assist','summon')),
      due_at timestamptz,
      reported_at timestamptz,
      created_at timestamptz not null,
      primary key (matter_id, unit_id, role)
    )`);
  await run(sql`create index matter_units_unit_idx on matter_units (unit_id, matter_id)`);
  await run(sql`
    create table matter_supervisions (
      id bigserial primary key,
      matter_id uuid not null references matters(id),
      by_id uuid,
      by_name text not null,
      note text not null,
      due_at timestamptz,
      at timestamptz not null
    )`);
  await run(sql`create index matter_supervisions_matter_idx on matter_supervisions (matter_id)`);
  // One row per (matter, kind, deadline): inserting it is how exactly one scheduler process wins.
  await run(sql`
    create table matter_alerts (
      matter_id uuid not null references matters(id),
      kind text not null,
      deadline_at timestamptz not null,
      at timestamptz not null,
      primary key (matter_id, kind, deadline_at)
    )`);
  await run(sql`
    create table matter_followers (
      matter_id uuid not null references matters(id),
      user_id uuid not null references users(id),
      primary key (matter_id, user_id)
    )`);
  await run(sql`
    create table idempotency_keys (
      actor_key text not null,
      key text not null,
      matter_id uuid not null references matters(id),
      created_at timestamptz not null,
      primary key (actor_key, key)
    )`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['idempotency_keys', 'matter_followers', 'matter_alerts', 'matter_supervisions', 'matter_units', 'matter_events', 'matters', 'calendar_days', 'deadline_rules', 'routing_rules', 'categories']) {
    await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
  }
  await sql`drop sequence if exists matter_number_seq`.execute(db);
}
