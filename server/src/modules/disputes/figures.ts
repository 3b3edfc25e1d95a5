import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DisputeListItem, DisputeType } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/policy/actor.js';
import { visibleDisputes } from '../../platform/policy/disputes-sql.js';
import { caseQuery } from './repository.js';
import { toListItem } from './view.js';

// The record of a mediator or a studio, counted in SQL over a set of cases joined as `d`.
// 调解成功 is a case settled (or closed once performed); its days run from 受理 to the settle
// step on the timeline (结案 later would stretch them by the performance period).

export const RECENT_CASES = 20;

/**
 * Aggregate columns over the joined cases. `counts` says whether a case's outcome is this
 * person's or body's (a mediator released when the case moved up does not own its outcome).
 */
export function outcomeColumns(counts: RawBuilder<SqlBool> | Expression<SqlBool>) {
  return [
    sql<number>`count(*)`.as('total'),
    sql<number>`count(*) filter (where ${counts} and d.state in ('registered', 'mediating'))`.as('open'),
    sql<number>`count(*) filter (where ${counts} and d.state in ('settled', 'closed'))`.as('settled'),
    sql<number>`count(*) filter (where ${counts} and d.state = 'failed')`.as('failed'),
    sql<number | string | null>`avg(extract(epoch from ((select min(e.at) from dispute_events e where e.case_id = d.id and e.action = 'settle') - d.created_at)) / 86400) filter (where ${counts} and d.state in ('settled', 'closed'))`.as(
      'avg_days',
    ),
  ] as const;
}

export interface OutcomeRow {
  total: number | string | null;
  open: number | string | null;
  settled: number | string | null;
  failed: number | string | null;
  avg_days: number | string | null;
}

/** Counts as numbers (pg gives bigint as text), the success rate and the mean days to one decimal. */
export function outcomeOf(r: Partial<OutcomeRow> | undefined) {
  const settled = Number(r?.settled ?? 0);
  const failed = Number(r?.failed ?? 0);
  const avg = r?.avg_days === null || r?.avg_days === undefined ? null : Math.round(Number(r.avg_days) * 10) / 10;
  return {
    openCases: Number(r?.open ?? 0),
    totalCases: Number(r?.total ?? 0),
    settled,
    failed,
    successRate: settled + failed === 0 ? null : Math.round((settled / (settled + failed)) * 10_000) / 10_000,
    avgDaysToResolve: avg,
  };
}

/** The cases of a mediator or studio: a subquery of case ids. */
export type CaseIds = (db: Kysely<DB>) => RawBuilder<unknown>;

/** Cases by type, most first. */
export async function byType(db: Kysely<DB>, ids: CaseIds): Promise<{ type: DisputeType; count: number }[]> {
  const rows = await db
    .selectFrom('dispute_cases as d')
    .select(['d.type', sql<number>`count(*)`.as('n')])
    .where(sql<SqlBool>`d.id in (${ids(db)})`)
    .groupBy('d.type')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('d.type')
    .execute();
  return rows.map((r) => ({ type: r.type as DisputeType, count: Number(r.n) }));
}

/** The latest cases of the set that the viewer may open (the figures count them all). */
export async function recentCases(ctx: Ctx, actor: Actor, ids: CaseIds): Promise<DisputeListItem[]> {
  const now = ctx.clock.now();
  const rows = await caseQuery(ctx.db)
    .where(visibleDisputes(actor))
    .where(sql<SqlBool>`d.id in (${ids(ctx.db)})`)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(RECENT_CASES)
    .execute();
  return rows.map((c) => toListItem(c, now));
}
