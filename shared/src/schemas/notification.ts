import { z } from 'zod';
import { PageQuery, pageOf } from './common.js';

/** One in-app notification (the bell). */
export const Notification = z.object({
  id: z.number().int(),
  kind: z.string().describe('e.g. matter.dispatched, matter.overdue'),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('Where clicking goes, e.g. /matters/<id>'),
  matterId: z.string().uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = pageOf(Notification);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationListQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional().describe('true: only unread ones'),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const UnreadCount = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;
