import { sql, type Kysely } from 'kysely';

// Searching matters by words people type (路灯, 3号楼, a 工单编号): Chinese has no spaces, most
// queries are two characters, and pg_trgm needs three. Each matter keeps the set of character
// bigrams of its title, address and number; a GIN index finds the rows holding every bigram of
// the query, and the exact LIKE then confirms them. Only PostgreSQL 15 SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function fq_bigrams(t text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct substr(lower(t), i, 2)), '{}')
      from generate_series(1, greatest(length(t) - 1, 0)) as i
    $$`.execute(db);
  await sql`alter table matters add column search_bigrams text[]
    generated always as (fq_bigrams(title || ' ' || address || ' ' || number)) stored`.execute(db);
  await sql`create index matters_search_idx on matters using gin (search_bigrams)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table matters drop column if exists search_bigrams`.execute(db);
  await sql`drop function if exists fq_bigrams(text)`.execute(db);
}
