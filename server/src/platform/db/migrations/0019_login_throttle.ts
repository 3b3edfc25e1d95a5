import { sql, type Kysely } from 'kysely';

// Failed-login and code-guess counters (platform/auth/throttle.ts), shared by every server
// process. A row is one of: an account on one client (account_key and client_key), an account on
// all clients (client_key ''), or a client on all accounts (account_key ''). Keys are look-up
// hashes, so neither typed usernames, mobile numbers nor IP addresses are kept in clear. The
// per-user lockout columns go: no failure count on the account itself can lock its owner out.
// Only PostgreSQL 15 SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_throttle (
      scope text not null check (scope in ('login', 'code', 'code_send')),
      account_key text not null,
      client_key text not null,
      failures integer not null check (failures >= 0),
      window_start timestamptz not null,
      last_at timestamptz not null,
      blocked_until timestamptz,
      primary key (scope, account_key, client_key),
      check (account_key <> '' or client_key <> '')
    )`.execute(db);
  // Expired rows are swept oldest first on later attempts.
  await sql`create index login_throttle_last_at_idx on login_throttle (last_at)`.execute(db);
  await sql`alter table users drop column failed_logins, drop column locked_until`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column failed_logins int not null default 0, add column locked_until timestamptz`.execute(db);
  await sql`drop table if exists login_throttle`.execute(db);
}
