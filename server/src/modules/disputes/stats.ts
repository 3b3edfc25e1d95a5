import { sql } from 'kysely';
import {
  DISPUTE_LEVELS,
  DISPUTE_SOURCES,
  DISPUTE_TYPES,
  type DisputeLevel,
  type DisputeSource,
  type DisputeStats,
  type DisputeStatsQuery,
  type DisputeStatsRow,
  type DisputeType,
} from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { pathWithin } from '../../platform/db/area-path.js';
import { invalid } from '../../platform/errors.js';
import { mayReadAreaFigures } from '../../platform/policy/disputes.js';
import { requireActor } from '../../platform/policy/policy.js';
import { localDay, localTime } from '../matters/calendar/working-time.js';
import { visibleDisputes } from '../../platform/policy/disputes-sql.js';
import { figuresArea } from './access.js';

// 矛盾纠纷统计: cases registered in a date range, grouped by type, level, source, area or month,
// with outcomes, 化解率 and amounts. Only cases the caller may see are counted (the list's rule).
// Labels are Chinese: the same rows go into the Excel export for monthly reports.

const DAY = 86_400_000;

export const TYPE_LABELS: Record<DisputeType, string> = {
  marriage_family: '婚姻家庭',
  neighbourhood: '邻里纠纷',
  land_forest: '土地山林',
  labour_wages: '劳动争议/欠薪',
  property_management: '物业纠纷',
  medical: '医疗纠纷',
  traffic_accident: '交通事故',
  contract_debt: '合同债务',
  land_acquisition: '征地拆迁',
  consumer: '消费纠纷',
  other: '其他',
};
export const SOURCE_LABELS: Record<DisputeSource, string> = {
  screening: '排查发现',
  matter: '事项转入',
  walk_in: '来访',
  mobile_desk: '流动办公桌',
  police_referral: '警调',
  court_referral: '诉调',
  procuratorate_referral: '检调',
  petition_referral: '访调',
  arbitration_referral: '仲调',
  professional_referral: '专调',
};
export const LEVEL_LABELS: Record<DisputeLevel, string> = { grid: '网格', community: '村（社区）', street: '镇（街道）', district: '区' };
export const GROUP_LABELS: Record<DisputeStats['groupBy'], string> = { type: '纠纷类型', level: '调处层级', source: '纠纷来源', area: '区域', month: '月份' };

/** Months from the month of `from` to the month of `to`, 'YYYY-MM'. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  for (let key = from.slice(0, 7); key <= to.slice(0, 7); key = `${y}-${String(m).padStart(2, '0')}`) {
    months.push(key);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

const monthLabel = (key: string) => `${key.slice(0, 4)}年${Number(key.slice(5))}月`;

interface Counted {
  cases: number;
  settled: number;
  failed: number;
  withdrawn: number;
  terminated: number;
  open: number;
  amountFen: number;
  settledFen: number;
  people: number;
}
const ZERO: Counted = { cases: 0, settled: 0, failed: 0, withdrawn: 0, terminated: 0, open: 0, amountFen: 0, settledFen: 0, people: 0 };

function row(key: string, label: string, c: Counted): DisputeStatsRow {
  const ended = c.settled + c.failed + c.withdrawn + c.terminated;
  return {
    key,
    label,
    cases: c.cases,
    settled: c.settled,
    failed: c.failed,
    withdrawn: c.withdrawn,
    terminated: c.terminated,
    open: c.open,
    resolutionRate: ended === 0 ? null : Math.round((c.settled / ended) * 10_000) / 10_000,
    amountInvolved: c.amountFen / 100,
    amountSettled: c.settledFen / 100,
    people: c.people,
  };
}

/** The figures, one row per group in code-table, area-code or calendar order (groups without cases included), and their totals. */
export async function disputeStats(ctx: Ctx, q: DisputeStatsQuery): Promise<DisputeStats> {
  const actor = requireActor(ctx.actor);
  const area = await figuresArea(ctx, q.areaCode);
  const today = localDay(ctx.clock.now());
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw invalid('The range ends before it starts', [{ path: 'to', message: `on or after ${from}` }]);
  const depth = area.path.split('.').length;
  const key = {
    type: sql<string>`d.type`,
    level: sql<string>`d.level`,
    source: sql<string>`d.source`,
    // The child of the area holding the case ('' for a case registered at the area itself).
    area: sql<string>`split_part(d.area_path, '.', ${sql.lit(depth + 1)})`,
    month: sql<string>`to_char((d.created_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`,
  }[q.groupBy];
  const count = (states: string[]) => sql<number>`count(*) filter (where d.state in (${sql.join(states)}))`;
  const found = await ctx.db
    .selectFrom('dispute_cases as d')
    .select([
      key.as('key'),
      sql<number>`count(*)`.as('cases'),
      count(['settled', 'closed']).as('settled'),
      count(['failed']).as('failed'),
      count(['withdrawn']).as('withdrawn'),
      count(['terminated']).as('terminated'),
      count(['registered', 'mediating']).as('open'),
      sql<number>`coalesce(sum(d.amount_fen), 0)`.as('amount_fen'),
      sql<number>`coalesce(sum(d.amount_fen) filter (where d.state in ('settled', 'closed')), 0)`.as('settled_fen'),
      sql<number>`coalesce(sum(d.people_involved), 0)`.as('people'),
    ])
    .where(visibleDisputes(actor))
    .where(pathWithin('d.area_path', area.path))
    .where('d.created_at', '>=', localTime(from))
    .where('d.created_at', '<', new Date(localTime(to).getTime() + DAY))
    // By position: the key's expression written twice would not match once parameters are numbered.
    .groupBy(sql`1`)
    .execute();
  const counted = new Map<string, Counted>(
    found.map((r) => [
      // A case registered at the area itself is the area's own row (本级).
      q.groupBy === 'area' && r.key === '' ? area.code : r.key,
      {
        cases: Number(r.cases),
        settled: Number(r.settled),
        failed: Number(r.failed),
        withdrawn: Number(r.withdrawn),
        terminated: Number(r.terminated),
        open: Number(r.open),
        amountFen: Number(r.amount_fen),
        settledFen: Number(r.settled_fen),
        people: Number(r.people),
      },
    ]),
  );
  const total = { ...ZERO };
  for (const c of counted.values()) for (const f of Object.keys(ZERO) as (keyof Counted)[]) total[f] += c[f];

  let groups: { key: string; label: string }[];
  if (q.groupBy === 'type') groups = DISPUTE_TYPES.map((k) => ({ key: k, label: TYPE_LABELS[k] }));
  else if (q.groupBy === 'source') groups = DISPUTE_SOURCES.map((k) => ({ key: k, label: SOURCE_LABELS[k] }));
  else if (q.groupBy === 'level') groups = DISPUTE_LEVELS.map((k) => ({ key: k, label: LEVEL_LABELS[k] }));
  else if (q.groupBy === 'month') groups = monthsBetween(from, to).map((k) => ({ key: k, label: monthLabel(k) }));
  else {
    // Child areas inside the caller's scope, and any other holding a case the caller may see (paths are codes, so every key is a child).
    const children = await ctx.db.selectFrom('areas').select(['code', 'name', 'path']).where('parent_code', '=', area.code).orderBy('code').execute();
    groups = children.filter((c) => mayReadAreaFigures(actor, c.path) || counted.has(c.code)).map((c) => ({ key: c.code, label: c.name }));
    if (counted.has(area.code)) groups.unshift({ key: area.code, label: `${area.name}（本级）` });
  }
  const rows = groups.map((g) => row(g.key, g.label, counted.get(g.key) ?? ZERO));
  return { groupBy: q.groupBy, from, to, areaCode: area.code, areaName: area.name, totals: row('total', '合计', total), rows };
}
