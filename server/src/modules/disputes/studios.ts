import { sql, type SqlBool } from 'kysely';
import type { StudioProfile } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/policy/policy.js';
import { byType, outcomeColumns, outcomeOf, recentCases } from './figures.js';
import { mediatorQuery, toMediatorRow, visibleStudio } from './mediators.js';

/**
 * A studio's (工作室), committee's (调委会) or 司法所's record. Its cases: those assigned to it,
 * those at the level it is the mediation organisation of, and those its members mediate now.
 * Every outcome of those counts for it.
 */
export async function studioProfile(ctx: Ctx, unitId: string): Promise<StudioProfile> {
  const actor = requireActor(ctx.actor);
  const unit = await visibleStudio(ctx, unitId);
  const ids = () => sql`
    select id from dispute_cases where studio_id = ${unit.id} or unit_id = ${unit.id}
    union
    select dm.case_id from dispute_mediators dm join users u on u.id = dm.user_id where u.unit_id = ${unit.id} and dm.released_at is null`;
  const [figures, members, types, recent] = await Promise.all([
    ctx.db.selectFrom('dispute_cases as d').select(outcomeColumns(sql<SqlBool>`true`)).where(sql<SqlBool>`d.id in (${ids()})`).executeTakeFirst(),
    mediatorQuery(ctx.db).where('u.unit_id', '=', unit.id).where('u.disabled', '=', false).orderBy(sql`coalesce(s.total, 0)`, 'desc').orderBy('u.display_name').execute(),
    byType(ctx.db, ids),
    recentCases(ctx, actor, ids),
  ]);
  const { openCases, totalCases, settled, failed, successRate, avgDaysToResolve } = outcomeOf(figures);
  return {
    unitId: unit.id,
    name: unit.name,
    kind: unit.kind,
    areaName: unit.area_name,
    mediators: members.map(toMediatorRow),
    openCases,
    totalCases,
    settled,
    failed,
    successRate,
    avgDaysToResolve,
    byType: types,
    recentCases: recent,
  };
}
