import { sql, type Kysely } from 'kysely';

// Attachments (content-addressed on disk, one row per upload), in-app notifications and the
// outbox that carries messages to other channels. Only SQL that PostgreSQL 15 accepts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table files (
      id uuid primary key default gen_random_uuid(),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      name text not null,
      mime text not null,
      size bigint not null check (size >= 0),
      thumbnail_sha256 text check (thumbnail_sha256 ~ '^[0-9a-f]{64}$'),
      uploaded_by uuid not null references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index files_uploader_idx on files (uploaded_by, created_at)`.execute(db);
  await sql`create index files_sha256_idx on files (sha256)`.execute(db);

  await sql`
    create table notifications (
      id bigserial primary key,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null,
      title text not null,
      body text not null,
      link text,
      matter_id uuid,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`.execute(db);
  await sql`create index notifications_user_idx on notifications (user_id, read_at, id)`.execute(db);

  await sql`
    create table outbox (
      id bigserial primary key,
      channel text not null check (channel in ('sms','wechat','log')),
      recipient text not null,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      available_at timestamptz not null default now(),
      sent_at timestamptz,
      attempts int not null default 0,
      last_error text,
      locked_by text,
      locked_until timestamptz
    )`.execute(db);
  // The dispatcher's claim query: unsent rows, oldest first.
  await sql`create index outbox_pending_idx on outbox (available_at, id) where sent_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['outbox', 'notifications', 'files']) {
    await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
  }
}
