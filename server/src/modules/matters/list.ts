import { sql } from 'kysely';
import { OPEN_STATES, type MatterListQuery } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { pathWithin } from '../../platform/db/area-path.js';
import { containsPattern, paginate } from '../../platform/db/paging.js';
import { requireActor } from '../../platform/policy/policy.js';
import { findArea } from '../territory/repository.js';
import { matterQuery, visibleTo } from './repository.js';
import { toListItem } from './view.js';

const SORT_COLUMN = { createdAt: 'm.created_at', dueAt: 'm.due_at', updatedAt: 'm.updated_at' } as const;

/** The matters this viewer may see, narrowed by a work queue and filters. */
export function filteredMatters(ctx: Ctx, q: Omit<MatterListQuery, 'page' | 'pageSize'>, areaPath: string | null) {
  const actor = requireActor(ctx.actor);
  const unit = actor.unitId ?? '00000000-0000-0000-0000-000000000000';
  let query = matterQuery(ctx.db).where(visibleTo(actor));
  switch (q.queue) {
    case 'triage':
      query = query.where('m.state', '=', 'pending_triage').where('m.owner_unit_id', '=', unit);
      break;
    case 'to_accept':
      query = query.where('m.state', '=', 'dispatched').where('m.assigned_unit_id', '=', unit);
      break;
    case 'in_progress':
      query = query.where('m.state', '=', 'handling').where('m.assigned_unit_id', '=', unit);
      break;
    case 'to_verify':
      query = query.where('m.state', '=', 'replied');
      break;
    case 'due_soon':
      query = query.where('m.warning', '=', 'yellow').where('m.state', 'in', [...OPEN_STATES]);
      break;
    case 'overdue':
      query = query.where('m.warning', '=', 'red').where('m.state', 'in', [...OPEN_STATES]);
      break;
    case 'reported_by_me':
      query = query.where('m.reporter_user_id', '=', actor.id);
      break;
    case 'closed':
      query = query.where('m.state', 'in', ['closed', 'rated']);
      break;
    case undefined:
      break;
  }
  if (q.state) query = query.where('m.state', '=', q.state);
  if (q.channel) query = query.where('m.channel', '=', q.channel);
  if (q.categoryCode) {
    const code = q.categoryCode;
    query = query.where((eb) => eb.or([eb('m.category_code', '=', code), eb('m.category_code', 'like', `${code}.%`)]));
  }
  if (areaPath) query = query.where(pathWithin('m.area_path', areaPath));
  if (q.q) {
    const like = containsPattern(q.q);
    query = query.where((eb) => eb.or([eb('m.title', 'like', like), eb('m.number', 'like', like), eb('m.address', 'like', like)]));
  }
  const column = SORT_COLUMN[q.sort];
  return query.orderBy(sql.ref(column), (ob) => (q.order === 'asc' ? ob.asc() : ob.desc()).nullsLast()).orderBy('m.id', q.order);
}

export async function listMatters(ctx: Ctx, q: MatterListQuery) {
  let areaPath: string | null = null;
  if (q.areaCode) areaPath = (await findArea(ctx.db, q.areaCode))?.path ?? '-';
  const { items, total } = await paginate(filteredMatters(ctx, q, areaPath), q.page, q.pageSize);
  return { items: items.map(toListItem), total, page: q.page, pageSize: q.pageSize };
}
