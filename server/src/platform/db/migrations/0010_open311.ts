import { sql, type Kysely } from 'kysely';

// Open311 GeoReport v2 (modules/open311): API keys administrators issue to third-party apps, and
// the token each request created through the API answers with. A key is stored only as its keyed
// hash (FieldCipher.lookupHash) and a short prefix to recognise it by. Only PostgreSQL 15 SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table open311_api_keys (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      key_hash text not null unique,
      prefix text not null,
      created_by uuid references users(id),
      created_at timestamptz not null,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);
  // One row per request created through Open311. email_enc: the reporter's e-mail, which matters
  // have no column for, encrypted like every contact (never answered by the API).
  await sql`
    create table open311_tokens (
      token text primary key,
      matter_id uuid not null unique references matters(id),
      api_key_id uuid not null references open311_api_keys(id),
      email_enc text,
      created_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists open311_tokens`.execute(db);
  await sql`drop table if exists open311_api_keys`.execute(db);
}
