import { z } from 'zod';
import { text } from '../schemas/common.js';
import { YearMonth } from '../schemas/dates.js';
import { AreaCode } from '../schemas/area.js';

// 滚动排查: each grid reports once a month whether it found disputes or none, and the coverage
// of an area (which grids have reported) is tracked.

/** A screening period: one calendar month, 'YYYY-MM' (local time, UTC+8). */
export const ScreeningPeriod = YearMonth;

export const SCREENING_STATUSES = ['found', 'none_found', 'not_screened'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];

export const ScreeningReport = z.strictObject({
  gridCode: AreaCode.describe('The grid screened'),
  period: ScreeningPeriod,
  found: z.boolean().describe('Disputes were found (true) or none (false); none cannot be reported once cases are linked'),
  note: text(500).optional(),
});
export type ScreeningReport = z.infer<typeof ScreeningReport>;

export const DisputeScreening = z.object({
  id: z.string().uuid(),
  gridCode: z.string(),
  gridName: z.string(),
  period: z.string(),
  found: z.boolean(),
  note: z.string().nullable(),
  caseCount: z.number().int().describe('Cases registered from this screening (source screening, screeningId set)'),
  reportedBy: z.string().nullable().describe('Display name of who reported (or last updated) it'),
  reportedAt: z.string(),
});
export type DisputeScreening = z.infer<typeof DisputeScreening>;

export const ScreeningCoverageQuery = z.strictObject({
  areaCode: AreaCode.optional().describe('Defaults to the caller’s scope area'),
  period: ScreeningPeriod.optional().describe('Defaults to the current month'),
});
export type ScreeningCoverageQuery = z.infer<typeof ScreeningCoverageQuery>;

export const ScreeningGrid = z.object({
  code: z.string(),
  name: z.string(),
  communityName: z.string(),
  status: z.enum(SCREENING_STATUSES),
  screeningId: z.string().uuid().nullable().describe('Pass as screeningId when registering a case found by it'),
  note: z.string().nullable(),
  caseCount: z.number().int(),
  reportedBy: z.string().nullable(),
  reportedAt: z.string().nullable(),
});
export type ScreeningGrid = z.infer<typeof ScreeningGrid>;

export const ScreeningCoverage = z.object({
  period: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  totals: z.object({
    grids: z.number().int(),
    screened: z.number().int(),
    found: z.number().int(),
    noneFound: z.number().int(),
    notScreened: z.number().int(),
    cases: z.number().int(),
  }),
  grids: z.array(ScreeningGrid).describe('Every grid under the area within the caller’s scope, by code'),
});
export type ScreeningCoverage = z.infer<typeof ScreeningCoverage>;
