import { z } from 'zod';
import { humanName, humanText } from './common.js';

// Moderation of public posts (公开诉求): the owning centre's dispatcher or a 指挥中心 operator in
// scope hides, redacts or marks a post; the matter itself keeps being handled as before.

const reason = humanText(500).describe('Why (kept in the audit trail)');

export const MODERATION_ACTIONS = ['hide', 'unhide', 'redact', 'mark_abuse', 'hide_photo'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const MatterModeration = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('hide'), reason }),
  z.strictObject({ action: z.literal('unhide'), reason }).describe('Back on the feed; also clears an abuse mark'),
  z
    .strictObject({
      action: z.literal('redact'),
      title: humanName(80, 2).optional().describe('Replaces the PUBLIC title; the original stays for staff'),
      description: humanText(4000).optional().describe('Replaces the PUBLIC description'),
      reason,
    })
    .refine((v) => v.title !== undefined || v.description !== undefined, { message: 'give a title or a description', path: ['title'] }),
  z.strictObject({ action: z.literal('mark_abuse'), reason }),
  z.strictObject({ action: z.literal('hide_photo'), fileId: z.string().uuid(), reason }),
]);
export type MatterModeration = z.infer<typeof MatterModeration>;
