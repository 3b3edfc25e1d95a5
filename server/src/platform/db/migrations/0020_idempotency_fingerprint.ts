import { sql, type Kysely } from 'kysely';
import { applyFunction } from '../functions.js';
import * as m0018 from './0018_report_matters_set.js';

// An Idempotency-Key remembers the request it was first sent with: the SHA-256 of the canonical
// body (modules/matters/idempotency.ts). A retry with the same body gets the matter back; the same
// key with another body is refused (422 IDEMPOTENCY_KEY_REUSED) instead of answering with a matter
// that is not the one asked for. Keys written before this have no fingerprint and keep replaying.
// fq_report_matter and fq_report_matters write it; their text is in ../functions/*.sql.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table idempotency_keys add column fingerprint text`.execute(db);
  await applyFunction(db, 'fq_report_matter');
  await applyFunction(db, 'fq_report_matters');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await m0018.up(db);
  await sql`alter table idempotency_keys drop column fingerprint`.execute(db);
}
