import { sql, type Kysely } from 'kysely';

// The category classifier in the platform (modules/classification): trained models (the last one
// stored, highest seq, is the one in use: clocks can tie, a sequence cannot; a few older ones are
// kept), the one-row training lease that lets a single process train at a time, and labelled rows
// imported from a city's earlier system. Only PostgreSQL 15 SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table category_models (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity unique,
      trained_at timestamptz not null,
      trained_by uuid references users(id),
      trigger text not null check (trigger in ('manual', 'schedule')),
      matter_rows int not null,
      imported_rows int not null,
      data_stamp text not null,
      labels jsonb not null,
      metrics jsonb not null,
      train_ms int not null,
      model_bytes int not null,
      model text not null
    )`.execute(db);

  // holder/lease_until: who trains now and until when the claim holds (a crashed process's claim
  // runs out); the last failure stays for the admin page until the next success.
  await sql`
    create table category_training (
      id smallint primary key check (id = 1),
      holder text,
      trigger text,
      started_by uuid references users(id),
      started_at timestamptz,
      lease_until timestamptz,
      last_error_at timestamptz,
      last_error_code text,
      last_error_message text
    )`.execute(db);
  await sql`insert into category_training (id) values (1)`.execute(db);

  await sql`
    create table category_training_rows (
      id bigint generated always as identity primary key,
      external_id text not null,
      line int not null,
      text text not null,
      category_code text not null references categories(code),
      imported_at timestamptz not null,
      imported_by uuid references users(id)
    )`.execute(db);

  // The training data from the platform, newest first, and its change stamp (count, newest close).
  await sql`
    create index matters_closed_labelled_idx on matters (closed_at desc)
      where state in ('closed', 'rated') and category_code is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists matters_closed_labelled_idx`.execute(db);
  await sql`drop table if exists category_training_rows`.execute(db);
  await sql`drop table if exists category_training`.execute(db);
  await sql`drop table if exists category_models`.execute(db);
}
