import { z } from 'zod';
import { NotificationListQuery, NotificationPage, UnreadCount } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import * as notifications from './service.js';
import { serveUnreadStream, StreamRegistry } from './stream.js';

const IdParams = z.strictObject({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const StreamQuery = z.strictObject({ once: z.enum(['true', 'false']).optional().describe('true: send the current count and end') });
const tags = ['notifications 消息'];

// Everyone reads and marks only their own notifications.
export const notificationRoutes: ApiModule = (app, deps) => {
  const streams = new StreamRegistry();
  app.addHook('preClose', async () => streams.endAll());

  app.get('/api/notifications', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'My notifications, newest first', querystring: NotificationListQuery, response: { 200: NotificationPage } },
    handler: (req) => notifications.listMyNotifications(ctxOf(req, deps), req.query),
  });
  app.get('/api/notifications/unread-count', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'How many of my notifications are unread', response: { 200: UnreadCount } },
    handler: (req) => notifications.myUnreadCount(ctxOf(req, deps)),
  });
  app.post('/api/notifications/:id/read', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'Mark one notification read; answers the new unread count', params: IdParams, response: { 200: UnreadCount } },
    handler: (req) => notifications.markRead(ctxOf(req, deps), req.params.id),
  });
  app.post('/api/notifications/read-all', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: UnreadCount } },
    handler: (req) => notifications.markAllRead(ctxOf(req, deps)),
  });
  app.get('/api/notifications/stream', {
    config: { policy: 'authenticated' },
    schema: {
      tags,
      summary: 'Server-Sent Events: "unread" with {count} on connect and on every change; a comment every 25 s',
      querystring: StreamQuery,
    },
    handler: (req, reply) => serveUnreadStream(deps.db, streams, req, reply, req.query.once === 'true'),
  });
};
