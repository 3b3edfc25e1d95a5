import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Contacts with their area (name, level, path) and unit name: the one select every read uses. */
export function contactRows(db: Q) {
  return db
    .selectFrom('contacts as c')
    .innerJoin('areas as a', 'a.code', 'c.area_code')
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .select([
      'c.id',
      'c.area_code',
      'a.name as area_name',
      'a.level as area_level',
      'a.path as area_path',
      'a.depth as area_depth',
      'c.kind',
      'c.name',
      'c.title',
      'c.unit_id',
      'u.name as unit_name',
      'c.phone',
      'c.duty',
      'c.sort',
      'c.updated_at',
    ]);
}

export type ContactRow = Awaited<ReturnType<ReturnType<typeof contactRows>['execute']>>[number];

export function findContact(db: Q, id: string): Promise<ContactRow | undefined> {
  return contactRows(db).where('c.id', '=', id).executeTakeFirst();
}

/** A case-insensitive match of `q` on name, title or duty (LIKE wildcards in `q` are taken literally). */
export function matchText(q: string) {
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return sql<boolean>`(c.name ilike ${like} or c.title ilike ${like} or coalesce(c.duty, '') ilike ${like})`;
}
