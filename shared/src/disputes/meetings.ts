import { z } from 'zod';
import { PageQuery, humanName, humanText, pageOf } from '../schemas/common.js';
import { CalendarDate } from '../schemas/dates.js';
import { AreaCode } from '../schemas/area.js';
import { DisputeLevelSchema, DisputeRiskLevelSchema, DisputeStateSchema, DisputeTypeSchema } from './schemas.js';

// 联席会: the joint meeting of a 镇/街道 (e.g. monthly on the 20th) goes through the open cases of
// the town and records a decision on each; every decision lands on its case's timeline.

export const MeetingAgendaQuery = z.strictObject({
  areaCode: AreaCode.optional().describe('The 镇/街道; defaults to the caller’s scope area'),
  date: CalendarDate.optional().describe('The meeting day (ages are counted to it); defaults to today'),
});
export type MeetingAgendaQuery = z.infer<typeof MeetingAgendaQuery>;

export const MeetingDecisionRef = z.object({ date: z.string(), decision: z.string(), assignee: z.string().nullable() });

export const AgendaItem = z.object({
  caseId: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  type: DisputeTypeSchema,
  level: DisputeLevelSchema,
  riskLevel: DisputeRiskLevelSchema,
  volatile: z.boolean(),
  state: DisputeStateSchema,
  ageDays: z.number().int().describe('Days from 受理 to the meeting day'),
  areaName: z.string(),
  mediators: z.array(z.string()).describe('Names of the mediators on the case now'),
  lastDecision: MeetingDecisionRef.nullable().describe('The latest 联席会 decision on the case'),
});
export const MeetingAgenda = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  date: z.string(),
  items: z.array(AgendaItem).describe('重大 → 较大 → 一般, 易激化 first within a risk level, then oldest first'),
});
export type MeetingAgenda = z.infer<typeof MeetingAgenda>;

export const MeetingDecisionInput = z.strictObject({
  caseId: z.string().uuid(),
  decision: humanText(1000),
  assignee: humanName(80).optional().describe('Who carries the decision out (a person or a unit)'),
});
export const MeetingCreate = z.strictObject({
  areaCode: AreaCode.describe('The 镇/街道 holding the meeting'),
  date: CalendarDate.describe('The day it was held (not after today)'),
  attendees: humanText(500),
  decisions: z.array(MeetingDecisionInput).min(1).max(200),
});
export type MeetingCreate = z.infer<typeof MeetingCreate>;

export const MeetingDecision = z.object({
  caseId: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  decision: z.string(),
  assignee: z.string().nullable(),
});
export const DisputeMeeting = z.object({
  id: z.string().uuid(),
  areaCode: z.string(),
  areaName: z.string(),
  date: z.string(),
  attendees: z.string(),
  decisions: z.array(MeetingDecision),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type DisputeMeeting = z.infer<typeof DisputeMeeting>;

export const MeetingListQuery = PageQuery.extend({
  areaCode: AreaCode.optional().describe('Meetings of this area and below; defaults to the caller’s scope'),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;
export const MeetingListItem = DisputeMeeting.omit({ decisions: true }).extend({ decisionCount: z.number().int() });
export const MeetingPage = pageOf(MeetingListItem);
