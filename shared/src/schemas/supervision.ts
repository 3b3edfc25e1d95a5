import { z } from 'zod';
import { SUPERVISION_ACTIONS } from '../supervision/machine.js';
import { PageQuery, humanName, humanText, pageOf } from './common.js';

// 监督举报: anyone logged in may report slow or improper handling, or misconduct, optionally about
// a matter; the 指挥中心 (command_operator) handles the reports, never the unit they are about.

export const SUPERVISION_KINDS = [
  'slow_handling', // 办理拖延
  'improper_handling', // 办理不当
  'misconduct', // 作风问题/违纪
] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];

export const SUPERVISION_STATES = ['open', 'accepted', 'closed'] as const; // 待受理 → 已受理 → 已办结
export type SupervisionState = (typeof SUPERVISION_STATES)[number];

export const SupervisionCreate = z.strictObject({
  kind: z.enum(SUPERVISION_KINDS),
  matterNumber: z.string().regex(/^\d{8,20}$/, 'a 工单编号 is digits').optional().describe('The matter the report is about, if any'),
  subject: humanName(80).describe('Who or which unit the report is about'),
  content: humanText(2000),
});
export type SupervisionCreate = z.infer<typeof SupervisionCreate>;

export const SupervisionCreated = z.object({ id: z.string().uuid(), number: z.string().describe('S + date + serial, e.g. S20261130000001'), state: z.enum(SUPERVISION_STATES) });
export type SupervisionCreated = z.infer<typeof SupervisionCreated>;

export const SupervisionReport = z.object({
  id: z.string().uuid(),
  number: z.string(),
  kind: z.enum(SUPERVISION_KINDS),
  state: z.enum(SUPERVISION_STATES),
  matterNumber: z.string().nullable(),
  matterId: z.string().uuid().nullable().describe('Only in the 指挥中心 queue (the reporter has the number)'),
  subject: z.string(),
  content: z.string(),
  reporterName: z.string().describe('The reporter’s masked name (张**)'),
  acceptNote: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  closeNote: z.string().nullable().describe('The conclusion, which the reporter reads'),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupervisionReport = z.infer<typeof SupervisionReport>;

export const SupervisionListQuery = PageQuery.extend({
  state: z.enum(SUPERVISION_STATES).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SupervisionListQuery = z.infer<typeof SupervisionListQuery>;
export const SupervisionMineQuery = PageQuery.extend({ pageSize: z.coerce.number().int().min(1).max(100).default(20) });
export type SupervisionMineQuery = z.infer<typeof SupervisionMineQuery>;

export const SupervisionPage = pageOf(SupervisionReport);
export type SupervisionPage = z.infer<typeof SupervisionPage>;

/** accept: open → accepted; close: open or accepted → closed (the note is the conclusion); see SUPERVISION_TRANSITIONS. */
export const SupervisionActionBody = z.strictObject({
  action: z.enum(SUPERVISION_ACTIONS),
  note: humanText(2000),
});
export type SupervisionActionBody = z.infer<typeof SupervisionActionBody>;
