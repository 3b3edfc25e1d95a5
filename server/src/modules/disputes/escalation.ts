import type { Kysely, Transaction } from 'kysely';
import { levelAbove, type DisputeDetail, type DisputeLevel, type DisputeRiskLevel } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { conflict } from '../../platform/errors.js';
import { addWorkingDays, type CalendarOverrides } from '../matters/calendar/working-time.js';
import { referenceDataFor } from '../matters/reference-data.js';
import { levelStaff, staffAbove, type DisputeNotice } from './notices.js';
import { appendEvents, levelArea, levelLimitDays, levelUnit, type CaseView } from './repository.js';
import { runDisputeStep } from './transition.js';

type Q = Kysely<DB> | Transaction<DB>;
type Notice = Omit<DisputeNotice, 'caseId' | 'number' | 'title'>;

/** A 重大 case or one flagged 易激化 is known to the level above from the moment it is. */
export const needsAlert = (riskLevel: DisputeRiskLevel | string, volatile: boolean) => riskLevel === 'major' || volatile;

/** The columns a case gets on entering a level: its area, organisation, clock. */
export async function levelEntry(db: Q, areaPath: string, level: DisputeLevel, now: Date, calendar: CalendarOverrides) {
  const area = await levelArea(db, areaPath, level);
  if (!area) throw conflict(`The case's area has no ${level} above it`);
  const unit = await levelUnit(db, area.code);
  const dueAt = addWorkingDays(now, await levelLimitDays(db, level), calendar);
  return {
    area,
    unit,
    set: { level, level_area_code: area.code, level_area_path: area.path, unit_id: unit?.id ?? null, level_started_at: now, level_due_at: dueAt, level_overdue_at: null },
  };
}

/**
 * Moving a case up one level: the next level's area, organisation and clock; the studio and
 * mediators of the old level are released (they keep reading it); back to 已受理 for the new level
 * to assign. Its sessions and timeline stay with it.
 */
export async function escalationOf(db: Q, c: CaseView, now: Date, calendar: CalendarOverrides) {
  const up = levelAbove(c.level as DisputeLevel);
  if (!up) throw conflict(`Case ${c.number} is already at the top level (区); it cannot move up`);
  const entry = await levelEntry(db, c.area_path, up, now, calendar);
  return {
    up,
    entry,
    set: { ...entry.set, studio_id: null, escalation_count: c.escalation_count + 1 },
    data: { fromLevel: c.level, toLevel: up, toArea: entry.area.name, toUnit: entry.unit?.name ?? null, dueAt: entry.set.level_due_at.toISOString() },
  };
}

export async function releaseMediators(trx: Transaction<DB>, caseId: string, now: Date): Promise<void> {
  await trx.updateTable('dispute_mediators').set({ released_at: now }).where('case_id', '=', caseId).where('released_at', 'is', null).execute();
}

/**
 * Alerts the level above a case (重大 / 易激化): a timeline entry at the case's level and a notice
 * to that level's staff, in the caller's transaction.
 */
export async function alertAbove(trx: Transaction<DB>, c: { id: string; area_path: string; risk_level: string; volatile: boolean }, level: DisputeLevel, now: Date, actor: { id: string; displayName: string } | null): Promise<Notice[]> {
  const userIds = await staffAbove(trx, c.area_path, level);
  await appendEvents(trx, [
    {
      case_id: c.id,
      at: now,
      actor_id: actor?.id ?? null,
      actor_name: actor?.displayName ?? null,
      action: 'alerted',
      from_state: null,
      to_state: null,
      level,
      note: null,
      data: { riskLevel: c.risk_level, volatile: c.volatile, toLevel: levelAbove(level) ?? 'city', recipients: userIds.length },
    },
  ]);
  return [{ event: 'alerted', userIds }];
}

/** The notices of a case arriving at a level: its staff, and the level above when it is major or volatile. */
export async function arrivalNotices(trx: Transaction<DB>, c: CaseView, entry: Awaited<ReturnType<typeof levelEntry>>, level: DisputeLevel, event: Notice['event'], now: Date, actor: { id: string; displayName: string } | null): Promise<Notice[]> {
  const notices: Notice[] = [{ event, userIds: await levelStaff(trx, entry.area.path, entry.unit?.id ?? null) }];
  if (needsAlert(c.risk_level, c.volatile)) notices.push(...(await alertAbove(trx, c, level, now, actor)));
  return notices;
}

/** 上报 by hand: the case is beyond what this level can settle (超出本级调处能力). */
export async function escalateCase(ctx: Ctx, id: string, body: { reason: string; note: string }): Promise<DisputeDetail> {
  const calendar = await referenceDataFor(ctx.db).calendar();
  return runDisputeStep(ctx, id, 'escalate', { note: body.note }, async ({ c }, actor) => {
    const now = ctx.clock.now();
    const e = await escalationOf(ctx.db, c, now, calendar);
    return {
      set: e.set,
      data: { ...e.data, reason: body.reason },
      write: (trx) => releaseMediators(trx, id, now),
      notices: (trx) => arrivalNotices(trx, c, e.entry, e.up, 'escalate', now, actor),
    };
  });
}
