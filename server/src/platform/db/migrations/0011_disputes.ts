import { sql, type Kysely } from 'kysely';

// Disputes (矛盾纠纷排查调处): cases, their parties (names and numbers encrypted), mediators,
// sessions, agreement terms with their performance, the chain after mediation (司法确认 → 诉前调解 →
// 诉讼), an append-only timeline, and the configurable time limit of each level. Only SQL that
// PostgreSQL 15 accepts.
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (q: ReturnType<typeof sql>) => q.execute(db);
  await run(sql`
    create table dispute_level_limits (
      level text primary key check (level in ('grid','community','street','district')),
      days int not null check (days between 1 and 365),
      updated_at timestamptz not null default now()
    )`);
  await run(sql`insert into dispute_level_limits (level, days) values ('grid', 3), ('community', 10), ('street', 15), ('district', 30)`);

  await run(sql`create sequence dispute_number_seq`);
  await run(sql`
    create table dispute_cases (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      title text not null,
      facts text not null,
      source text not null,
      type text not null,
      matter_id uuid references matters(id),
      area_code text not null references areas(code) on update cascade,
      area_path text not null,
      address text not null,
      amount_fen bigint,
      people_involved int not null,
      risk_level text not null check (risk_level in ('general','serious','major')),
      volatile boolean not null default false,
      mediation_type text not null,
      level text not null check (level in ('grid','community','street','district')),
      level_area_code text not null references areas(code) on update cascade,
      level_area_path text not null,
      unit_id uuid references org_units(id),
      studio_id uuid references org_units(id),
      state text not null,
      failed_path text,
      agreed_facts text,
      agreement_file_id uuid references files(id),
      level_started_at timestamptz not null,
      level_due_at timestamptz,
      level_overdue_at timestamptz,
      escalation_count int not null default 0,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      ended_at timestamptz
    )`);
  await run(sql`create index dispute_cases_area_idx on dispute_cases (area_path text_pattern_ops, created_at desc)`);
  await run(sql`create index dispute_cases_level_area_idx on dispute_cases (level_area_path, state)`);
  await run(sql`create index dispute_cases_due_idx on dispute_cases (state, level_due_at)`);
  await run(sql`create index dispute_cases_studio_idx on dispute_cases (studio_id) where studio_id is not null`);
  await run(sql`create index dispute_cases_matter_idx on dispute_cases (matter_id) where matter_id is not null`);

  await run(sql`
    create table dispute_parties (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references dispute_cases(id),
      seq int not null,
      role text not null check (role in ('applicant','respondent')),
      kind text not null check (kind in ('person','organisation')),
      name_enc text not null,
      name_shown text not null,
      id_number_enc text,
      id_number_masked text,
      phone_enc text,
      phone_masked text,
      unique (case_id, seq)
    )`);

  await run(sql`
    create table dispute_mediators (
      id bigserial primary key,
      case_id uuid not null references dispute_cases(id),
      user_id uuid not null references users(id),
      assigned_at timestamptz not null,
      released_at timestamptz
    )`);
  await run(sql`create index dispute_mediators_case_idx on dispute_mediators (case_id)`);
  await run(sql`create index dispute_mediators_user_idx on dispute_mediators (user_id, case_id)`);

  // One row per session: two mediators recording at once add two rows, neither overwrites the other.
  await run(sql`
    create table dispute_sessions (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references dispute_cases(id),
      level text not null,
      at timestamptz not null,
      place text not null,
      on_site boolean not null default false,
      participants jsonb not null default '[]',
      minutes text,
      held_at timestamptz,
      recorded_by uuid references users(id),
      recorded_by_name text,
      version int not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
  await run(sql`create index dispute_sessions_case_idx on dispute_sessions (case_id, at)`);

  await run(sql`
    create table dispute_terms (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references dispute_cases(id),
      seq int not null,
      text text not null,
      due_at timestamptz,
      performed_at timestamptz,
      performance_note text,
      overdue_notified_at timestamptz,
      unique (case_id, seq)
    )`);
  await run(sql`create index dispute_terms_due_idx on dispute_terms (due_at) where performed_at is null`);

  await run(sql`
    create table dispute_chain_steps (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references dispute_cases(id),
      seq int not null,
      kind text not null,
      applied_at timestamptz not null,
      institution text not null,
      case_number text,
      result text,
      result_at timestamptz,
      note text,
      attachment_ids uuid[] not null default '{}',
      created_by uuid references users(id),
      created_at timestamptz not null,
      unique (case_id, seq)
    )`);

  await run(sql`
    create table dispute_events (
      id bigserial primary key,
      case_id uuid not null references dispute_cases(id),
      at timestamptz not null,
      actor_id uuid,
      actor_name text,
      action text not null,
      from_state text,
      to_state text,
      level text not null,
      note text,
      data jsonb,
      attachment_ids uuid[] not null default '{}'
    )`);
  await run(sql`create index dispute_events_case_idx on dispute_events (case_id, id)`);
  // Files are found by the events that carry them (who may read a file follows its case).
  await run(sql`create index dispute_events_files_idx on dispute_events using gin (attachment_ids)`);
  // The timeline is append-only, like the audit log.
  await run(sql`create trigger dispute_events_no_change before update or delete on dispute_events
    for each row execute function audit_log_append_only()`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['dispute_events', 'dispute_chain_steps', 'dispute_terms', 'dispute_sessions', 'dispute_mediators', 'dispute_parties', 'dispute_cases', 'dispute_level_limits']) {
    await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
  }
  await sql`drop sequence if exists dispute_number_seq`.execute(db);
}
