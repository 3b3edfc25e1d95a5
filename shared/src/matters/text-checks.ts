import { z } from 'zod';
import { text } from '../schemas/common.js';
import { AreaCode } from '../schemas/area.js';
import { CategoryCode, DuplicateMatch } from './schemas.js';

// Text checks around a matter: duplicates while a report is being written (可能重复) and the
// reply check before a handling unit's 反馈 is submitted.

export const DuplicateCheckRequest = z
  .strictObject({
    title: text(80).default(''),
    description: text(4000).default(''),
    categoryCode: CategoryCode.optional(),
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    areaCode: AreaCode.optional().describe('When there is no map point: the grid or community'),
  })
  .superRefine((v, ctx) => {
    if ((v.lon === undefined) !== (v.lat === undefined)) ctx.addIssue({ code: 'custom', path: [v.lon === undefined ? 'lon' : 'lat'], message: 'give both lon and lat, or neither' });
  });
export type DuplicateCheckRequest = z.infer<typeof DuplicateCheckRequest>;
export const DuplicateCheckResult = z.object({ candidates: z.array(DuplicateMatch) });
export type DuplicateCheckResult = z.infer<typeof DuplicateCheckResult>;

/** What the reply check can object to; each flag comes with its evidence. */
export const REPLY_FLAGS = ['too_short', 'boilerplate', 'off_topic', 'no_concrete_answer', 'no_basis', 'unanswered_questions'] as const;
export type ReplyFlagCode = (typeof REPLY_FLAGS)[number];

export const ReplyFlag = z.object({
  code: z.enum(REPLY_FLAGS),
  messageKey: z.string().describe('i18n key of the explanation, e.g. replyCheck.off_topic'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).describe('Values for the message'),
  evidence: z.array(z.string()).describe('Short excerpts (≤ 40 characters) or terms that support the flag'),
});
export type ReplyFlag = z.infer<typeof ReplyFlag>;

export const ReplyScores = z.object({
  length: z.number().int().describe('Letters, digits and Han characters in the reply'),
  contentChars: z.number().int().describe('…of them outside greetings, thanks, referrals and restating the question'),
  templateShare: z.number().describe('0..1: share of the reply that is letter formula, referral or restatement'),
  relevance: z.number().describe('0..1: TF-IDF cosine of question and reply'),
  keyTermCoverage: z.number().describe('0..1: share of the TF-IDF weight of the question’s 20 weightiest terms that the reply contains'),
  questionsAsked: z.number().int(),
  questionsAddressed: z.number().int(),
  copies: z.number().int().describe('Other replies of the corpus with the same text once numbers, ids and quotes are masked'),
});
export type ReplyScores = z.infer<typeof ReplyScores>;

export const ReplyCheckRequest = z.strictObject({ text: text(10_000) });
export type ReplyCheckRequest = z.infer<typeof ReplyCheckRequest>;
export const ReplyCheckResult = z.object({ flags: z.array(ReplyFlag), scores: ReplyScores });
export type ReplyCheckResult = z.infer<typeof ReplyCheckResult>;
