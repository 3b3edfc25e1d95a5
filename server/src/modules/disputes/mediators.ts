import { sql, type Kysely } from 'kysely';
import type { MediatorListQuery, MediatorProfile, MediatorRow } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { pathWithin } from '../../platform/db/area-path.js';
import { paginate } from '../../platform/db/paging.js';
import { hasAnyRole } from '../../platform/db/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { canSeeMediator, canSeeStudio } from '../../platform/policy/disputes.js';
import { requireActor } from '../../platform/policy/policy.js';
import { byType, outcomeColumns, outcomeOf, recentCases } from './figures.js';
import { figuresArea } from './access.js';

// 调解员 records: caseload, 调解成功率 and mean days to settle, per person. A case counts for
// everyone ever assigned to it; its outcome for those still on it when it ended.

/** One row per mediator and case (reassignments leave several rows): still on it or released. */
function mediatorCases(db: Kysely<DB>) {
  return db
    .selectFrom('dispute_mediators')
    .select(['user_id', 'case_id', sql<boolean>`bool_or(released_at is null)`.as('active')])
    .groupBy(['user_id', 'case_id']);
}

function mediatorFigures(db: Kysely<DB>) {
  return db
    .selectFrom(mediatorCases(db).as('mc'))
    .innerJoin('dispute_cases as d', 'd.id', 'mc.case_id')
    .select('mc.user_id')
    .select(outcomeColumns(sql.ref('mc.active')))
    .groupBy('mc.user_id');
}

/** Mediators with their figures: people with the mediator role, and anyone who has mediated a case. */
export function mediatorQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.code', 'u.scope_area_code')
    .leftJoin('org_units as ou', 'ou.id', 'u.unit_id')
    .leftJoin('areas as ua', 'ua.code', 'ou.area_code')
    .leftJoin(mediatorFigures(db).as('s'), 's.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.unit_id', 'ou.name as unit_name', 'a.name as area_name', 'a.path as area_path', 'ua.path as unit_area_path'])
    .select(['s.total', 's.open', 's.settled', 's.failed', 's.avg_days'])
    .where((eb) => eb.or([hasAnyRole('u.roles', ['mediator']), eb('s.user_id', 'is not', null)]));
}
type MediatorView = Awaited<ReturnType<ReturnType<typeof mediatorQuery>['executeTakeFirstOrThrow']>>;

export function toMediatorRow(m: MediatorView): MediatorRow {
  return { userId: m.id, name: m.display_name, unitId: m.unit_id, unitName: m.unit_name, areaName: m.area_name, ...outcomeOf(m) };
}

/** Bodies that mediate as such: they are assigned to cases beside (or instead of) people. */
export const STUDIO_KINDS = ['studio', 'mediation_committee', 'judicial_office'] as const;

/** A studio, committee or 司法所 the caller may read about, or the same 404 as a missing one. */
export async function visibleStudio(ctx: Ctx, unitId: string) {
  const actor = requireActor(ctx.actor);
  const unit = await ctx.db
    .selectFrom('org_units as o')
    .innerJoin('areas as a', 'a.code', 'o.area_code')
    .select(['o.id', 'o.name', 'o.kind', 'a.name as area_name', 'a.path as area_path'])
    .where('o.id', '=', unitId)
    .executeTakeFirst();
  if (!unit || !(STUDIO_KINDS as readonly string[]).includes(unit.kind) || !canSeeStudio(actor, { unitId: unit.id, areaPath: unit.area_path })) throw notFound('Studio');
  return { ...unit, kind: unit.kind as (typeof STUDIO_KINDS)[number] };
}

/** Mediators whose scope lies in the area (default: the caller's), or the members of a studio; most cases first. */
export async function listMediators(ctx: Ctx, q: MediatorListQuery) {
  const actor = requireActor(ctx.actor);
  let query = mediatorQuery(ctx.db)
    // The SQL form of policy/disputes.canSeeMediator.
    .where((eb) => eb.or([pathWithin('a.path', actor.scopePath), pathWithin('ua.path', actor.scopePath), eb('u.id', '=', actor.id)]))
    .where('u.disabled', '=', false);
  if (q.unitId) query = query.where('u.unit_id', '=', (await visibleStudio(ctx, q.unitId)).id);
  if (q.areaCode || !q.unitId) query = query.where(pathWithin('a.path', (await figuresArea(ctx, q.areaCode)).path));
  const ordered = query.orderBy(sql`coalesce(s.total, 0)`, 'desc').orderBy('u.display_name').orderBy('u.id');
  const { items, total } = await paginate(ordered, q.page, q.pageSize);
  return { items: items.map(toMediatorRow), total, page: q.page, pageSize: q.pageSize };
}

/** One mediator's record, what they mediated by type, and their latest cases the caller may open. */
export async function mediatorProfile(ctx: Ctx, userId: string): Promise<MediatorProfile> {
  const actor = requireActor(ctx.actor);
  const m = await mediatorQuery(ctx.db).where('u.id', '=', userId).executeTakeFirst();
  if (!m || !canSeeMediator(actor, { userId: m.id, areaPath: m.area_path, unitAreaPath: m.unit_area_path })) throw notFound('Mediator');
  const ids = () => sql`select case_id from dispute_mediators where user_id = ${userId}`;
  const [types, recent] = await Promise.all([byType(ctx.db, ids), recentCases(ctx, actor, ids)]);
  return { ...toMediatorRow(m), byType: types, recentCases: recent };
}
