import { sql, type Kysely, type Transaction } from 'kysely';
import { pathAbove, pathWithin } from '../../platform/db/area-path.js';
import { hasAnyRole } from '../../platform/db/roles.js';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Description characters read per matter: the engine reads no more (features.ts). */
const TEXT_CHARS = 2_000;

/**
 * The newest matters reported in [from, to] inside `scopePath` (all when null), at most `limit`,
 * with the name of their community (the 4th level of the path) or else of their own area.
 * Voided and withdrawn matters are no reports of a problem; merged ones are (another person said it).
 */
export function mattersInWindow(db: Q, opts: { from: Date; to: Date; scopePath: string | null; limit: number }) {
  let q = db
    .selectFrom('matters as m')
    .innerJoin('areas as a', 'a.code', 'm.area_code')
    .leftJoin('areas as c', (join) => join.onRef('c.code', '=', sql`split_part(m.area_path, '.', 4)`))
    .select([
      'm.id', 'm.number', 'm.title', 'm.address', 'm.created_at', 'm.state', 'm.area_path', 'm.lon', 'm.lat',
      'm.reporter_user_id', 'm.reporter_contact_masked', 'm.follower_count', 'a.name as area_name', 'c.name as community_name',
    ])
    .select(sql<string>`left(m.description, ${TEXT_CHARS})`.as('description'))
    .where('m.created_at', '>=', opts.from)
    .where('m.created_at', '<=', opts.to)
    .where('m.state', 'not in', ['voided', 'withdrawn']);
  if (opts.scopePath) q = q.where(pathWithin('m.area_path', opts.scopePath));
  return q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(opts.limit).execute();
}
export type WindowMatter = Awaited<ReturnType<typeof mattersInWindow>>[number];

/** Names of areas by path (an area's code is the last part of its path). */
export async function areaNamesByPath(db: Q, paths: readonly string[]): Promise<Map<string, string>> {
  const codes = [...new Set(paths.map((p) => p.split('.').at(-1)!))];
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('areas').select(['path', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.path, r.name]));
}

/** Earlier alerts of a kind whose seed is one of `matterIds`, highest level first. */
export function alertsSeededBy(db: Q, kind: 'cluster' | 'wages', matterIds: readonly string[]) {
  return db
    .selectFrom('hot_issue_alerts')
    .select(['seed_matter_id', 'level', 'created_at'])
    .where('kind', '=', kind)
    .where('seed_matter_id', 'in', matterIds)
    .orderBy('level', 'desc')
    .orderBy('created_at')
    .execute();
}

/** 指挥中心 operators whose scope holds `areaPath`. */
export async function commandOperatorsOver(db: Q, areaPath: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.code', 'u.scope_area_code')
    .select('u.id')
    .where((eb) => eb.or([eb('a.path', '=', areaPath), pathAbove('a.path', areaPath)]))
    .where(hasAnyRole('u.roles', ['command_operator']))
    .where('u.disabled', '=', false)
    .execute();
  return rows.map((r) => r.id);
}

/** Dispatchers of the 综治中心 nearest at or above `areaPath`. */
export async function centreDispatchersFor(db: Q, areaPath: string): Promise<string[]> {
  const centre = await db
    .selectFrom('org_units as o')
    .innerJoin('areas as a', 'a.code', 'o.area_code')
    .select('o.id')
    .where('o.kind', '=', 'center')
    .where((eb) => eb.or([eb('a.path', '=', areaPath), pathAbove('a.path', areaPath)]))
    .orderBy('a.depth', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!centre) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('unit_id', '=', centre.id)
    .where(hasAnyRole('roles', ['dispatcher']))
    .where('disabled', '=', false)
    .execute();
  return rows.map((r) => r.id);
}
