import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../platform/crypto.js';
import type { DB } from '../../platform/db/schema.js';
import { redactText } from '../public/redact.js';
import { knownNamesOf } from '../public/redact-known.js';
import { matterDocument } from './tokens.js';

// What of a matter is searchable, by whom: the staff find it by its number, title, description,
// address and category; the public only by the words the public page shows, after redaction
// (moderation's replacement text if any, phone and ID numbers, rooms and names masked, with the
// same known names as the page: redact-known.ts), so a search can never reveal what the page hides.

/** The columns a matter's documents are built from. */
export function documentSource(db: Kysely<DB>) {
  return db
    .selectFrom('matters as m')
    .leftJoin('categories as c', 'c.code', 'm.category_code')
    .select([
      'm.id', 'm.number', 'm.title', 'm.description', 'm.address', 'c.name as category_name', 'm.created_at',
      'm.public', 'm.public_title', 'm.public_description', 'm.reporter_name_enc',
    ]);
}
export type SourceRow = Awaited<ReturnType<ReturnType<typeof documentSource>['executeTakeFirstOrThrow']>>;

type PublicSource = Pick<SourceRow, 'title' | 'description' | 'public_title' | 'public_description'>;

/** The names each matter's public text masks (knownNamesOf), for a batch of rows. */
export function namesOf(db: Kysely<DB>, cipher: FieldCipher, rows: readonly SourceRow[]): Promise<Map<string, string[]>> {
  return knownNamesOf(db, cipher, rows);
}

/** Exactly the title and description the public pages show. */
function publicTexts(row: PublicSource, names: readonly string[]): [string, string] {
  return [redactText(row.public_title ?? row.title, names), redactText(row.public_description ?? row.description, names)];
}

/** The public document: the words of the public title and description. */
export function publicDocument(row: PublicSource, names: readonly string[]): string {
  return matterDocument(null, publicTexts(row, names));
}

/**
 * `tokens` holds the public words too (moderation's replacement text), so its one GIN index finds
 * every candidate of a public search, which then must match `public_tokens` as well.
 */
export function documentsOf(row: SourceRow, names: readonly string[]) {
  const publicText = row.public ? publicTexts(row, names) : null;
  return {
    matter_id: row.id,
    tokens: matterDocument(row.number, [row.title, row.description, row.address, row.category_name, ...(publicText ?? [])]),
    public_tokens: publicText ? matterDocument(null, publicText) : null,
  };
}
