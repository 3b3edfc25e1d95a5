import { DISPUTE_LEVELS, DEFAULT_LEVEL_LIMIT_DAYS, OPEN_DISPUTE_STATES, type DisputeLevel, type DisputeListQuery } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { containsPattern, paginate } from '../../platform/db/paging.js';
import { pathWithin } from '../../platform/db/area-path.js';
import { actingUnitOf, requireActor } from '../../platform/policy/policy.js';
import { lookupArea } from '../territory/public.js';
import { visibleDisputes } from '../../platform/policy/disputes-sql.js';
import { caseQuery } from './repository.js';
import { toListItem } from './view.js';

/**
 * Cases the viewer may see, by work queue: my_level (open cases at the viewer's own level area,
 * what 分级负责 makes theirs), assigned_to_me, open, overdue (past the level's time), ended.
 */
export async function listCases(ctx: Ctx, q: DisputeListQuery) {
  const actor = requireActor(ctx.actor);
  const now = ctx.clock.now();
  let query = caseQuery(ctx.db).where(visibleDisputes(actor));
  const open = [...OPEN_DISPUTE_STATES];
  switch (q.queue) {
    case 'my_level':
      query = query.where('d.level_area_path', '=', actor.scopePath).where('d.state', 'in', open);
      break;
    case 'assigned_to_me': {
      const studio = actingUnitOf(actor);
      query = query.where((eb) =>
        eb.or([
          eb('d.id', 'in', eb.selectFrom('dispute_mediators as dm').select('dm.case_id').where('dm.user_id', '=', actor.id).where('dm.released_at', 'is', null)),
          ...(studio ? [eb('d.studio_id', '=', studio)] : []),
        ]),
      );
      break;
    }
    case 'open':
      query = query.where('d.state', 'in', open);
      break;
    case 'overdue':
      query = query.where('d.state', 'in', open).where('d.level_due_at', '<', now);
      break;
    case 'ended':
      query = query.where('d.state', 'not in', open);
      break;
  }
  if (q.state) query = query.where('d.state', '=', q.state);
  if (q.type) query = query.where('d.type', '=', q.type);
  if (q.level) query = query.where('d.level', '=', q.level);
  if (q.areaCode) {
    const area = await lookupArea(ctx.db, q.areaCode);
    query = area ? query.where(pathWithin('d.area_path', area.path)) : query.where('d.id', 'is', null);
  }
  if (q.q) {
    const like = containsPattern(q.q);
    query = query.where((eb) => eb.or([eb('d.number', 'like', like), eb('d.title', 'like', like)]));
  }
  const { items, total } = await paginate(query.orderBy('d.created_at', 'desc').orderBy('d.id'), q.page, q.pageSize);
  return { items: items.map((c) => toListItem(c, now)), total, page: q.page, pageSize: q.pageSize };
}

export async function listLevelLimits(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('dispute_level_limits').select(['level', 'days']).execute();
  const days = new Map(rows.map((r) => [r.level, r.days]));
  return DISPUTE_LEVELS.map((level) => ({ level, days: days.get(level) ?? DEFAULT_LEVEL_LIMIT_DAYS[level] }));
}

/** An admin changes a level's time limit; cases entering the level from now on run against it. */
export async function setLevelLimit(ctx: Ctx, level: DisputeLevel, days: number) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('dispute_level_limits').select('days').where('level', '=', level).executeTakeFirst();
    await trx
      .insertInto('dispute_level_limits')
      .values({ level, days, updated_at: now })
      .onConflict((oc) => oc.column('level').doUpdateSet({ days, updated_at: now }))
      .execute();
    await audit(trx, ctx, { action: 'dispute.level_limit.set', entity: 'dispute_level_limit', entityId: level, before: before ?? null, after: { days } });
  });
  return listLevelLimits(ctx);
}
