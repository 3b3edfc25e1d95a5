import { sql, type Kysely } from 'kysely';

// Territory, organisation, people, sessions and the append-only audit log.
// Only SQL that PostgreSQL 15 accepts: PGlite is PostgreSQL 18, production is 15.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table areas (
      code text primary key,
      name text not null,
      level text not null check (level in ('city','district','street','community','grid','building','unit')),
      parent_code text references areas(code),
      path text not null,
      depth int not null,
      geometry jsonb,
      min_lon double precision, min_lat double precision,
      max_lon double precision, max_lat double precision,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index areas_parent_idx on areas (parent_code, code)`.execute(db);
  await sql`create index areas_path_idx on areas (path text_pattern_ops)`.execute(db);
  await sql`create index areas_level_idx on areas (level)`.execute(db);

  await sql`
    create table org_units (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      kind text not null,
      area_code text not null references areas(code),
      parent_id uuid references org_units(id),
      categories text[] not null default '{}',
      phone text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (area_code, name)
    )`.execute(db);
  await sql`create index org_units_area_idx on org_units (area_code)`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null unique,
      display_name text not null,
      password_hash text not null,
      roles text[] not null,
      unit_id uuid references org_units(id),
      scope_area_code text not null references areas(code),
      phone_enc text,
      phone_masked text,
      disabled boolean not null default false,
      failed_logins int not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index users_scope_idx on users (scope_area_code)`.execute(db);
  await sql`create index users_unit_idx on users (unit_id)`.execute(db);

  await sql`
    create table sessions (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('cookie','bearer')),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_name text,
      action text not null,
      entity text not null,
      entity_id text not null,
      before jsonb,
      after jsonb,
      request_id text
    )`.execute(db);
  await sql`create index audit_log_entity_idx on audit_log (entity, entity_id, id)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_id, id)`.execute(db);
  // Append-only: the database itself refuses updates, deletes and truncation.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_log', 'sessions', 'users', 'org_units', 'areas']) {
    await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
  }
  await sql`drop function if exists audit_log_append_only()`.execute(db);
}
