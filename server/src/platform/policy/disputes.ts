import {
  DISPUTE_TRANSITIONS,
  disputeActionsFrom,
  type DisputeAction,
  type DisputeLevel,
  type DisputeRelation,
  type DisputeState,
  type Role,
} from '@fengqiao/shared';
import { mayAct } from '../lifecycle/check.js';
import type { Actor } from './actor.js';
import { aboveScope, actingUnitOf, holdsAnyRole, inScope } from './policy.js';

/**
 * Record-level rules for dispute cases: who relates to a case how, who sees it, who may take
 * which step now. ./disputes-sql.ts (visibleDisputes) is the SQL form of canSeeDispute for lists
 * and must agree with it (policy-agreement.test.ts).
 */
export interface DisputeFacts {
  state: DisputeState;
  areaPath: string;
  level: DisputeLevel;
  /** Path of the area of the case's current level (its grid, community, street or district). */
  levelAreaPath: string;
  /** The mediation organisation of the current level (调委会, 司法所 or 综治中心), if there is one. */
  unitId: string | null;
  /** The studio or committee assigned to mediate. */
  studioId: string | null;
  activeMediatorIds: readonly string[];
  /** Mediators released when the case moved up: they keep reading the case they worked on. */
  pastMediatorIds: readonly string[];
  createdBy: string | null;
}

/** Roles that see every case inside their area scope; everyone else sees the cases they work on. */
export const AREA_WIDE_DISPUTE_ROLES: readonly Role[] = ['grid_worker', 'grid_leader', 'community_staff', 'dispatcher', 'case_leader', 'command_operator', 'auditor', 'admin'];
/** Staff who run the cases of their own level (分级负责): the 网格, 村/社区, 镇/街道 or 区 their scope is. */
const LEVEL_STAFF: readonly Role[] = ['grid_worker', 'grid_leader', 'community_staff', 'dispatcher', 'case_leader'];
/** The city's command centre (and the administrator) may step in at any level. */
const CITY_WIDE: readonly Role[] = ['command_operator', 'admin'];
/** Members of a level's mediation organisation who may assign its cases. */
const UNIT_STAFF: readonly Role[] = ['mediator', 'dept_handler', 'dispatcher'];

export function disputeRelations(actor: Actor, f: DisputeFacts): Set<DisputeRelation> {
  const r = new Set<DisputeRelation>();
  const atLevel = actor.scopePath === f.levelAreaPath;
  // A 网格长 leads every grid of their community, so grid-level cases there are theirs too.
  const gridLeader = f.level === 'grid' && actor.roles.includes('grid_leader') && inScope(actor, f.levelAreaPath);
  if ((holdsAnyRole(actor, LEVEL_STAFF) && (atLevel || gridLeader)) || (holdsAnyRole(actor, CITY_WIDE) && inScope(actor, f.areaPath))) r.add('manager');
  const unit = actingUnitOf(actor);
  if (unit !== null && unit === f.unitId && holdsAnyRole(actor, UNIT_STAFF)) r.add('manager');
  if (f.activeMediatorIds.includes(actor.id) || (unit !== null && unit === f.studioId)) r.add('mediator');
  return r;
}

export function canSeeDispute(actor: Actor, f: DisputeFacts): boolean {
  if (holdsAnyRole(actor, AREA_WIDE_DISPUTE_ROLES) && inScope(actor, f.areaPath)) return true;
  if (disputeRelations(actor, f).size > 0) return true;
  const unit = actingUnitOf(actor);
  if (unit !== null && (unit === f.unitId || unit === f.studioId)) return true;
  return f.pastMediatorIds.includes(actor.id) || f.createdBy === actor.id;
}

export function mayTakeDispute(action: DisputeAction, relations: ReadonlySet<DisputeRelation>): boolean {
  return mayAct<DisputeRelation>(DISPUTE_TRANSITIONS[action], relations);
}

export function allowedDisputeActions(actor: Actor, f: DisputeFacts): DisputeAction[] {
  const relations = disputeRelations(actor, f);
  return disputeActionsFrom(f.state).filter((a) => mayTakeDispute(a, relations));
}

/** A mediator who registers a case (a walk-in at their studio, the 流动办公桌) mediates it at once. */
export function mediatesOwnIntake(actor: Actor): boolean {
  return actor.roles.includes('mediator');
}

/** Who may read parties' full names and numbers (every reading audited): the level's staff and the mediators. */
export function mayRevealParties(actor: Actor, f: DisputeFacts): boolean {
  return disputeRelations(actor, f).size > 0;
}

// Items 6–9 (滚动排查, 联席会, mediators, statistics): rules on areas and people rather than on one case.

/** 滚动排查 is reported by a grid's own staff: its 网格员, and the 网格长 and 社区 staff above it. */
const SCREENING_STAFF: readonly Role[] = ['grid_worker', 'grid_leader', 'community_staff'];
/** 联席会 are held by a 镇/街道's centre: its dispatchers and 包案领导, and the city's command centre. */
const MEETING_STAFF: readonly Role[] = ['dispatcher', 'case_leader', ...CITY_WIDE];

export function mayReportScreening(actor: Actor, gridPath: string): boolean {
  return holdsAnyRole(actor, SCREENING_STAFF) && inScope(actor, gridPath);
}

/**
 * Figures of an area (screening coverage, statistics, mediators) are read for the part of it
 * inside the reader's scope: an area in the scope, or one above it (a grid worker asking for the
 * community gets their grid). An area beside the scope answers 404 like a missing one.
 */
export function mayReadAreaFigures(actor: Actor, areaPath: string): boolean {
  return inScope(actor, areaPath) || aboveScope(actor, areaPath);
}

/** Who may hold (and read) the 联席会 of an area: centre staff whose scope holds it. Callers answer 404 when the area is outside the scope. */
export function mayHoldMeeting(actor: Actor, areaPath: string): boolean {
  return holdsAnyRole(actor, MEETING_STAFF) && inScope(actor, areaPath);
}

/** A mediator's record is read by those whose scope holds the mediator's (or their unit's) area, and by the mediator. */
export function canSeeMediator(actor: Actor, m: { userId: string; areaPath: string; unitAreaPath: string | null }): boolean {
  return actor.id === m.userId || inScope(actor, m.areaPath) || (m.unitAreaPath !== null && inScope(actor, m.unitAreaPath));
}

/** A studio's or committee's record: those whose scope holds its area, and its own members. */
export function canSeeStudio(actor: Actor, s: { unitId: string; areaPath: string }): boolean {
  return actor.unitId === s.unitId || inScope(actor, s.areaPath);
}
