import type { Kysely, Transaction } from 'kysely';
import { DISPUTE_SYSTEM_TRANSITIONS, levelAbove, OPEN_DISPUTE_STATES, type DisputeLevel, type DisputeState, type DisputeSystemAction } from '@fengqiao/shared';
import type { Clock } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { applySystemTransition, systemAuditor, targetOf } from '../../platform/lifecycle/index.js';
import { startPeriodic } from '../../platform/periodic.js';
import { referenceDataFor } from '../matters/reference-data.js';
import { publishAfterCommit } from '../notifications/service.js';
import { arrivalNotices, escalationOf, releaseMediators } from './escalation.js';
import { levelStaff, mediatorsOf, notifyDispute, staffAbove, type DisputeNotice } from './notices.js';
import { appendEvents, caseQuery, type CaseView } from './repository.js';

const BATCH = 500;

export interface DisputeSweepResult {
  escalated: number;
  warnedAtTop: number;
  performanceOverdue: number;
}

type Notice = Omit<DisputeNotice, 'caseId' | 'number' | 'title'>;

async function tell(trx: Transaction<DB>, clock: Clock, c: CaseView, notices: Notice[]): Promise<string[]> {
  const users: string[] = [];
  for (const n of notices) users.push(...(await notifyDispute(trx, clock, { ...n, caseId: c.id, number: c.number, title: c.title })));
  return users;
}

/**
 * One pass of the clock over dispute cases, safe in several processes at once: every change is
 * an UPDATE guarded by the values this pass read (level, deadline, "not yet warned"), so of two
 * processes sweeping together exactly one moves or warns each case.
 * - unresolved at a level past its time limit: up one level, with its history (小事不出村, 大事不出镇);
 * - past the limit at the top level (区): the city's command centre is told, once;
 * - an agreement term past its 履行期限 and not performed: the mediators and the level are told, once.
 */
export async function sweepDisputes(db: Kysely<DB>, clock: Clock): Promise<DisputeSweepResult> {
  const now = clock.now();
  const calendar = await referenceDataFor(db).calendar();
  const result: DisputeSweepResult = { escalated: 0, warnedAtTop: 0, performanceOverdue: 0 };
  const published: string[] = [];
  const auditor = systemAuditor(clock);
  const overdue = await caseQuery(db)
    .where('d.state', 'in', [...OPEN_DISPUTE_STATES])
    .where('d.level_due_at', '<', now)
    .where('d.level_overdue_at', 'is', null)
    .orderBy('d.level_due_at')
    .limit(BATCH)
    .execute();
  for (const c of overdue) {
    const level = c.level as DisputeLevel;
    const from = c.state as DisputeState;
    const action: DisputeSystemAction = levelAbove(level) ? 'overdue_escalated' : 'overdue_warned';
    const rule = DISPUTE_SYSTEM_TRANSITIONS[action];
    if (!(rule.from as readonly DisputeState[]).includes(from)) continue;
    const to = targetOf(rule, from);
    // The guard is the values this pass read: of two sweeps at once exactly one moves or warns the case.
    const guard = (trx: Transaction<DB>) => trx.updateTable('dispute_cases').where('id', '=', c.id).where('level', '=', level).where('level_due_at', '=', c.level_due_at).where('state', '=', from);
    const event = { case_id: c.id, at: now, actor_id: null, actor_name: null, action, from_state: from, to_state: to, level, note: null };
    if (action === 'overdue_warned') {
      const data = { dueAt: new Date(c.level_due_at!).toISOString() };
      const warned = await applySystemTransition(
        db,
        auditor,
        {
          move: async (trx) => Number((await guard(trx).set({ level_overdue_at: now }).where('level_overdue_at', 'is', null).executeTakeFirst()).numUpdatedRows) === 1,
          write: (trx) => appendEvents(trx, [{ ...event, data }]),
          audit: { action: `dispute.${action}`, entity: 'dispute_case', entityId: c.id, before: { state: from, level }, after: { state: to, ...data } },
          notify: async (trx) => tell(trx, clock, c, [{ event: 'overdue_warned', userIds: await staffAbove(trx, c.area_path, level) }]),
        },
        publishAfterCommit,
      );
      if (warned) result.warnedAtTop++;
      continue;
    }
    let e: Awaited<ReturnType<typeof escalationOf>> | undefined;
    const escalated = await applySystemTransition(
      db,
      auditor,
      {
        move: async (trx) => {
          e = await escalationOf(trx, c, now, calendar);
          return Number((await guard(trx).set({ ...e.set, state: to, updated_at: now }).executeTakeFirst()).numUpdatedRows) === 1;
        },
        write: async (trx) => {
          await releaseMediators(trx, c.id, now);
          await appendEvents(trx, [{ ...event, data: { ...e!.data, overdueSince: new Date(c.level_due_at!).toISOString() } }]);
        },
        audit: () => ({ action: `dispute.${action}`, entity: 'dispute_case', entityId: c.id, before: { state: from, level }, after: { state: to, ...e!.data } }),
        notify: async (trx) => tell(trx, clock, c, await arrivalNotices(trx, c, e!.entry, e!.up, 'overdue_escalated', now, null)),
      },
      publishAfterCommit,
    );
    if (escalated) result.escalated++;
  }

  const lateTerms = await db
    .selectFrom('dispute_terms as t')
    .innerJoin('dispute_cases as d', 'd.id', 't.case_id')
    .select(['t.id', 't.seq', 't.due_at', 'd.id as case_id'])
    .where('d.state', '=', 'settled')
    .where('t.performed_at', 'is', null)
    .where('t.overdue_notified_at', 'is', null)
    .where('t.due_at', '<', now)
    .limit(BATCH)
    .execute();
  for (const t of lateTerms) {
    const c = await caseQuery(db).where('d.id', '=', t.case_id).executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      const marked = await trx.updateTable('dispute_terms').set({ overdue_notified_at: now }).where('id', '=', t.id).where('overdue_notified_at', 'is', null).where('performed_at', 'is', null).executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return;
      await appendEvents(trx, [{ case_id: c.id, at: now, actor_id: null, actor_name: null, action: 'performance_overdue', from_state: c.state, to_state: c.state, level: c.level, note: null, data: { termId: t.id, seq: t.seq, dueAt: new Date(t.due_at!).toISOString() } }]);
      const userIds = [...(await mediatorsOf(trx, c.id, c.studio_id)), ...(await levelStaff(trx, c.level_area_path, c.unit_id))];
      published.push(...(await tell(trx, clock, c, [{ event: 'performance_overdue', userIds: [...new Set(userIds)] }])));
      result.performanceOverdue++;
    });
  }
  publishAfterCommit(published);
  return result;
}

/** Runs the dispute sweep every `intervalMs`; safe to run in every server process at once. */
export function startDisputeScheduler(db: Kysely<DB>, clock: Clock, intervalMs: number, log: (err: unknown) => void) {
  return startPeriodic(() => sweepDisputes(db, clock), intervalMs, log);
}
