import { z } from 'zod';
import { PageQuery, humanName, humanText, pageOf, plainName, text } from '../schemas/common.js';
import { DateTime } from '../schemas/dates.js';
import { AreaCode } from '../schemas/area.js';
import { Attachment, ContactPhone } from '../matters/schemas.js';
import {
  DISPUTE_LEVELS,
  DISPUTE_RISK_LEVELS,
  DISPUTE_SOURCES,
  DISPUTE_STATES,
  DISPUTE_TYPES,
  ESCALATION_REASONS,
  FAILED_PATHS,
  MEDIATION_TYPES,
  PARTY_KINDS,
  PARTY_ROLES,
} from './codes.js';
import { CHAIN_RESULTS, CHAIN_STEP_KINDS, DISPUTE_ACTIONS, DISPUTE_EVENTS } from './machine.js';
import { creditCodeProblem, residentIdProblem } from './id-numbers.js';

const Uuid = z.string().uuid();
const When = DateTime;
export const DisputeStateSchema = z.enum(DISPUTE_STATES);
export const DisputeLevelSchema = z.enum(DISPUTE_LEVELS);
export const DisputeTypeSchema = z.enum(DISPUTE_TYPES);
export const DisputeSourceSchema = z.enum(DISPUTE_SOURCES);
export const DisputeRiskLevelSchema = z.enum(DISPUTE_RISK_LEVELS);
export const DisputeActionSchema = z.enum(DISPUTE_ACTIONS);
export const ChainStepKindSchema = z.enum(CHAIN_STEP_KINDS);

/** A party as typed: a person with a 居民身份证号码 or an organisation with a 统一社会信用代码. */
export const DisputePartyInput = z
  .strictObject({
    role: z.enum(PARTY_ROLES),
    kind: z.enum(PARTY_KINDS),
    name: humanName(80),
    idNumber: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .optional()
      .describe('居民身份证号码 for a person, 统一社会信用代码 for an organisation; kept encrypted, shown masked'),
    phone: ContactPhone.optional().describe('Kept encrypted; shown masked'),
  })
  .superRefine((p, ctx) => {
    if (!p.idNumber) return;
    const problem = p.kind === 'person' ? residentIdProblem(p.idNumber) : creditCodeProblem(p.idNumber);
    if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
  });
export type DisputePartyInput = z.infer<typeof DisputePartyInput>;

export const DisputeCreate = z
  .strictObject({
    source: DisputeSourceSchema,
    matterId: Uuid.optional().describe('The matter this dispute was found in; required when source is matter'),
    screeningId: Uuid.optional().describe('The 滚动排查 report that found it (source screening); marks that report found'),
    type: DisputeTypeSchema,
    title: humanName(80, 2),
    facts: humanText(4000).describe('纠纷事实: what happened and what each side asks'),
    areaCode: AreaCode.describe('The grid or community (or higher area) where the dispute is'),
    address: humanText(200),
    parties: z.array(DisputePartyInput).min(2).max(30),
    amountYuan: z.number().min(0).max(1e11).multipleOf(0.01).optional().describe('涉及金额, 元'),
    peopleInvolved: z.number().int().min(1).max(100_000).optional().describe('涉及人数; defaults to the number of parties'),
    riskLevel: DisputeRiskLevelSchema.default('general'),
    volatile: z.boolean().default(false).describe('易激化: alerts the level above at once'),
    mediationType: z.enum(MEDIATION_TYPES).default('people'),
    level: DisputeLevelSchema.optional().describe('Defaults to the level of the area (a grid → 网格, a community → 村/社区 …)'),
  })
  .superRefine((v, ctx) => {
    if (v.source === 'matter' && !v.matterId) ctx.addIssue({ code: 'custom', path: ['matterId'], message: 'a dispute from a matter names the matter' });
    if (v.source !== 'matter' && v.matterId) ctx.addIssue({ code: 'custom', path: ['source'], message: 'a dispute linked to a matter has source matter' });
    if (v.source !== 'screening' && v.screeningId) ctx.addIssue({ code: 'custom', path: ['source'], message: 'a dispute found by a screening has source screening' });
    for (const role of PARTY_ROLES) {
      if (!v.parties.some((p) => p.role === role)) ctx.addIssue({ code: 'custom', path: ['parties'], message: `name at least one ${role}` });
    }
  });
export type DisputeCreate = z.infer<typeof DisputeCreate>;

const note = text(2000);

const assignShape = {
  mediatorIds: z.array(Uuid).max(5).default([]).describe('People who mediate (users)'),
  studioId: Uuid.optional().describe('A named studio (工作室) or mediation committee'),
  note: note.optional(),
};
const namesSomeone = (v: { mediatorIds: string[]; studioId?: string | undefined }) => v.mediatorIds.length > 0 || !!v.studioId;
const nameSomeone = { message: 'name mediators or a studio', path: ['mediatorIds'] };
export const DisputeAssign = z.strictObject(assignShape).refine(namesSomeone, nameSomeone);
export type DisputeAssign = z.infer<typeof DisputeAssign>;

export const SessionCreate = z.strictObject({
  at: When.describe('When the session is (or was) held'),
  place: humanText(200),
  onSite: z.boolean().default(false).describe('On site or at the 流动办公桌 rather than in the office'),
  participants: z.array(humanName(80)).max(40).default([]),
  minutes: humanText(20_000).optional().describe('调解笔录: given, this records a session held; left out, it schedules one'),
  attachmentIds: z.array(Uuid).max(9).default([]),
});
export type SessionCreate = z.infer<typeof SessionCreate>;

export const SessionRecord = z.strictObject({
  minutes: humanText(20_000),
  participants: z.array(humanName(80)).max(40).optional(),
  heldAt: When.optional(),
  version: z.number().int().min(1).max(2_147_483_647).describe('The version read; a session changed since answers 409'),
  attachmentIds: z.array(Uuid).max(9).default([]),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

export const AgreementTermInput = z.strictObject({ text: humanText(1000), dueAt: When.optional().describe('履行期限') });

const settledShape = {
  agreedFacts: humanText(4000).optional().describe('The facts as the agreement states them; defaults to the case facts'),
  terms: z.array(AgreementTermInput).min(1).max(30),
  note: note.optional(),
};
const failedShape = { path: z.enum(FAILED_PATHS).describe('仲裁 / 诉讼 / 行政处理'), note };
export const DisputeOutcome = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('settled'), ...settledShape }),
  z.strictObject({ outcome: z.literal('failed'), ...failedShape }),
  z.strictObject({ outcome: z.literal('withdrawn'), note }),
  z.strictObject({ outcome: z.literal('terminated'), note }),
]);
export type DisputeOutcome = z.infer<typeof DisputeOutcome>;

export const PerformanceRecord = z.strictObject({ performed: z.boolean(), at: When.optional(), note: note.optional() });
export const RiskAssessment = z.strictObject({ riskLevel: DisputeRiskLevelSchema, volatile: z.boolean(), note });
export const DisputeEscalate = z.strictObject({ reason: z.enum(ESCALATION_REASONS), note });
export const DisputeClose = z.strictObject({ note: note.optional() });

export const ChainStepCreate = z.strictObject({
  kind: ChainStepKindSchema,
  appliedAt: When.describe('申请 / 立案 date'),
  institution: humanName(80).describe('The court or body handling the step'),
  caseNumber: plainName(60).optional().describe('案号'),
  note: note.optional(),
  attachmentIds: z.array(Uuid).max(9).default([]),
});
export const ChainStepResultInput = z.strictObject({
  result: z.enum(CHAIN_RESULTS),
  resultAt: When,
  note: note.optional(),
  attachmentIds: z.array(Uuid).max(9).default([]),
});

/**
 * Body of POST /api/disputes/:id/actions, one shape per action of DISPUTE_TRANSITIONS.
 * `schedule_session` adds a session: with minutes it is recorded as held (a `record_session` on
 * the timeline); `record_session` writes the minutes of a scheduled one (`sessionId`, `version`).
 */
export const DisputeActionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), ...assignShape }).refine(namesSomeone, nameSomeone),
  z.strictObject({ action: z.literal('schedule_session'), ...SessionCreate.shape }),
  z.strictObject({ action: z.literal('record_session'), sessionId: Uuid, ...SessionRecord.shape }),
  z.strictObject({ action: z.literal('assess_risk'), ...RiskAssessment.shape }),
  z.strictObject({ action: z.literal('settle'), ...settledShape }),
  z.strictObject({ action: z.literal('fail'), ...failedShape }),
  z.strictObject({ action: z.literal('withdraw'), note }),
  z.strictObject({ action: z.literal('terminate'), note }),
  z.strictObject({ action: z.literal('escalate'), ...DisputeEscalate.shape }),
  z.strictObject({ action: z.literal('record_performance'), termId: Uuid, ...PerformanceRecord.shape }),
  z.strictObject({ action: z.literal('generate_agreement') }),
  z.strictObject({ action: z.literal('close'), ...DisputeClose.shape }),
  z.strictObject({ action: z.literal('add_chain_step'), ...ChainStepCreate.shape }),
  z.strictObject({ action: z.literal('record_chain_result'), stepId: Uuid, ...ChainStepResultInput.shape }),
]);
export type DisputeActionBody = z.infer<typeof DisputeActionBody>;

// Answers.
const UnitRef = z.object({ id: Uuid, name: z.string() });
const PersonRef = z.object({ id: Uuid, name: z.string() });

export const DisputeParty = z.object({
  id: Uuid,
  role: z.enum(PARTY_ROLES),
  kind: z.enum(PARTY_KINDS),
  name: z.string().describe('A person’s name masked (张**); an organisation’s in full'),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
});
export const PartyIdentity = z.object({ name: z.string(), idNumber: z.string().nullable(), phone: z.string().nullable() });

export const DisputeSession = z.object({
  id: Uuid,
  at: z.string(),
  place: z.string(),
  onSite: z.boolean(),
  participants: z.array(z.string()),
  minutes: z.string().nullable(),
  heldAt: z.string().nullable(),
  level: DisputeLevelSchema,
  recordedBy: z.string().nullable(),
  version: z.number().int(),
});
export const AgreementTerm = z.object({
  id: Uuid,
  text: z.string(),
  dueAt: z.string().nullable(),
  performedAt: z.string().nullable(),
  performanceNote: z.string().nullable(),
  overdue: z.boolean(),
});
export const ChainStep = z.object({
  id: Uuid,
  kind: ChainStepKindSchema,
  appliedAt: z.string(),
  institution: z.string(),
  caseNumber: z.string().nullable(),
  result: z.enum(CHAIN_RESULTS).nullable(),
  resultAt: z.string().nullable(),
  note: z.string().nullable(),
  attachments: z.array(Attachment),
});
export const DisputeTimelineEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.union([DisputeActionSchema, z.enum(DISPUTE_EVENTS)]),
  fromState: DisputeStateSchema.nullable(),
  toState: DisputeStateSchema.nullable(),
  level: DisputeLevelSchema.describe('The level the case was at when this happened'),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  attachmentIds: z.array(Uuid),
});

export const DisputeListItem = z.object({
  id: Uuid,
  number: z.string().describe('纠纷编号'),
  title: z.string(),
  source: DisputeSourceSchema,
  type: DisputeTypeSchema,
  state: DisputeStateSchema,
  riskLevel: DisputeRiskLevelSchema,
  volatile: z.boolean(),
  mediationType: z.enum(MEDIATION_TYPES),
  level: DisputeLevelSchema,
  levelArea: z.object({ code: z.string(), name: z.string() }),
  areaName: z.string(),
  unit: UnitRef.nullable().describe('The mediation organisation of the current level'),
  studio: UnitRef.nullable(),
  levelDueAt: z.string().nullable(),
  overdue: z.boolean(),
  amountYuan: z.number().nullable(),
  peopleInvolved: z.number().int(),
  escalationCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DisputeListItem = z.infer<typeof DisputeListItem>;

export const DisputeDetail = DisputeListItem.extend({
  facts: z.string(),
  address: z.string(),
  areaCode: z.string(),
  matterId: Uuid.nullable(),
  parties: z.array(DisputeParty),
  mediators: z.array(PersonRef.extend({ assignedAt: z.string(), releasedAt: z.string().nullable() })),
  sessions: z.array(DisputeSession),
  failedPath: z.enum(FAILED_PATHS).nullable(),
  agreedFacts: z.string().nullable(),
  terms: z.array(AgreementTerm),
  agreement: Attachment.nullable().describe('The latest 调解协议书 PDF'),
  chain: z.array(ChainStep),
  timeline: z.array(DisputeTimelineEntry),
  actions: z.array(DisputeActionSchema).describe('What the viewer may do now'),
  canRevealParties: z.boolean().describe('The viewer may read parties’ full names and numbers (audited)'),
});
export type DisputeDetail = z.infer<typeof DisputeDetail>;

export const DISPUTE_QUEUES = ['my_level', 'assigned_to_me', 'open', 'overdue', 'ended'] as const;
export const DisputeListQuery = PageQuery.extend({
  queue: z.enum(DISPUTE_QUEUES).optional().describe('my_level: open cases at the viewer’s own level area'),
  state: DisputeStateSchema.optional(),
  type: DisputeTypeSchema.optional(),
  level: DisputeLevelSchema.optional(),
  areaCode: AreaCode.optional(),
  q: text(40).optional().describe('Number or title'),
});
export type DisputeListQuery = z.infer<typeof DisputeListQuery>;
export const DisputePage = pageOf(DisputeListItem);

export const LevelLimit = z.object({ level: DisputeLevelSchema, days: z.number().int().describe('Working days at this level before the case moves up') });
export const LevelLimitUpdate = z.strictObject({ days: z.number().int().min(1).max(365) });
