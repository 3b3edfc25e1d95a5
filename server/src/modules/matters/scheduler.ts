import { MATTER_SYSTEM_TRANSITIONS, type MatterState, type MatterSystemAction } from '@fengqiao/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { applySystemTransition, systemAuditor, targetOf } from '../../platform/lifecycle/index.js';
import { startPeriodic } from '../../platform/periodic.js';
import { publishAfterCommit } from '../notifications/service.js';
import { warningLevel } from './calendar/working-time.js';
import { NOTICES } from './notices.js';
import { notifyMatter } from './notify-matter.js';
import { referenceDataFor } from './reference-data.js';
import { appendEvents, findParentCentre, matterQuery, updateIfState, type MatterView } from './repository.js';

/** 评价: a closed matter nobody rates within this many days counts as 满意. */
export const RATING_DAYS = 7;
const BATCH = 500;

/**
 * Claims one alert: the (matter, kind, deadline) row can be inserted once, by one process, so
 * each warning, escalation and default rating happens exactly once however many servers sweep.
 */
async function claim(trx: Transaction<DB>, matterId: string, kind: string, deadline: Date, now: Date): Promise<boolean> {
  const row = await trx
    .insertInto('matter_alerts')
    .values({ matter_id: matterId, kind, deadline_at: deadline, at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('matter_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The clock's own step from the system table: the same guarded UPDATE as people's actions. */
function moveBySystem(trx: Transaction<DB>, m: MatterView, action: MatterSystemAction, set: Record<string, unknown>, now: Date): Promise<boolean> {
  const rule = MATTER_SYSTEM_TRANSITIONS[action];
  const from = m.state as MatterState;
  if (!(rule.from as readonly MatterState[]).includes(from)) return Promise.resolve(false);
  return updateIfState(trx, m.id, [from], { ...set, state: targetOf(rule, from), updated_at: now });
}

const system = (m: MatterView, at: Date) => ({ matter_id: m.id, at, actor_id: null, actor_name: null, unit_id: null, unit_name: null });

function notice(m: MatterView, kind: keyof typeof NOTICES, owner = m.owner_unit_id) {
  return {
    matterId: m.id,
    number: m.number,
    title: m.title,
    kind: `matter.${kind}`,
    body: NOTICES[kind]!.body,
    audiences: NOTICES[kind]!.audiences,
    ownerUnitId: owner,
    assignedUnitId: m.assigned_unit_id,
    areaPath: m.area_path,
    reporterUserId: m.reporter_user_id,
  };
}

/** The deadline a matter is running against now: 分拨/签收 before handling, 办结 during it. */
function currentDeadline(m: MatterView): Date | null {
  if (m.state === 'pending_triage' || m.state === 'dispatched') return m.accept_due_at ? new Date(m.accept_due_at) : null;
  if (m.state === 'handling') return m.due_at ? new Date(m.due_at) : null;
  return null;
}

export interface SweepResult {
  yellow: number;
  overdue: number;
  escalated: number;
  autoRated: number;
  lateSummons: number;
  lateSupervisions: number;
}

/**
 * One pass of the clock: 临期 (yellow) and 超期 (red) warnings, one-level escalation of overdue
 * matters, and 默认满意 for closed matters left unrated for RATING_DAYS.
 */
export async function sweepDeadlines(db: Kysely<DB>, clock: Clock): Promise<SweepResult> {
  const now = clock.now();
  const calendar = await referenceDataFor(db).calendar();
  const result: SweepResult = { yellow: 0, overdue: 0, escalated: 0, autoRated: 0, lateSummons: 0, lateSupervisions: 0 };
  const published: string[] = [];
  const auditor = systemAuditor(clock);

  const running = await matterQuery(db)
    .where('m.state', 'in', ['pending_triage', 'dispatched', 'handling'])
    .where('m.warning', '!=', 'red')
    .where((eb) => eb.or([eb('m.accept_due_at', 'is not', null), eb('m.due_at', 'is not', null)]))
    .orderBy('m.due_at')
    .limit(BATCH * 10)
    .execute();
  for (const m of running) {
    const deadline = currentDeadline(m);
    if (!deadline) continue;
    const level = warningLevel(now, deadline, new Date(m.stage_started_at), calendar);
    if (level === 'none' || level === m.warning) continue;
    const action: MatterSystemAction = level === 'red' ? 'overdue_escalated' : 'warned';
    let owner = m.owner_unit_id;
    const data: Record<string, unknown> = { level, deadline: deadline.toISOString() };
    const applied = await applySystemTransition(
      db,
      auditor,
      {
        move: async (trx) => {
          if (!(await claim(trx, m.id, level === 'red' ? 'overdue' : 'yellow', deadline, now))) return false;
          const parent = level === 'red' ? await findParentCentre(trx, m.owner_path) : undefined;
          if (parent) {
            owner = parent.id;
            data.toUnitId = parent.id;
            data.toUnitName = parent.name;
          }
          return moveBySystem(trx, m, action, { warning: level, owner_unit_id: owner, ...(owner !== m.owner_unit_id ? { escalation_count: m.escalation_count + 1 } : {}) }, now);
        },
        write: (trx) => appendEvents(trx, [{ ...system(m, now), action, from_state: m.state, to_state: m.state, note: null, data }]).then(() => undefined),
        audit: { action: `matter.${action}`, entity: 'matter', entityId: m.id, before: { state: m.state, warning: m.warning, ownerUnitId: m.owner_unit_id }, after: { state: m.state, ...data } },
        notify: (trx) => notifyMatter(trx, db, clock, notice(m, level === 'red' ? 'overdue' : 'yellow', owner)),
      },
      publishAfterCommit,
    );
    if (!applied) continue;
    if (level === 'red') {
      result.overdue++;
      if (owner !== m.owner_unit_id) result.escalated++;
    } else result.yellow++;
  }

  // 部门报到: a summoned unit that has not reported in by its deadline is named on the timeline once.
  const late = await db
    .selectFrom('matter_units as mu')
    .innerJoin('org_units as o', 'o.id', 'mu.unit_id')
    .select(['mu.matter_id', 'mu.unit_id', 'mu.due_at', 'o.name as unit_name'])
    .where('mu.role', '=', 'summon')
    .where('mu.reported_at', 'is', null)
    .where('mu.due_at', '<', now)
    .limit(BATCH)
    .execute();
  for (const row of late) {
    const m = await matterQuery(db).where('m.id', '=', row.matter_id).executeTakeFirst();
    if (!m) continue;
    await db.transaction().execute(async (trx) => {
      if (!(await claim(trx, m.id, `summon_late:${row.unit_id}`, new Date(row.due_at!), now))) return;
      await appendEvents(trx, [
        { ...system(m, now), action: 'warned', from_state: m.state, to_state: m.state, note: null, data: { level: 'red', summonedUnitId: row.unit_id, summonedUnitName: row.unit_name } },
      ]);
      published.push(...(await notifyMatter(trx, db, clock, { ...notice(m, 'summon_late'), audiences: ['owner', { units: [row.unit_id] }] })));
      result.lateSummons++;
    });
  }

  // 督办 with its own deadline: when it passes with the matter still not replied to, say so once.
  const dueSupervisions = await db
    .selectFrom('matter_supervisions as s')
    .innerJoin('matters as m', 'm.id', 's.matter_id')
    .select(['s.id', 's.matter_id', 's.due_at', 's.by_name'])
    .where('s.due_at', '<', now)
    .where('m.state', 'in', ['pending_triage', 'dispatched', 'handling'])
    .limit(BATCH)
    .execute();
  for (const sup of dueSupervisions) {
    const m = await matterQuery(db).where('m.id', '=', sup.matter_id).executeTakeFirst();
    if (!m) continue;
    await db.transaction().execute(async (trx) => {
      if (!(await claim(trx, m.id, `supervision_due:${sup.id}`, new Date(sup.due_at!), now))) return;
      await appendEvents(trx, [
        { ...system(m, now), action: 'warned', from_state: m.state, to_state: m.state, note: null, data: { level: 'red', supervisionBy: sup.by_name, supervisionDueAt: new Date(sup.due_at!).toISOString() } },
      ]);
      published.push(...(await notifyMatter(trx, db, clock, notice(m, 'supervision_due'))));
      result.lateSupervisions++;
    });
  }

  const unrated = await matterQuery(db)
    .where('m.state', '=', 'closed')
    .where('m.closed_at', '<=', new Date(now.getTime() - RATING_DAYS * 86_400_000))
    .limit(BATCH)
    .execute();
  for (const m of unrated) {
    const data = { rating: 'satisfied', afterDays: RATING_DAYS };
    const applied = await applySystemTransition(
      db,
      auditor,
      {
        move: async (trx) => (await claim(trx, m.id, 'auto_rated', new Date(m.closed_at!), now)) && moveBySystem(trx, m, 'auto_rated', { rating: 'satisfied', rated_at: now }, now),
        write: (trx) => appendEvents(trx, [{ ...system(m, now), action: 'auto_rated', from_state: 'closed', to_state: 'rated', note: null, data }]).then(() => undefined),
        audit: { action: 'matter.auto_rated', entity: 'matter', entityId: m.id, before: { state: m.state }, after: { state: 'rated', ...data } },
        notify: (trx) => notifyMatter(trx, db, clock, notice(m, 'auto_rated')),
      },
      publishAfterCommit,
    );
    if (applied) result.autoRated++;
  }
  publishAfterCommit(published);
  return result;
}

/** Runs the sweep every `intervalMs`; safe to run in every server process at once. */
export function startDeadlineScheduler(db: Kysely<DB>, clock: Clock, intervalMs: number, log: (err: unknown) => void) {
  return startPeriodic(() => sweepDeadlines(db, clock), intervalMs, log);
}
