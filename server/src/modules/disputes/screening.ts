import { sql, type Kysely, type Transaction } from 'kysely';
import type { DisputeScreening, ScreeningCoverage, ScreeningCoverageQuery, ScreeningReport, ScreeningStatus } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { pathWithin } from '../../platform/db/area-path.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { mayReportScreening } from '../../platform/policy/disputes.js';
import { inScope, requireActor } from '../../platform/policy/policy.js';
import { localDay } from '../matters/calendar/working-time.js';
import { areaOrNotFound } from '../territory/public.js';
import { figuresArea } from './access.js';

// 滚动排查: every grid reports once a month whether its staff found disputes or none. A case
// registered from a report (source screening, screeningId) marks it found and counts for it.

type Q = Kysely<DB> | Transaction<DB>;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The month now (UTC+8), 'YYYY-MM': the default period, and the last one a report may be for. */
export const currentPeriod = (now: Date) => localDay(now).slice(0, 7);

const caseCount = (db: Q, screeningId: string) =>
  db.selectFrom('dispute_cases').select(sql<number>`count(*)`.as('n')).where('screening_id', '=', screeningId).executeTakeFirstOrThrow().then((r) => Number(r.n));

async function screeningView(db: Q, id: string): Promise<DisputeScreening> {
  const s = await db
    .selectFrom('dispute_screenings as s')
    .innerJoin('areas as g', 'g.code', 's.grid_code')
    .select(['s.id', 's.grid_code', 'g.name as grid_name', 's.period', 's.found', 's.note', 's.reported_by_name', 's.reported_at'])
    .where('s.id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: s.id,
    gridCode: s.grid_code,
    gridName: s.grid_name,
    period: s.period,
    found: s.found,
    note: s.note,
    caseCount: await caseCount(db, id),
    reportedBy: s.reported_by_name,
    reportedAt: iso(s.reported_at)!,
  };
}

/**
 * A grid's report for a month: the first one creates it, a later one updates it (both audited).
 * "None found" cannot replace "found" once cases are registered from the report.
 */
export async function reportScreening(ctx: Ctx, body: ScreeningReport): Promise<DisputeScreening> {
  const actor = requireActor(ctx.actor);
  const grid = await areaOrNotFound(ctx.db, body.gridCode, { visible: (p) => inScope(actor, p), what: 'Grid' });
  if (!mayReportScreening(actor, grid.path)) throw new AppError('FORBIDDEN', 'Only the grid’s own staff (网格员, 网格长, 社区) report its screening');
  if (grid.level !== 'grid') throw invalid('Screening is reported per grid', [{ path: 'gridCode', message: `this area is a ${grid.level}` }]);
  const now = ctx.clock.now();
  if (body.period > currentPeriod(now)) throw invalid('A month not yet begun cannot be screened', [{ path: 'period', message: `at most ${currentPeriod(now)}` }]);
  const values = { found: body.found, note: body.note ?? null, reported_by: actor.id, reported_by_name: actor.displayName, reported_at: now };

  const id = await ctx.db.transaction().execute(async (trx) => {
    // Two first reports at once: one inserts, the other finds the row and updates it.
    const inserted = await trx
      .insertInto('dispute_screenings')
      .values({ grid_code: grid.code, grid_path: grid.path, period: body.period, ...values })
      .onConflict((oc) => oc.columns(['grid_code', 'period']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      await audit(trx, ctx, { action: 'dispute.screening.report', entity: 'dispute_screening', entityId: inserted.id, after: { gridCode: grid.code, period: body.period, found: body.found, note: values.note } });
      return inserted.id;
    }
    const before = await trx.selectFrom('dispute_screenings').select(['id', 'found', 'note']).where('grid_code', '=', grid.code).where('period', '=', body.period).forUpdate().executeTakeFirstOrThrow();
    const linked = await caseCount(trx, before.id);
    if (!body.found && linked > 0) throw conflict(`${linked} case(s) were registered from this screening; it cannot be reported as none found`);
    await trx.updateTable('dispute_screenings').set(values).where('id', '=', before.id).execute();
    await audit(trx, ctx, { action: 'dispute.screening.update', entity: 'dispute_screening', entityId: before.id, before: { found: before.found, note: before.note }, after: { found: body.found, note: values.note } });
    return before.id;
  });
  return screeningView(ctx.db, id);
}

/**
 * A case registered from a screening (inside its transaction): the report must be of a grid that
 * holds the case's area; it becomes "found" if it said none, audited as an update.
 */
export async function linkScreening(trx: Transaction<DB>, ctx: Ctx, screeningId: string, caseAreaPath: string): Promise<void> {
  const s = await trx.selectFrom('dispute_screenings').select(['id', 'grid_path', 'found']).where('id', '=', screeningId).forUpdate().executeTakeFirst();
  const holds = s && (caseAreaPath === s.grid_path || caseAreaPath.startsWith(`${s.grid_path}.`));
  if (!s || !holds) throw invalid('Unknown screening', [{ path: 'screeningId', message: 'no screening report of the grid the case is in' }]);
  if (s.found) return;
  await trx.updateTable('dispute_screenings').set({ found: true }).where('id', '=', s.id).execute();
  await audit(trx, ctx, { action: 'dispute.screening.update', entity: 'dispute_screening', entityId: s.id, before: { found: false }, after: { found: true, reason: 'case registered' } });
}

/** Which grids under an area (and inside the caller's scope) reported for a month, and what. */
export async function screeningCoverage(ctx: Ctx, q: ScreeningCoverageQuery): Promise<ScreeningCoverage> {
  const actor = requireActor(ctx.actor);
  const area = await figuresArea(ctx, q.areaCode);
  const period = q.period ?? currentPeriod(ctx.clock.now());
  const rows = await ctx.db
    .selectFrom('areas as g')
    .innerJoin('areas as c', 'c.code', 'g.parent_code')
    .leftJoin('dispute_screenings as s', (j) => j.onRef('s.grid_code', '=', 'g.code').on('s.period', '=', period))
    .select(['g.code', 'g.name', 'c.name as community_name', 's.id as screening_id', 's.found', 's.note', 's.reported_by_name', 's.reported_at'])
    .select((eb) => eb.selectFrom('dispute_cases as d').select(sql<number>`count(*)`.as('n')).whereRef('d.screening_id', '=', 's.id').as('case_count'))
    .where('g.level', '=', 'grid')
    .where(pathWithin('g.path', area.path))
    .where(pathWithin('g.path', actor.scopePath))
    .orderBy('g.code')
    .execute();
  const grids = rows.map((r) => {
    const status: ScreeningStatus = r.screening_id === null ? 'not_screened' : r.found ? 'found' : 'none_found';
    return {
      code: r.code,
      name: r.name,
      communityName: r.community_name,
      status,
      screeningId: r.screening_id,
      note: r.note,
      caseCount: Number(r.case_count ?? 0),
      reportedBy: r.reported_by_name,
      reportedAt: iso(r.reported_at),
    };
  });
  const count = (s: ScreeningStatus) => grids.filter((g) => g.status === s).length;
  return {
    period,
    areaCode: area.code,
    areaName: area.name,
    totals: {
      grids: grids.length,
      screened: grids.length - count('not_screened'),
      found: count('found'),
      noneFound: count('none_found'),
      notScreened: count('not_screened'),
      cases: grids.reduce((n, g) => n + g.caseCount, 0),
    },
    grids,
  };
}
