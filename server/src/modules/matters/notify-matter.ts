import type { Kysely, Transaction } from 'kysely';
import type { Role } from '@fengqiao/shared';
import type { Clock } from '../../platform/clock.js';
import { pathAbove } from '../../platform/db/area-path.js';
import { hasAnyRole } from '../../platform/db/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { LOCAL_UNIT_ROLES } from '../../platform/policy/policy.js';
import { notify } from '../notifications/service.js';
import { referenceDataFor } from './reference-data.js';

type Q = Kysely<DB> | Transaction<DB>;

const DISPATCHERS: Role[] = ['dispatcher'];
/** A unit's handlers hear of its matters wherever they lie; its area staff only inside their own scope (policy.unitActingAt). */
const HANDLERS: Role[] = ['dept_handler', 'dept_leader', 'dispatcher', 'mediator'];

/** Who hears about what happened to a matter. */
export type Audience = 'owner' | 'assigned' | 'grid' | 'reporter' | { units: string[] };

export interface MatterNotice {
  matterId: string;
  number: string;
  title: string;
  /** e.g. matter.dispatch, matter.overdue: the web words it by this code. */
  kind: string;
  body: string;
  audiences: Audience[];
  ownerUnitId: string;
  assignedUnitId: string | null;
  areaPath: string;
  reporterUserId: string | null;
}

async function usersInUnits(db: Q, root: Kysely<DB>, unitIds: string[], roles: Role[]): Promise<string[]> {
  const ref = referenceDataFor(root);
  const found: string[] = [];
  for (const unit of unitIds) found.push(...(await ref.unitUsers(unit, roles, db)));
  return found;
}

/** Active users with one of `roles` whose scope covers the matter's area, optionally only of some units. */
async function staffCovering(db: Q, areaPath: string, roles: readonly Role[], unitIds?: string[]): Promise<string[]> {
  if (unitIds?.length === 0) return [];
  let query = db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.code', 'u.scope_area_code')
    .select('u.id')
    .where((eb) => eb.or([eb('a.path', '=', areaPath), pathAbove('a.path', areaPath)]))
    .where(hasAnyRole('u.roles', roles))
    .where('u.disabled', '=', false);
  if (unitIds) query = query.where('u.unit_id', 'in', unitIds);
  return (await query.execute()).map((r) => r.id);
}

/** Grid workers and leaders whose scope covers the matter's area (核查 is theirs). */
const gridStaff = (db: Q, areaPath: string) => staffCovering(db, areaPath, ['grid_worker', 'grid_leader']);

/** Who handles a matter for these units: their handlers, and their area staff whose scope holds the matter. */
async function unitHandlers(db: Q, root: Kysely<DB>, unitIds: string[], areaPath: string): Promise<string[]> {
  const [handlers, local] = await Promise.all([usersInUnits(db, root, unitIds, HANDLERS), staffCovering(db, areaPath, LOCAL_UNIT_ROLES, unitIds)]);
  return [...handlers, ...local];
}

async function followers(db: Q, matterId: string, reporter: string | null): Promise<string[]> {
  const rows = await db.selectFrom('matter_followers').select('user_id').where('matter_id', '=', matterId).execute();
  return [...(reporter ? [reporter] : []), ...rows.map((r) => r.user_id)];
}

/** Who a matter notice reaches: staff (in-app) and the people who reported or follow it (also SMS). */
export async function matterRecipients(db: Q, root: Kysely<DB>, n: MatterNotice, exceptUserId?: string): Promise<{ staff: string[]; people: string[] }> {
  const staff = new Set<string>();
  let people: string[] = [];
  for (const audience of n.audiences) {
    if (audience === 'owner') (await usersInUnits(db, root, [n.ownerUnitId], DISPATCHERS)).forEach((id) => staff.add(id));
    else if (audience === 'assigned' && n.assignedUnitId) (await unitHandlers(db, root, [n.assignedUnitId], n.areaPath)).forEach((id) => staff.add(id));
    else if (audience === 'grid') (await gridStaff(db, n.areaPath)).forEach((id) => staff.add(id));
    else if (audience === 'reporter') people = await followers(db, n.matterId, n.reporterUserId);
    else if (typeof audience === 'object') (await unitHandlers(db, root, audience.units, n.areaPath)).forEach((id) => staff.add(id));
  }
  const keep = (id: string) => id !== exceptUserId;
  return { staff: [...staff].filter(keep), people: people.filter((id) => keep(id) && !staff.has(id)) };
}

/**
 * Writes the notifications of a matter event in the caller's transaction and returns who got
 * one, so the caller can publish to their open streams after the commit. Reporters and everyone
 * following a merged matter hear of every step; they also get an SMS through the outbox.
 */
export async function notifyMatter(db: Q, root: Kysely<DB>, clock: Clock, n: MatterNotice, exceptUserId?: string): Promise<string[]> {
  const { staff, people } = await matterRecipients(db, root, n, exceptUserId);
  const base = { kind: n.kind, title: `${n.number} ${n.title}`, body: n.body, link: `/matters/${n.matterId}`, matterId: n.matterId };
  await notify(db, { clock }, { ...base, userIds: staff });
  await notify(db, { clock }, { ...base, userIds: people, channels: ['sms'] });
  return [...staff, ...people];
}
