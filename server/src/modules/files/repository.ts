import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { FileRow } from '../../platform/db/schema-files-notifications.js';

type Q = Kysely<DB> | Transaction<DB>;

export function findFile(db: Q, id: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findFiles(db: Q, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('files').selectAll().where('id', 'in', ids).execute();
}

export async function insertFile(
  db: Q,
  row: { sha256: string; name: string; mime: string; size: number; thumbnail_sha256: string | null; uploaded_by: string; created_at: Date },
): Promise<FileRow> {
  return db.insertInto('files').values(row).returningAll().executeTakeFirstOrThrow();
}
