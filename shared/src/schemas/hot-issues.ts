import { z } from 'zod';

// 热点: groups of matters about one problem at one place within a time window, ranked by a heat
// index (server/src/modules/hot-issues, docs/text/hot-issues.md). Computed on every read from the
// matters themselves; a group is named by its earliest matter.

export const HOT_ISSUE_WINDOWS = [7, 30, 90] as const;
export type HotIssueWindow = (typeof HOT_ISSUE_WINDOWS)[number];

const Days = z.coerce
  .number()
  .int()
  .refine((d) => (HOT_ISSUE_WINDOWS as readonly number[]).includes(d), 'days must be 7, 30 or 90')
  .default(30)
  .describe('The window: matters reported in the last 7, 30 or 90 days');

export const HotIssueQuery = z.strictObject({
  days: Days,
  areaCode: z.string().regex(/^\d{6,20}$/, 'an area code is 6 to 20 digits').optional().describe('Only this area (inside the caller’s scope); the whole scope by default'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type HotIssueQuery = z.infer<typeof HotIssueQuery>;

export const HotIssueOneQuery = z.strictObject({ days: Days });
export type HotIssueOneQuery = z.infer<typeof HotIssueOneQuery>;

export const HotIssuePoint = z.object({ matterId: z.string().uuid(), lon: z.number(), lat: z.number() });
export type HotIssuePoint = z.infer<typeof HotIssuePoint>;

export const HotIssue = z.object({
  id: z.string().uuid().describe('The group’s earliest matter: GET /api/hot-issues/{id} finds the group holding it'),
  label: z.string().describe('Place · problem words, e.g. 魅力之城小区 · 油烟扰民'),
  place: z.string().nullable(),
  terms: z.array(z.string()),
  employer: z.string().nullable().describe('For unpaid-wage groups: the employer most of them name'),
  count: z.number().int(),
  reporters: z.number().int().describe('Distinct people who reported'),
  followers: z.number().int().describe('People following the public posts among them'),
  firstAt: z.string(),
  lastAt: z.string(),
  spanDays: z.number(),
  recent: z.number().int().describe('Matters in the later half of the window'),
  earlier: z.number().int(),
  daily: z.array(z.number().int()).describe('Matters per day over the window, oldest first'),
  heat: z.number(),
  areaName: z.string().nullable().describe('The smallest area holding all of them'),
  points: z.array(HotIssuePoint),
});
export type HotIssue = z.infer<typeof HotIssue>;

export const HotIssueList = z.object({
  days: z.number().int(),
  from: z.string(),
  to: z.string(),
  matterCount: z.number().int().describe('Matters read for this answer'),
  capped: z.boolean().describe('More matters fell in the window than are read (the newest are)'),
  items: z.array(HotIssue),
});
export type HotIssueList = z.infer<typeof HotIssueList>;

export const HotIssueMatter = z.object({
  id: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  createdAt: z.string(),
  areaName: z.string(),
  address: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
});
export type HotIssueMatter = z.infer<typeof HotIssueMatter>;

export const HotIssueDetail = HotIssue.extend({ matters: z.array(HotIssueMatter) });
export type HotIssueDetail = z.infer<typeof HotIssueDetail>;
