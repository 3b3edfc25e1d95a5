import type { Kysely, Transaction } from 'kysely';
import { pathWithin } from '../../platform/db/area-path.js';
import type { AreaRow, DB, NewArea } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;


export function findArea(db: Q, code: string): Promise<AreaRow | undefined> {
  return db.selectFrom('areas').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findAreas(db: Q, codes: string[]): Promise<Pick<AreaRow, 'code' | 'name' | 'level' | 'path'>[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('areas').select(['code', 'name', 'level', 'path']).where('code', 'in', codes).execute();
}

export function listChildren(db: Q, parentCode: string) {
  return db
    .selectFrom('areas as a')
    .select(['a.code', 'a.name', 'a.level', 'a.parent_code', 'a.path'])
    .select((eb) => eb.selectFrom('areas as c').whereRef('c.parent_code', '=', 'a.code').select(eb.fn.countAll<number>().as('n')).as('child_count'))
    .where('a.parent_code', '=', parentCode)
    .orderBy('a.code')
    .execute();
}

export function countChildren(db: Q, code: string): Promise<number> {
  return db
    .selectFrom('areas')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_code', '=', code)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export function listGridsUnder(db: Q, path: string) {
  return db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'parent_code', 'geometry'])
    .where('level', '=', 'grid')
    .where(pathWithin('path', path))
    .where('geometry', 'is not', null)
    .orderBy('code')
    .execute();
}

export function listAllGridGeometries(db: Q) {
  return db.selectFrom('areas').select(['code', 'geometry']).where('level', '=', 'grid').where('geometry', 'is not', null).execute();
}

/** A cheap fingerprint of the grid layer, so other processes' edits are noticed. */
export function gridLayerStamp(db: Q): Promise<string> {
  return db
    .selectFrom('areas')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
    .where('level', '=', 'grid')
    .executeTakeFirstOrThrow()
    .then((r) => `${r.n}:${r.latest ? new Date(r.latest as Date).toISOString() : ''}`);
}

export async function insertAreas(db: Q, rows: NewArea[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('areas').values(rows.slice(i, i + 500)).execute();
  }
}

export async function updateArea(db: Q, code: string, patch: Partial<NewArea>): Promise<void> {
  await db.updateTable('areas').set(patch).where('code', '=', code).execute();
}
