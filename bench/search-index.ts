// Search documents for bulk-loaded matters, for the benches: the indexer's sweep leaves matters
// stamped before its watermark to the hourly full sweep, so a bench that loads history writes
// their documents itself, as a backfill would.
import { sql } from 'kysely';
import { documentSource, documentsOf, namesOf } from '../server/src/modules/search/documents.js';
import type { FieldCipher } from '../server/src/platform/crypto.js';
import type { Database } from '../server/src/platform/db/database.js';

/** Documents for every matter without one, written with the GIN index dropped and built again afterwards (analyze is the caller's). */
export async function bulkIndex(db: Database['db'], cipher: FieldCipher) {
  let t = performance.now();
  await sql`drop index matter_search_tokens_idx`.execute(db);
  let count = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await documentSource(db)
      .where('m.id', '>', after)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('matter_search as s').select('s.matter_id').whereRef('s.matter_id', '=', 'm.id'))))
      .orderBy('m.id')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const names = await namesOf(db, cipher, rows.filter((r) => r.public));
    const docs = rows.map((r) => documentsOf(r, names.get(r.id) ?? []));
    await sql`insert into matter_search (matter_id, tokens, public_tokens, indexed_at)
      select id, t, p, now() from unnest(${docs.map((d) => d.matter_id)}::uuid[], ${docs.map((d) => d.tokens)}::tsvector[], ${docs.map((d) => d.public_tokens)}::tsvector[]) as x(id, t, p)
      on conflict (matter_id) do nothing`.execute(db);
    count += rows.length;
  }
  const documentsS = (performance.now() - t) / 1000;
  t = performance.now();
  await db.transaction().execute(async (trx) => {
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    await sql`create index matter_search_tokens_idx on matter_search using gin (tokens)`.execute(trx);
  });
  return { count, documentsS, buildS: (performance.now() - t) / 1000 };
}
