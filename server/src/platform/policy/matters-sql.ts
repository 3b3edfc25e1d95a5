import type { ExpressionBuilder } from 'kysely';
import { pathWithin } from '../db/area-path.js';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import { AREA_WIDE_MATTER_ROLES } from './matters.js';
import { actingUnitOf, holdsAnyRole } from './policy.js';

/** SQL form of ./matters.canSeeMatter over `matters as m`, for lists, searches and exports. */
export function visibleMatters(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { m: DB['matters'] }, 'm'>) => {
    const ors = [];
    if (holdsAnyRole(actor, AREA_WIDE_MATTER_ROLES)) ors.push(pathWithin('m.area_path', actor.scopePath));
    const unit = actingUnitOf(actor);
    if (unit) {
      ors.push(eb('m.assigned_unit_id', '=', unit));
      ors.push(eb('m.owner_unit_id', '=', unit));
      // IN, not a correlated EXISTS: PostgreSQL hashes the unit's few matters once instead of probing per row.
      ors.push(eb('m.id', 'in', eb.selectFrom('matter_units as mu').select('mu.matter_id').where('mu.unit_id', '=', unit)));
    }
    ors.push(eb('m.reporter_user_id', '=', actor.id));
    return eb.or(ors);
  };
}
