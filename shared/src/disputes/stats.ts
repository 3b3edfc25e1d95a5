import { z } from 'zod';
import { PageQuery, pageOf } from '../schemas/common.js';
import { AreaCode } from '../schemas/area.js';
import { DisputeListItem, DisputeTypeSchema } from './schemas.js';
import { CalendarDate } from '../schemas/dates.js';

// Figures of dispute work: per mediator and studio (调解员/工作室 records), and statistics by
// type, level, source, area or month with 化解率 and amounts.

const Rate = z.number().min(0).max(1).nullable();

/**
 * A mediator's record. A case counts for every mediator ever assigned to it; its outcome counts
 * for those still on it when it ended (not those released when it moved up a level).
 */
export const MediatorRow = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  unitId: z.string().uuid().nullable(),
  unitName: z.string().nullable(),
  areaName: z.string().describe('The mediator’s scope area'),
  openCases: z.number().int().describe('Open cases they are on now'),
  totalCases: z.number().int(),
  settled: z.number().int().describe('调解成功 (settled or closed since)'),
  failed: z.number().int().describe('调解不成'),
  successRate: Rate.describe('settled / (settled + failed); null when neither'),
  avgDaysToResolve: z.number().nullable().describe('Mean days from 受理 to 调解成功, one decimal; null when none settled'),
});
export type MediatorRow = z.infer<typeof MediatorRow>;

export const MediatorListQuery = PageQuery.extend({
  areaCode: AreaCode.optional().describe('Mediators whose scope lies in this area; defaults to the caller’s scope'),
  unitId: z.string().uuid().optional().describe('Members of this studio, committee or office'),
});
export type MediatorListQuery = z.infer<typeof MediatorListQuery>;
export const MediatorPage = pageOf(MediatorRow);

export const TypeCount = z.object({ type: DisputeTypeSchema, count: z.number().int() });

export const MediatorProfile = MediatorRow.extend({
  byType: z.array(TypeCount),
  recentCases: z.array(DisputeListItem).describe('The latest 20 of their cases the caller may see'),
});
export type MediatorProfile = z.infer<typeof MediatorProfile>;

export const StudioProfile = z.object({
  unitId: z.string().uuid(),
  name: z.string(),
  kind: z.enum(['studio', 'mediation_committee', 'judicial_office']),
  areaName: z.string(),
  mediators: z.array(MediatorRow).describe('Its members who mediate'),
  openCases: z.number().int(),
  totalCases: z.number().int().describe('Cases assigned to it, at its level, or mediated by its members'),
  settled: z.number().int(),
  failed: z.number().int(),
  successRate: Rate,
  avgDaysToResolve: z.number().nullable(),
  byType: z.array(TypeCount),
  recentCases: z.array(DisputeListItem),
});
export type StudioProfile = z.infer<typeof StudioProfile>;

export const STATS_GROUPS = ['type', 'level', 'source', 'area', 'month'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export const DisputeStatsQuery = z.strictObject({
  groupBy: z.enum(STATS_GROUPS).default('type'),
  from: CalendarDate.optional().describe('First day of registration counted (default: 1 January of this year)'),
  to: CalendarDate.optional().describe('Last day counted, inclusive (default: today)'),
  areaCode: AreaCode.optional().describe('Cases in this area; area rows are its child areas. Defaults to the caller’s scope'),
});
export type DisputeStatsQuery = z.infer<typeof DisputeStatsQuery>;

export const DisputeStatsRow = z.object({
  key: z.string().describe('The code, area code or month (YYYY-MM)'),
  label: z.string().describe('Chinese label (as in the export); the web may label codes by key instead'),
  cases: z.number().int(),
  settled: z.number().int().describe('调解成功 (settled or closed)'),
  failed: z.number().int(),
  withdrawn: z.number().int(),
  terminated: z.number().int(),
  open: z.number().int(),
  resolutionRate: Rate.describe('化解率 = settled / ended; null when none ended'),
  amountInvolved: z.number().describe('涉及金额, 元'),
  amountSettled: z.number().describe('涉及金额 of the settled cases, 元'),
  people: z.number().int().describe('涉及人数'),
});
export type DisputeStatsRow = z.infer<typeof DisputeStatsRow>;

export const DisputeStats = z.object({
  groupBy: z.enum(STATS_GROUPS),
  from: z.string(),
  to: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  totals: DisputeStatsRow,
  rows: z.array(DisputeStatsRow),
});
export type DisputeStats = z.infer<typeof DisputeStats>;
