import { CompiledQuery, expressionBuilder, sql, type Compilable, type Expression, type SqlBool } from 'kysely';
import { OPEN_STATES, type MatterListQuery } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { pathWithin } from '../../platform/db/area-path.js';
import type { DB } from '../../platform/db/schema.js';
import { requireActor } from '../../platform/policy/policy.js';
import { prepareStaffSearch, staffTextMatch, type SearchCondition } from '../search/match.js';
import { areaFilterPath } from '../territory/public.js';
import { visibleMatters } from '../../platform/policy/matters-sql.js';
import { matterQuery } from './repository.js';
import { toListItem } from './view.js';

const SORT_COLUMN = { createdAt: 'm.created_at', dueAt: 'm.due_at', updatedAt: 'm.updated_at' } as const;

/** Counting stops here: past it a list says "1,000+" (narrow it with filters) rather than scanning every row. */
export const COUNT_CAP = 1_000;

type Filters = Omit<MatterListQuery, 'page' | 'pageSize'>;
/** A condition on `matters as m`: built once per request, shared by the page, the estimate and the count. */
type MatterFilter = Expression<SqlBool>;

/**
 * The viewer's visible matters narrowed by a work queue and filters, as one condition on `matters as m`.
 * `search`: prepareStaffSearch's condition for `q.q` (search/match.ts), when the caller could wait for it.
 */
function matterFilter(ctx: Ctx, q: Filters, areaPath: string | null, search?: SearchCondition): MatterFilter {
  const actor = requireActor(ctx.actor);
  const unit = actor.unitId ?? '00000000-0000-0000-0000-000000000000';
  const eb = expressionBuilder<DB & { m: DB['matters'] }, 'm'>();
  const all: Expression<SqlBool>[] = [visibleMatters(actor)(eb)];
  const open = eb('m.state', 'in', [...OPEN_STATES]);
  switch (q.queue) {
    case 'triage':
      all.push(eb('m.state', '=', 'pending_triage'), eb('m.owner_unit_id', '=', unit));
      break;
    case 'to_accept':
      all.push(eb('m.state', '=', 'dispatched'), eb('m.assigned_unit_id', '=', unit));
      break;
    case 'in_progress':
      all.push(eb('m.state', '=', 'handling'), eb('m.assigned_unit_id', '=', unit));
      break;
    case 'to_verify':
      all.push(eb('m.state', '=', 'replied'));
      break;
    case 'due_soon':
      all.push(eb('m.warning', '=', 'yellow'), open);
      break;
    case 'overdue':
      all.push(eb('m.warning', '=', 'red'), open);
      break;
    case 'reported_by_me':
      all.push(eb('m.reporter_user_id', '=', actor.id));
      break;
    case 'closed':
      all.push(eb('m.state', 'in', ['closed', 'rated']));
      break;
    case undefined:
      break;
  }
  if (q.state) all.push(eb('m.state', '=', q.state));
  if (q.channel) all.push(eb('m.channel', '=', q.channel));
  if (q.categoryCode) all.push(eb.or([eb('m.category_code', '=', q.categoryCode), eb('m.category_code', 'like', `${q.categoryCode}.%`)]));
  if (areaPath) all.push(pathWithin('m.area_path', areaPath));
  // Full-text search (modules/search): number, title, description, address, category.
  if (q.q) all.push(staffTextMatch(q.q, search)(eb));
  return eb.and(all);
}

/** The visible, filtered matters with their names, in the requested order. */
export function filteredMatters(ctx: Ctx, q: Filters, areaPath: string | null, search?: SearchCondition) {
  return orderedMatters(ctx, q, matterFilter(ctx, q, areaPath, search));
}

function orderedMatters(ctx: Ctx, q: Filters, filter: MatterFilter) {
  const column = SORT_COLUMN[q.sort];
  return matterQuery(ctx.db)
    .where(filter)
    .orderBy(sql.ref(column), (ob) => (q.order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('m.id', q.order);
}

/**
 * Past this many rows by the planner's estimate a list says "1,000+" without counting. The
 * estimate of a scope's OR runs up to ~3× high (diaodu's street: 67,682 estimated, 21,389 real),
 * so ten times the cap leaves room; below it the rows are counted. A text search's estimate comes
 * from the index's word statistics, and its count only guides the next, narrower search: three
 * times the cap is enough there.
 */
const countUnlessEstimateBelow = (search: boolean) => (search ? 3 : 10) * (COUNT_CAP + 1);

/** The planner's row estimate for a query (EXPLAIN plans it, runs nothing). */
async function estimatedRows(ctx: Ctx, query: Compilable): Promise<number> {
  const { sql: text, parameters } = query.compile();
  const { rows } = await ctx.db.executeQuery<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    CompiledQuery.raw(`explain (format json) ${text}`, [...parameters]),
  );
  return rows[0]!['QUERY PLAN'][0].Plan['Plan Rows'];
}

/**
 * How many match, up to COUNT_CAP + 1, on the matters table alone (no joins). A count that would
 * pass the cap by far by the planner's estimate is not run: counting the first thousand of a
 * street's 20,000 matters cost more than the page itself (decision 0004).
 */
async function countMatters(ctx: Ctx, filter: MatterFilter, searched: boolean): Promise<number> {
  const matching = ctx.db.selectFrom('matters as m').where(filter).select(sql<number>`1`.as('one'));
  if ((await estimatedRows(ctx, matching)) >= countUnlessEstimateBelow(searched)) return COUNT_CAP + 1;
  const row = await ctx.db
    .selectFrom(matching.limit(COUNT_CAP + 1).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listMatters(ctx: Ctx, q: MatterListQuery) {
  let areaPath: string | null = null;
  if (q.areaCode) areaPath = await areaFilterPath(ctx.db, q.areaCode);
  // The search is parsed and looked up once, and the filter built once, for all three queries.
  const search = q.q ? await prepareStaffSearch(ctx.db, q.q) : undefined;
  const filter = matterFilter(ctx, q, areaPath, search);
  const [items, counted] = await Promise.all([
    orderedMatters(ctx, q, filter)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    countMatters(ctx, filter, search !== undefined),
  ]);
  return { items: items.map(toListItem), total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP, page: q.page, pageSize: q.pageSize };
}
