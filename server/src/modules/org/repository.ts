import type { Kysely, Transaction } from 'kysely';
import { pathAbove, pathWithin } from '../../platform/db/area-path.js';
import { containsPattern, paginate } from '../../platform/db/paging.js';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

function baseQuery(db: Q) {
  return db
    .selectFrom('org_units as o')
    .innerJoin('areas as a', 'a.code', 'o.area_code')
    .leftJoin('org_units as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.kind', 'o.area_code', 'o.parent_id', 'o.categories', 'o.phone', 'o.created_at', 'a.name as area_name', 'a.path as area_path', 'p.name as parent_name']);
}
export type OrgUnitView = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export function findOrgUnit(db: Q, id: string): Promise<OrgUnitView | undefined> {
  return baseQuery(db).where('o.id', '=', id).executeTakeFirst();
}

export interface OrgUnitFilter {
  /** The viewer's scope path: units inside it, and the units above it that serve it. */
  scopePath: string;
  areaPath?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
}

function filtered(db: Q, f: OrgUnitFilter) {
  let query = baseQuery(db).where((eb) => eb.or([pathWithin('a.path', f.scopePath), pathAbove('a.path', f.scopePath)]));
  if (f.areaPath) query = query.where(pathWithin('a.path', f.areaPath));
  if (f.kind) query = query.where('o.kind', '=', f.kind);
  if (f.q) query = query.where('o.name', 'like', containsPattern(f.q));
  return query;
}

export function listOrgUnits(db: Q, f: OrgUnitFilter, page: number, pageSize: number) {
  return paginate(filtered(db, f).orderBy('a.path').orderBy('o.name'), page, pageSize);
}

export async function insertOrgUnit(
  db: Q,
  row: { name: string; kind: string; area_code: string; parent_id: string | null; categories: string[]; phone: string | null; created_at: Date; updated_at: Date },
): Promise<string> {
  const r = await db.insertInto('org_units').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateOrgUnit(db: Q, id: string, patch: Record<string, unknown>): Promise<void> {
  await db.updateTable('org_units').set(patch).where('id', '=', id).execute();
}
