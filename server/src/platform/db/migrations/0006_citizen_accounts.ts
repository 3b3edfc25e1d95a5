import { sql, type Kysely } from 'kysely';

// Citizen accounts: a citizen is found by the look-up hash of their mobile number (an HMAC keyed
// from the secret key, FieldCipher.lookupHash), never by the number in clear; verification codes
// for registration and password reset are stored hashed. Only SQL that PostgreSQL 15 accepts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column phone_lookup text unique`.execute(db);
  await sql`
    create table verification_codes (
      id uuid primary key default gen_random_uuid(),
      phone_lookup text not null,
      purpose text not null check (purpose in ('register','reset')),
      code_hash text not null,
      expires_at timestamptz not null,
      attempts int not null default 0,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index verification_codes_phone_idx on verification_codes (phone_lookup, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists verification_codes`.execute(db);
  await sql`alter table users drop column if exists phone_lookup`.execute(db);
}
