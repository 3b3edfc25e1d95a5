import {
  MATTER_TRANSITIONS,
  channelsFor,
  actionsFrom,
  type MatterAction,
  type MatterChannel,
  type MatterRelation,
  type MatterState,
  type Role,
} from '@fengqiao/shared';
import { mayAct } from '../lifecycle/check.js';
import type { Actor } from './actor.js';
import { actingUnitOf, holdsAnyRole, inScope, unitActingAt } from './policy.js';

/**
 * Record-level rules for matters: who relates to a matter how, who sees it, who may take which
 * action now, and who may report through which channel. ./matters-sql.ts (visibleMatters) is the
 * SQL form of canSeeMatter for lists and must agree with it (policy-agreement.test.ts).
 */
export interface MatterFacts {
  state: MatterState;
  areaPath: string;
  ownerUnitId: string;
  /** Area path of the owning 综治中心 (a higher centre's dispatchers may act for it). */
  ownerPath: string;
  assignedUnitId: string | null;
  reporterUserId: string | null;
  assistUnitIds: readonly string[];
  summonedUnitIds: readonly string[];
}

/** Roles that see every matter inside their area scope (others see the matters routed to their unit). */
export const AREA_WIDE_MATTER_ROLES: readonly Role[] = [
  'dispatcher',
  'command_operator',
  'grid_worker',
  'grid_leader',
  'building_leader',
  'community_staff',
  'case_leader',
  'auditor',
  'admin',
];
const DISPATCH_ROLES: readonly Role[] = ['dispatcher', 'command_operator'];
const GRID_ROLES: readonly Role[] = ['grid_worker', 'grid_leader', 'community_staff'];
const LEADER_ROLES: readonly Role[] = ['case_leader', 'dept_leader', 'command_operator'];
const UNIT_ROLES: readonly Role[] = ['dept_handler', 'dept_leader', 'dispatcher', 'community_staff', 'mediator', 'grid_leader'];

export function matterRelations(actor: Actor, m: MatterFacts): Set<MatterRelation> {
  const r = new Set<MatterRelation>();
  const myUnit = unitActingAt(actor, m.areaPath);
  if (holdsAnyRole(actor, DISPATCH_ROLES) && ((myUnit !== null && myUnit === m.ownerUnitId) || inScope(actor, m.ownerPath))) r.add('owner_dispatcher');
  if (myUnit && myUnit === m.assignedUnitId && holdsAnyRole(actor, UNIT_ROLES)) r.add('assigned_unit');
  if (myUnit && m.assistUnitIds.includes(myUnit)) r.add('assisting_unit');
  if (myUnit && m.summonedUnitIds.includes(myUnit)) r.add('summoned_unit');
  if (holdsAnyRole(actor, GRID_ROLES) && inScope(actor, m.areaPath)) r.add('grid_worker');
  if (m.reporterUserId && actor.id === m.reporterUserId) r.add('reporter');
  if (holdsAnyRole(actor, LEADER_ROLES) && (inScope(actor, m.areaPath) || (myUnit !== null && myUnit === m.assignedUnitId))) r.add('leader');
  return r;
}

/** Area roles see their scope; unit roles also what their unit owns, handles, assists or was summoned to; a reporter their own. */
export function canSeeMatter(actor: Actor, m: MatterFacts): boolean {
  if (holdsAnyRole(actor, AREA_WIDE_MATTER_ROLES) && inScope(actor, m.areaPath)) return true;
  const myUnit = actingUnitOf(actor);
  if (myUnit && (myUnit === m.assignedUnitId || myUnit === m.ownerUnitId || m.assistUnitIds.includes(myUnit) || m.summonedUnitIds.includes(myUnit))) return true;
  return m.reporterUserId !== null && actor.id === m.reporterUserId;
}

/** Who may see the reporter's name and reach them by phone: the reporter, the owning centre's dispatchers, the handling unit. */
export function mayContactReporter(actor: Actor, m: MatterFacts): boolean {
  const r = matterRelations(actor, m);
  return r.has('reporter') || r.has('owner_dispatcher') || r.has('assigned_unit');
}

export function mayTake(action: MatterAction, relations: ReadonlySet<MatterRelation>): boolean {
  return mayAct<MatterRelation>(MATTER_TRANSITIONS[action], relations);
}

/** The actions this actor may take on this matter now (state allows it and a relation permits it). */
export function allowedMatterActions(actor: Actor, m: MatterFacts): MatterAction[] {
  const relations = matterRelations(actor, m);
  return actionsFrom(m.state).filter((a) => mayTake(a, relations));
}

/**
 * The reply check's flags on a 反馈's timeline entry are for staff reviewing their own work,
 * not for the person who asked: an account holding only the citizen role (or none, an Open311
 * key) reads the timeline without them.
 */
export function maySeeReplyFlags(actor: Actor): boolean {
  return actor.roles.some((r) => r !== 'citizen');
}

export function mayUseChannel(actor: Actor, channel: MatterChannel): boolean {
  // An Open311 API key reports through its own channel only, and no person through that one.
  if (actor.apiKeyId !== undefined) return channel === 'open311';
  return channelsFor(actor.roles).includes(channel);
}
