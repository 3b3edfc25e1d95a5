import { z } from 'zod';
import { PageQuery, humanName, humanText, pageOf, plainName, text } from '../schemas/common.js';
import { CalendarDate, DateTime } from '../schemas/dates.js';
import { AreaCode } from '../schemas/area.js';
import { MATTER_CHANNELS, MATTER_STATES, RATINGS, REFERRAL_SOURCES, URGENCIES, WARNING_LEVELS } from './codes.js';
import { MATTER_ACTIONS, MATTER_EVENTS } from './machine.js';

export const MatterChannelSchema = z.enum(MATTER_CHANNELS);
export const MatterStateSchema = z.enum(MATTER_STATES);
export const UrgencySchema = z.enum(URGENCIES);
export const RatingSchema = z.enum(RATINGS);
export const MatterActionSchema = z.enum(MATTER_ACTIONS);
export const CategoryCode = z.string().regex(/^[a-z0-9_]{1,30}(\.[a-z0-9_]{1,30})?$/, 'category code: "first" or "first.second", lower-case letters, digits, _');
/** 手机号 or 座机 (0473-1234567). */
export const ContactPhone = z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'phone: an 11-digit mobile number or a landline such as 0473-1234567');
const Uuid = z.string().uuid();
const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);

export const MatterIntake = z
  .strictObject({
    channel: MatterChannelSchema,
    referralSource: z.enum(REFERRAL_SOURCES).optional().describe('Required when channel is referral'),
    title: humanName(80, 2),
    description: humanText(4000),
    categoryCode: CategoryCode.optional().describe('Leave out when unknown: the dispatcher decides at triage'),
    urgency: UrgencySchema.default('normal'),
    address: humanText(200),
    lon: Lon.optional(),
    lat: Lat.optional(),
    areaCode: AreaCode.optional().describe('When there is no map point: the community or grid the address belongs to'),
    anonymous: z.boolean().default(false),
    reporterName: plainName(40).optional(),
    contactPhone: ContactPhone.optional().describe('Kept encrypted; shown masked to handlers'),
    attachmentIds: z.array(Uuid).max(9).default([]),
    resolvedOnSpot: humanText(2000).optional().describe('即报即办: a grid worker reports and resolves at once; the note says what was done'),
    public: z.boolean().default(false).describe('Show in the public feed (personal data redacted); only a citizen’s online report may be public'),
    publicAnonymous: z.boolean().default(false).describe('In the public feed show the reporter as 匿名 instead of a masked name'),
  })
  .superRefine((v, ctx) => {
    if ((v.lon === undefined) !== (v.lat === undefined)) ctx.addIssue({ code: 'custom', path: [v.lon === undefined ? 'lon' : 'lat'], message: 'give both lon and lat, or neither' });
    if (v.lon === undefined && !v.areaCode) ctx.addIssue({ code: 'custom', path: ['lon'], message: 'give a map point (lon, lat) or an areaCode' });
    if (v.channel === 'referral' && !v.referralSource) ctx.addIssue({ code: 'custom', path: ['referralSource'], message: 'a referral names its source' });
    if (v.resolvedOnSpot && v.channel !== 'grid_report') ctx.addIssue({ code: 'custom', path: ['resolvedOnSpot'], message: 'only a grid worker’s report can be resolved on the spot' });
    // Open311 requests are public by nature of that API (GET requests lists them).
    if (v.public && v.channel !== 'citizen_online' && v.channel !== 'open311') ctx.addIssue({ code: 'custom', path: ['public'], message: 'only a citizen’s online report can be public' });
  });
export type MatterIntake = z.infer<typeof MatterIntake>;

const UnitRef = z.object({ id: Uuid, name: z.string() });

export const TimelineEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  unitName: z.string().nullable(),
  action: z.union([MatterActionSchema, z.enum(MATTER_EVENTS)]),
  fromState: MatterStateSchema.nullable(),
  toState: MatterStateSchema.nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  attachmentIds: z.array(Uuid),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Attachment = z.object({
  id: Uuid,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

export const MatterListItem = z.object({
  id: Uuid,
  number: z.string().describe('工单编号'),
  title: z.string(),
  channel: MatterChannelSchema,
  state: MatterStateSchema,
  urgency: UrgencySchema,
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  address: z.string(),
  gridCode: z.string().nullable(),
  areaName: z.string(),
  ownerUnit: UnitRef,
  assignedUnit: UnitRef.nullable(),
  acceptDueAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  warning: z.enum(WARNING_LEVELS),
  supervised: z.boolean(),
  public: z.boolean().describe('The reporter made it public (公开诉求); MatterDetail.publicity says whether moderation hid it'),
  reopenCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MatterListItem = z.infer<typeof MatterListItem>;

export const MatterDetail = MatterListItem.extend({
  description: z.string(),
  referralSource: z.enum(REFERRAL_SOURCES).nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  areaCode: z.string(),
  reporter: z.object({
    anonymous: z.boolean(),
    name: z.string().nullable().describe('Masked unless the viewer handles the matter'),
    contactMasked: z.string().nullable(),
    canRevealContact: z.boolean().describe('The viewer may read the full phone number (GET …/reporter-contact, audited)'),
    isViewer: z.boolean(),
  }),
  routing: z.object({ ruleId: Uuid.nullable(), explanation: z.string() }).nullable(),
  extensionRequest: z.object({ days: z.number().int(), note: z.string(), requestedAt: z.string() }).nullable(),
  rating: RatingSchema.nullable(),
  ratingComment: z.string().nullable(),
  mergedIntoId: Uuid.nullable(),
  assists: z.array(UnitRef),
  summons: z.array(UnitRef.extend({ dueAt: z.string(), reportedAt: z.string().nullable() })),
  supervisions: z.array(z.object({ byName: z.string(), note: z.string(), dueAt: z.string().nullable(), at: z.string() })),
  attachments: z.array(Attachment),
  timeline: z.array(TimelineEntry),
  actions: z.array(MatterActionSchema).describe('What the viewer may do now'),
  publicity: z.object({
    public: z.boolean().describe('The reporter made it public (公开诉求)'),
    anonymous: z.boolean().describe('In public the reporter shows as 匿名'),
    hidden: z.boolean().describe('Hidden from the public feed by moderation'),
    abuse: z.boolean().describe('Marked as abusive by moderation (also off the feed)'),
    redacted: z.boolean().describe('Moderation replaced the public title or description'),
    title: z.string().nullable().describe('The public title moderation wrote (null: the original title is shown, redacted)'),
    description: z.string().nullable().describe('The public description moderation wrote (null: the original is shown, redacted)'),
    hiddenPhotoIds: z.array(Uuid).describe('Photos moderation keeps off the public page'),
  }),
  mayModerate: z.boolean().describe('The viewer may moderate the public post (POST /api/matters/{id}/moderation)'),
});
export type MatterDetail = z.infer<typeof MatterDetail>;

export const MATTER_QUEUES = ['triage', 'to_accept', 'in_progress', 'to_verify', 'due_soon', 'overdue', 'reported_by_me', 'closed'] as const;
export const MatterListQuery = PageQuery.extend({
  queue: z.enum(MATTER_QUEUES).optional(),
  state: MatterStateSchema.optional(),
  channel: MatterChannelSchema.optional(),
  categoryCode: CategoryCode.optional(),
  areaCode: AreaCode.optional(),
  q: text(40).optional(),
  sort: z.enum(['createdAt', 'dueAt', 'updatedAt']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type MatterListQuery = z.infer<typeof MatterListQuery>;
export const MatterPage = pageOf(MatterListItem).extend({
  totalCapped: z.boolean().describe('true when more than `total` match: counting stops at 1,000'),
});

const note = text(2000);
const withNote = { note: note.optional(), attachmentIds: z.array(Uuid).max(9).default([]) };

/** Body of POST /api/matters/:id/actions, one shape per action. */
export const MatterActionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('dispatch'), categoryCode: CategoryCode, unitId: Uuid, urgency: UrgencySchema.optional(), ...withNote }),
  z.strictObject({ action: z.literal('accept'), ...withNote }),
  z.strictObject({ action: z.literal('return'), ...withNote }),
  z.strictObject({ action: z.literal('transfer'), unitId: Uuid, ...withNote }),
  z.strictObject({ action: z.literal('request_extension'), days: z.number().int().min(1).max(30), ...withNote }),
  z.strictObject({ action: z.literal('decide_extension'), approve: z.boolean(), ...withNote }),
  z.strictObject({ action: z.literal('escalate'), ...withNote }),
  z.strictObject({ action: z.literal('add_assist'), unitIds: z.array(Uuid).min(1).max(10), ...withNote }),
  z.strictObject({ action: z.literal('summon'), unitIds: z.array(Uuid).min(1).max(20), reportWithinHours: z.number().int().min(1).max(72), ...withNote }),
  z.strictObject({ action: z.literal('report_in'), ...withNote }),
  z.strictObject({ action: z.literal('reply'), ...withNote }),
  z.strictObject({ action: z.literal('verify_pass'), ...withNote }),
  z.strictObject({ action: z.literal('verify_fail'), ...withNote }),
  z.strictObject({ action: z.literal('rate'), rating: RatingSchema, comment: text(500).optional() }),
  z.strictObject({ action: z.literal('supervise'), dueAt: DateTime.optional(), ...withNote }),
  z.strictObject({ action: z.literal('void'), ...withNote }),
  z.strictObject({ action: z.literal('withdraw'), ...withNote }),
  z.strictObject({ action: z.literal('merge'), targetId: Uuid, ...withNote }),
  z.strictObject({ action: z.literal('comment'), ...withNote }),
  z.strictObject({ action: z.literal('follow_up'), ...withNote }),
]);
export type MatterActionBody = z.infer<typeof MatterActionBody>;

export const ReporterContact = z.object({ name: z.string().nullable(), phone: z.string() });

/** Why an open matter looks like the same problem (同类, 相距 80 米, 3 小时前, 文本相似 0.72). */
export const DUPLICATE_REASONS = ['same_category', 'same_family', 'distance', 'same_area', 'hours', 'text'] as const;
export const DuplicateReason = z.object({
  code: z.enum(DUPLICATE_REASONS),
  value: z.number().optional().describe('distance: metres; hours: how long before this one the other was reported (negative: after); text: cosine 0..1'),
  terms: z.array(z.string()).optional().describe('text: the words both share, weightiest first'),
});
export type DuplicateReason = z.infer<typeof DuplicateReason>;
export const DuplicateMatch = MatterListItem.extend({
  distanceMeters: z.number().nullable(),
  similarity: z.number().describe('Text similarity 0..1 (TF-IDF cosine of title + description)'),
  score: z.number().describe('0..1: text, distance, time apart and category together; candidates are sorted by it'),
  reasons: z.array(DuplicateReason),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatch>;

export const TriageSuggestion = z.object({
  categoryCode: z.string().nullable(),
  unit: UnitRef.nullable(),
  routing: z.object({ ruleId: Uuid.nullable(), explanation: z.string() }),
  acceptDueAt: z.string(),
  dueAt: z.string(),
  duplicates: z.array(DuplicateMatch),
});
export type TriageSuggestion = z.infer<typeof TriageSuggestion>;
export const TriageQuery = z.strictObject({ categoryCode: CategoryCode.optional(), urgency: UrgencySchema.optional() });

// Catalogue, routing, deadlines and calendar (admin-maintained).
export const Category = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), active: z.boolean() });
export type Category = z.infer<typeof Category>;
export const CategoryUpsert = z.strictObject({ code: CategoryCode, name: humanName(40), active: z.boolean().default(true) });

export const RoutingRule = z.object({
  id: Uuid,
  categoryCode: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  unit: UnitRef,
  note: z.string().nullable(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;
export const RoutingRuleCreate = z.strictObject({ categoryCode: CategoryCode, areaCode: AreaCode, unitId: Uuid, note: text(200).optional() });

export const DeadlineRule = z.object({
  id: Uuid,
  categoryCode: z.string().nullable().describe('null = the default for every category'),
  urgency: UrgencySchema,
  acceptHours: z.number().int().describe('签收 within this many working hours'),
  handleDays: z.number().int().describe('办结 within this many working days'),
});
export type DeadlineRule = z.infer<typeof DeadlineRule>;
export const DeadlineRuleUpsert = z.strictObject({
  categoryCode: CategoryCode.nullable(),
  urgency: UrgencySchema,
  acceptHours: z.number().int().min(1).max(240),
  handleDays: z.number().int().min(1).max(365),
});

export const CalendarDay = z.object({
  day: CalendarDate,
  kind: z.enum(['holiday', 'workday']).describe('holiday: 节假日 (no work on a weekday); workday: 调休 (work on a weekend)'),
  name: z.string(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;
export const CalendarDayUpsert = z.strictObject({ day: CalendarDay.shape.day, kind: CalendarDay.shape.kind, name: humanName(40) });
