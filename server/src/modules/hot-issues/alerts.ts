import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { startPeriodic } from '../../platform/periodic.js';
import { notify, publishAfterCommit } from '../notifications/service.js';
import type { HotIssue } from './engine.js';
import { alertsSeededBy, centreDispatchersFor, commandOperatorsOver } from './repository.js';
import { computeHotIssues } from './service.js';

// 热点 early warning: every HOT_ISSUE_SECONDS each server process groups the last week's matters
// and tells the 指挥中心 and the 综治中心 of the place when a group crosses a threshold:
//   cluster: at least 5 matters from at least 3 people about one problem at one place in 7 days;
//   wages:   at least 3 matters about unpaid wages naming one employer in 7 days.
// A group is named by its seed (its earliest matter when first warned of, kept from then on while
// any alert's seed is still in it). Each (kind, seed, level) row in hot_issue_alerts can be inserted
// once, by one process, and the notifications are written in the same transaction: each warning
// goes out exactly once. Level k is the group grown to 2^k times the threshold: it is told again
// only when it has doubled.

export const ALERT_RULES = { days: 7, count: 5, reporters: 3, wages: 3 } as const;

type Kind = 'cluster' | 'wages';

/** The alert a group calls for now, if any, and its level. */
export function alertFor(h: HotIssue): { kind: Kind; level: number } | null {
  const level = (n: number, threshold: number) => Math.floor(Math.log2(n / threshold));
  if (h.employer && h.wageCount >= ALERT_RULES.wages) return { kind: 'wages', level: level(h.wageCount, ALERT_RULES.wages) };
  if (h.count >= ALERT_RULES.count && h.reporters >= ALERT_RULES.reporters) return { kind: 'cluster', level: level(h.count, ALERT_RULES.count) };
  return null;
}

function body(kind: Kind, h: HotIssue): string {
  return kind === 'wages'
    ? `${ALERT_RULES.days} 天内 ${h.wageCount} 件欠薪反映指向 ${h.employer}, 请关注`
    : `${ALERT_RULES.days} 天内 ${h.count} 件、${h.reporters} 人反映同一问题, 请关注`;
}

export interface HotIssueSweepResult {
  groups: number;
  alerts: number;
}

export async function sweepHotIssues(db: Kysely<DB>, clock: Clock): Promise<HotIssueSweepResult> {
  const now = clock.now();
  const { issues } = await computeHotIssues(db, now, { days: ALERT_RULES.days, scopePath: null });
  const published: string[] = [];
  let alerts = 0;
  for (const h of issues) {
    const due = alertFor(h);
    if (!due || !h.areaPath) continue;
    const areaPath = h.areaPath;
    await db.transaction().execute(async (trx) => {
      const earlier = await alertsSeededBy(trx, due.kind, h.memberIds);
      const seed = earlier[0]?.seed_matter_id ?? h.id;
      if (earlier.some((a) => a.seed_matter_id === seed && a.level >= due.level)) return;
      const claimed = await trx
        .insertInto('hot_issue_alerts')
        .values({
          kind: due.kind,
          seed_matter_id: seed,
          level: due.level,
          matter_count: h.count,
          reporter_count: h.reporters,
          label: h.label,
          area_path: areaPath,
          employer: h.employer,
          matter_ids: h.memberIds,
          created_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('seed_matter_id')
        .executeTakeFirst();
      if (!claimed) return; // another process was first
      const userIds = [...new Set([...(await commandOperatorsOver(trx, areaPath)), ...(await centreDispatchersFor(trx, areaPath))])];
      await notify(trx, { clock }, {
        userIds,
        kind: `hot_issue.${due.kind}`,
        title: h.label,
        body: body(due.kind, h),
        link: `/hot-issues?days=${ALERT_RULES.days}&focus=${seed}`,
      });
      published.push(...userIds);
      alerts++;
    });
  }
  publishAfterCommit(published);
  return { groups: issues.length, alerts };
}

/** Runs the sweep every `intervalMs`; safe to run in every server process at once. */
export function startHotIssueAlerts(db: Kysely<DB>, clock: Clock, intervalMs: number, log: (err: unknown) => void) {
  return startPeriodic(() => sweepHotIssues(db, clock), intervalMs, log);
}
