import type { ExpressionBuilder } from 'kysely';
import { pathWithin } from '../db/area-path.js';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import { AREA_WIDE_DISPUTE_ROLES } from './disputes.js';
import { actingUnitOf, holdsAnyRole } from './policy.js';

/** SQL form of ./disputes.canSeeDispute over `dispute_cases as d`, for lists, figures and statistics. */
export function visibleDisputes(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { d: DB['dispute_cases'] }, 'd'>) => {
    const ors = [];
    if (holdsAnyRole(actor, AREA_WIDE_DISPUTE_ROLES)) ors.push(pathWithin('d.area_path', actor.scopePath));
    // Level staff need no term of their own: a level's area holds the case's area, so their scope covers it.
    const unit = actingUnitOf(actor);
    if (unit) ors.push(eb('d.unit_id', '=', unit), eb('d.studio_id', '=', unit));
    // Past and present mediators: released ones keep reading the case they worked on.
    ors.push(eb('d.id', 'in', eb.selectFrom('dispute_mediators as dm').select('dm.case_id').where('dm.user_id', '=', actor.id)));
    ors.push(eb('d.created_by', '=', actor.id));
    return eb.or(ors);
  };
}
