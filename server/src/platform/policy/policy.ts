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
const EVERYONE: Action[] = ['file.upload'];
const MATTERS: Action[] = [...EVERYONE, 'matter.create', 'matter.read', 'matter.act'];
const READ_TERRITORY: Action[] = ['area.read', 'org.read', 'contact.read', 'catalog.read', ...MATTERS];
const SUPERVISE: Action[] = [...READ_TERRITORY, 'user.read'];

export const ROLE_GRANTS: Record<Role, readonly Action[]> = {
  citizen: MATTERS,
  grid_worker: READ_TERRITORY,
  grid_leader: SUPERVISE,
  building_leader: ['area.read', ...MATTERS],
  community_staff: SUPERVISE,
  dispatcher: SUPERVISE,
  dept_handler: READ_TERRITORY,
  dept_leader: SUPERVISE,
  mediator: READ_TERRITORY,
  case_leader: SUPERVISE,
  command_operator: SUPERVISE,
  // 三员分立: the auditor reads the audit trail; the administrator changes data but cannot read the trail.
  auditor: ['area.read', 'org.read', 'contact.read', 'user.read', 'catalog.read', 'matter.read', 'audit.read', ...EVERYONE],
  admin: ACTIONS.filter((a) => a !== 'audit.read'),
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
