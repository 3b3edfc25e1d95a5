import type { Actor } from './actor.js';
import { inScope } from './policy.js';

/**
 * Record rules for 监督举报. A report is about how a matter was handled or how someone behaved, so
 * it goes to the 指挥中心 (command_operator) whose scope covers it and never to the unit it may be
 * about: the handling unit's handlers, leaders and dispatchers hold no supervision.read, and an
 * operator who sits in the matter's handling unit does not see it either.
 * modules/supervision/repository.ts (queueVisibleTo) is the SQL form and must agree.
 */
export interface SupervisionFacts {
  /** The linked matter's area path, or the top of the reporter's scope when none is linked. */
  areaPath: string;
  /** The linked matter's handling unit now, if any. */
  handlingUnitId: string | null;
  reporterUserId: string;
}

/** The supervision desk: a 指挥中心 operator holding supervision.read. Which reports they handle, canHandleSupervision says. */
export function worksSupervisionDesk(actor: Actor): boolean {
  return actor.roles.includes('command_operator') && actor.permissions.has('supervision.read');
}

export function canHandleSupervision(actor: Actor, r: SupervisionFacts): boolean {
  if (!worksSupervisionDesk(actor)) return false;
  if (!inScope(actor, r.areaPath)) return false;
  return actor.unitId === null || actor.unitId !== r.handlingUnitId;
}

/** Reading one report: the 指挥中心 that handles it, and the person who filed it. */
export function canReadSupervision(actor: Actor, r: SupervisionFacts): boolean {
  return r.reporterUserId === actor.id || canHandleSupervision(actor, r);
}
