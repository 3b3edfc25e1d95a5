import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';

// Each PL/pgSQL function's current text lives in one file, functions/<name>.sql (create or
// replace), so a change to a function is a diff of that file instead of a new copy of it in a
// migration. A migration that changes a function applies its file; the schema it needs must
// exist by then (fresh databases run every earlier migration applying the same, newest text).

export type DbFunction = 'fq_report_matter' | 'fq_report_matters';

export async function applyFunction(db: Kysely<unknown>, name: DbFunction): Promise<void> {
  const text = fs.readFileSync(new URL(`./functions/${name}.sql`, import.meta.url), 'utf8');
  await sql.raw(text).execute(db);
}
