import { z } from 'zod';
import { CategoryCode, MatterStateSchema, RatingSchema } from '../matters/schemas.js';
import { PageQuery, pageOf, text } from './common.js';
import { AreaCode } from './area.js';

// The public feed (公开诉求): what anyone may read of a matter its reporter chose to make public.
// Personal data is redacted on the server; nothing here names a person, a phone, an exact address
// or a map point.

/** Timeline steps the public sees: the handling, never internal notes or who did it. */
export const PUBLIC_STEPS = ['created', 'dispatch', 'accept', 'reply', 'verify_pass', 'rate', 'reopened', 'escalate', 'follow_up'] as const;

export const PublicStep = z.object({
  action: z.enum(PUBLIC_STEPS),
  at: z.string(),
  unitName: z.string().nullable().describe('The unit that took the step (never the person)'),
  toUnitName: z.string().nullable().describe('dispatch and escalate: the unit the matter went to'),
  reply: z.string().nullable().describe('reply: the official reply, redacted'),
  note: z.string().nullable().describe('follow_up: what the reporter added or asked (追问/补充), redacted'),
  rating: RatingSchema.nullable().describe('rate: the rating (the comment is not shown)'),
});
export type PublicStep = z.infer<typeof PublicStep>;

export const PublicMatterListItem = z.object({
  number: z.string().describe('工单编号: the stable address of the page, /api/public/matters/{number}'),
  title: z.string().describe('Redacted'),
  description: z.string().describe('Redacted'),
  categoryName: z.string().nullable(),
  areaName: z.string().describe('The community (社区) the matter lies in, never finer'),
  state: MatterStateSchema,
  rating: RatingSchema.nullable(),
  reporter: z.string().describe('匿名, or the masked name (张**)'),
  createdAt: z.string(),
  followerCount: z.number().int().describe('People following the post (关注)'),
  photoCount: z.number().int().describe('Photos shown on the post’s page'),
});
export type PublicMatterListItem = z.infer<typeof PublicMatterListItem>;

export const PublicPhoto = z.object({
  id: z.string().uuid(),
  url: z.string().describe('/api/public/matters/{number}/photos/{id} (no login)'),
  thumbnailUrl: z.string().describe('…/photos/{id}/thumbnail: a 320px JPEG'),
});
export type PublicPhoto = z.infer<typeof PublicPhoto>;

export const PublicMatter = PublicMatterListItem.extend({
  photos: z.array(PublicPhoto).describe('Image attachments of the report, follow-ups and official replies, less those hidden by moderation'),
  timeline: z.array(PublicStep),
});
export type PublicMatter = z.infer<typeof PublicMatter>;

export const PublicMatterQuery = PageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
  // Searching raw text by digits would let anyone probe for a phone or ID number that the answer
  // itself redacts, so a search may not hold a long run of digits or an e-mail address.
  q: text(40)
    .refine((s) => !/\d{5,}/.test(s) && !s.includes('@'), 'search by words, not by numbers or e-mail addresses')
    .optional(),
  areaCode: AreaCode.optional(),
  categoryCode: CategoryCode.optional(),
  state: MatterStateSchema.optional(),
  sort: z.enum(['newest', 'most_followed']).default('newest'),
});
export type PublicMatterQuery = z.infer<typeof PublicMatterQuery>;

export const PublicMatterPage = pageOf(PublicMatterListItem).extend({
  totalCapped: z.boolean().describe('true when more than `total` match: counting stops at 1,000'),
});
export type PublicMatterPage = z.infer<typeof PublicMatterPage>;

export const PublicMatterNumber = z.strictObject({ number: z.string().regex(/^\d{8,20}$/, 'a 工单编号 is digits') });

export const PublicPhotoParams = PublicMatterNumber.extend({ fileId: z.string().uuid('fileId must be a UUID') });

/** An active category of the catalogue, for the feed's category filter (no login). */
export const PublicCategory = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable() });
export type PublicCategory = z.infer<typeof PublicCategory>;

/** Whether the logged-in user follows a public matter (关注), and how many do. */
export const FollowState = z.object({ following: z.boolean(), followerCount: z.number().int() });
export type FollowState = z.infer<typeof FollowState>;

export const FollowListQuery = PageQuery.extend({ pageSize: z.coerce.number().int().min(1).max(50).default(20) });
export type FollowListQuery = z.infer<typeof FollowListQuery>;
export const FollowPage = pageOf(PublicMatterListItem);
export type FollowPage = z.infer<typeof FollowPage>;
