import { ACTIONS, type Action, type Role } from '@fengqiao/shared';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';

/**
 * The one place that decides who may do what. Role grants say which actions a role may take
 * at all; area scope (below) says on which records. Routes declare their action; services
 * call the scope checks. Nothing else re-implements either.
 */
// Every role may report, read and act on matters: which matters, and which actions, the
// record-level rules in ./matters.ts decide (a citizen sees their own, a grid worker their grid …).
// Every role may upload attachments; reading a file follows the record it is attached to (modules/files).
// Everyone logged in may follow public posts and file a 监督举报 (policy/supervision.ts says who reads it).
const EVERYONE: Action[] = ['file.upload', 'public.follow', 'supervision.create'];
const MATTERS: Action[] = [...EVERYONE, 'matter.create', 'matter.read', 'matter.act'];
const READ_TERRITORY: Action[] = ['area.read', 'org.read', 'contact.read', 'catalog.read', ...MATTERS];
const SUPERVISE: Action[] = [...READ_TERRITORY, 'user.read'];
// 矛盾纠纷: which cases, and which steps on them, the record rules in ./disputes.ts decide (a mediator
// the cases assigned to them, the staff of a level the cases at that level …).
const DISPUTE_MEDIATE: Action[] = ['dispute.read', 'dispute.create', 'dispute.mediate'];
const DISPUTE_MANAGE: Action[] = [...DISPUTE_MEDIATE, 'dispute.manage'];

// 热点 (hot_issue.read): the 指挥中心, the centres' dispatchers and the 包案领导, who see every matter in
// their area anyway; the groups they read are of the matters inside their scope (modules/hot-issues).
export const ROLE_GRANTS: Record<Role, readonly Action[]> = {
  citizen: MATTERS,
  grid_worker: [...READ_TERRITORY, ...DISPUTE_MANAGE],
  grid_leader: [...SUPERVISE, ...DISPUTE_MANAGE],
  building_leader: ['area.read', ...MATTERS],
  community_staff: [...SUPERVISE, ...DISPUTE_MANAGE],
  dispatcher: [...SUPERVISE, 'matter.moderate', ...DISPUTE_MANAGE, 'hot_issue.read'],
  dept_handler: [...READ_TERRITORY, 'dispute.read', 'dispute.mediate'], // 司法所 or a department mediating (行政调解)
  dept_leader: [...SUPERVISE, 'dispute.read'],
  mediator: [...READ_TERRITORY, ...DISPUTE_MEDIATE],
  case_leader: [...SUPERVISE, ...DISPUTE_MANAGE, 'hot_issue.read'],
  // 指挥中心: also handles 监督举报 and moderates public posts (dispatchers moderate their own centre's, policy/moderation.ts).
  command_operator: [...SUPERVISE, 'supervision.read', 'supervision.handle', 'matter.moderate', ...DISPUTE_MANAGE, 'hot_issue.read'],
  // 三员分立: the auditor reads the audit trail; the administrator changes data but cannot read the trail.
  auditor: ['area.read', 'org.read', 'contact.read', 'user.read', 'catalog.read', 'matter.read', 'audit.read', 'dispute.read', ...EVERYONE],
  // 监督举报 are for the 指挥中心 alone: reports about staff are not an administrator's to read.
  // Training the category classifier and importing labelled history (classifier.manage) is the administrator's alone.
  admin: ACTIONS.filter((a) => a !== 'audit.read' && a !== 'supervision.read' && a !== 'supervision.handle'),
};

export function permissionsOf(roles: readonly Role[]): Set<Action> {
  return new Set(roles.flatMap((r) => ROLE_GRANTS[r] ?? []));
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Please log in first');
  return actor;
}

/** Role check: the route's action must be granted to one of the actor's roles. */
export function authorize(actor: Actor | null, action: Action): Actor {
  const a = requireActor(actor);
  if (!a.permissions.has(action)) {
    throw new AppError('FORBIDDEN', `Your role does not allow this action (${action})`);
  }
  return a;
}

/** True when the area at `path` lies inside the actor's scope subtree. */
export function inScope(actor: Actor, path: string): boolean {
  return path === actor.scopePath || path.startsWith(`${actor.scopePath}.`);
}

/**
 * Roles that work for their unit wherever its records lie: a centre's dispatchers, a department's
 * handlers and leaders, a studio's mediators, the 包案领导 and the 指挥中心. Everyone else works an
 * area (网格员, 网格长, 楼栋长, 社区 staff, auditors): the unit they belong to, often the street's
 * 综治中心, gives them nothing outside their own scope, or a 网格员 would read the whole street.
 */
export const UNIT_ACTING_ROLES: readonly Role[] = ['dispatcher', 'command_operator', 'dept_handler', 'dept_leader', 'mediator', 'case_leader'];
/** Area staff who handle their unit's work inside their own area (a community centre's staff, a 网格长). */
export const LOCAL_UNIT_ROLES: readonly Role[] = ['community_staff', 'grid_leader'];

/** Whether the actor holds at least one of `roles`. */
export const holdsAnyRole = (actor: Actor, roles: readonly Role[]) => actor.roles.some((r) => roles.includes(r));

/** The unit through which this actor reaches records anywhere, or null when their roles bind them to their area. */
export function actingUnitOf(actor: Actor): string | null {
  return actor.unitId !== null && holdsAnyRole(actor, UNIT_ACTING_ROLES) ? actor.unitId : null;
}

/** The unit this actor acts for on a record at `path`: anywhere for unit roles, only inside their scope for area staff. */
export function unitActingAt(actor: Actor, path: string): string | null {
  const unit = actingUnitOf(actor);
  if (unit !== null) return unit;
  return actor.unitId !== null && holdsAnyRole(actor, LOCAL_UNIT_ROLES) && inScope(actor, path) ? actor.unitId : null;
}

/** True when `path` is an ancestor of the actor's scope (the units above a grid worker, say). */
export function aboveScope(actor: Actor, path: string): boolean {
  return actor.scopePath.startsWith(`${path}.`);
}

/**
 * Record check. Out-of-scope answers exactly like missing, so nobody learns what exists elsewhere.
 */
export function assertVisible<T>(record: T | undefined | null, visible: (r: T) => boolean, what: string): T {
  if (!record || !visible(record)) throw new AppError('NOT_FOUND', `${what} not found`);
  return record;
}
