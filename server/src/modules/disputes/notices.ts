import type { Kysely, Transaction } from 'kysely';
import { levelAbove, type DisputeLevel, type Role } from '@fengqiao/shared';
import type { Clock } from '../../platform/clock.js';
import { hasAnyRole } from '../../platform/db/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { UNIT_ACTING_ROLES } from '../../platform/policy/policy.js';
import { notify } from '../notifications/service.js';
import { levelArea, levelUnit } from './repository.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Staff who run a level's cases: those whose scope is the level's area, and its mediation organisation. */
const LEVEL_STAFF: Role[] = ['grid_worker', 'grid_leader', 'community_staff', 'dispatcher', 'case_leader', 'command_operator'];
const UNIT_STAFF: Role[] = ['mediator', 'dept_handler', 'dispatcher'];

/** The sentence each notice carries (the web may word it again by kind, dispute.<event>). */
export const DISPUTE_NOTICES = {
  created: '有新的矛盾纠纷待指派调解',
  assign: '您有新的矛盾纠纷待调解',
  escalate: '矛盾纠纷已上报本级, 请指派调解',
  outcome: '矛盾纠纷调解已有结果',
  overdue_escalated: '矛盾纠纷在下级逾期未化解, 已移交本级',
  overdue_warned: '矛盾纠纷已超出本级调处时限',
  alerted: '重大或易激化矛盾纠纷, 请及时关注',
  performance_overdue: '调解协议到期未履行, 请跟进',
} as const;

/** Active users of a level: staff whose scope is exactly the level's area, plus its mediation organisation. */
export async function levelStaff(db: Q, levelAreaPath: string, unitId: string | null): Promise<string[]> {
  const byScope = await db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.code', 'u.scope_area_code')
    .select('u.id')
    .where('a.path', '=', levelAreaPath)
    .where(hasAnyRole('u.roles', LEVEL_STAFF))
    .where('u.disabled', '=', false)
    .execute();
  const byUnit = unitId
    ? await db.selectFrom('users').select('id').where('unit_id', '=', unitId).where(hasAnyRole('roles', UNIT_STAFF)).where('disabled', '=', false).execute()
    : [];
  return [...new Set([...byScope, ...byUnit].map((r) => r.id))];
}

/** The staff of the level above a case's level (for a 区-level case, the city's command centre). */
export async function staffAbove(db: Q, areaPath: string, level: DisputeLevel): Promise<string[]> {
  const up = levelAbove(level);
  if (!up) return levelStaff(db, areaPath.split('.')[0]!, null);
  const area = await levelArea(db, areaPath, up);
  if (!area) return [];
  return levelStaff(db, area.path, (await levelUnit(db, area.code))?.id ?? null);
}

/** The assigned mediators and every member who acts for the assigned studio or committee. */
export async function mediatorsOf(db: Q, caseId: string, studioId: string | null): Promise<string[]> {
  const assigned = await db.selectFrom('dispute_mediators').select('user_id').where('case_id', '=', caseId).where('released_at', 'is', null).execute();
  const studio = studioId
    ? await db.selectFrom('users').select('id as user_id').where('unit_id', '=', studioId).where(hasAnyRole('roles', UNIT_ACTING_ROLES)).where('disabled', '=', false).execute()
    : [];
  return [...new Set([...assigned, ...studio].map((r) => r.user_id))];
}

export interface DisputeNotice {
  caseId: string;
  number: string;
  title: string;
  event: keyof typeof DISPUTE_NOTICES;
  userIds: string[];
}

/** Writes in-app notifications in the caller's transaction; returns who got one, for publishAfterCommit. */
export async function notifyDispute(db: Q, clock: Clock, n: DisputeNotice, exceptUserId?: string): Promise<string[]> {
  const userIds = n.userIds.filter((id) => id !== exceptUserId);
  await notify(db, { clock }, { userIds, kind: `dispute.${n.event}`, title: `${n.number} ${n.title}`, body: DISPUTE_NOTICES[n.event], link: `/disputes/${n.caseId}` });
  return userIds;
}
