import type { Notification, NotificationListQuery } from '@fengqiao/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import type { NotificationRow, OutboxChannel } from '../../platform/db/schema-files-notifications.js';
import { notFound } from '../../platform/errors.js';
import { requireActor } from '../../platform/policy/policy.js';
import { publishAfterCommit } from './events.js';
import * as repo from './repository.js';

export { publishAfterCommit };

export interface NotifyInput {
  userIds: readonly string[];
  /** A stable code the web can style or filter by, e.g. matter.dispatched. */
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  matterId?: string | null;
  /** Channels besides in-app (an outbox row per user and channel); none by default. */
  channels?: readonly OutboxChannel[];
}

/**
 * Writes the in-app notifications and their outbox rows in the caller's transaction, so they
 * commit (or roll back) with the change that caused them. After the commit, the caller calls
 * `publishAfterCommit(userIds)` so open streams update at once.
 */
export async function notify(trx: Transaction<DB> | Kysely<DB>, ctx: Pick<Ctx, 'clock'>, input: NotifyInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  const now = ctx.clock.now();
  const link = input.link ?? null;
  const matterId = input.matterId ?? null;
  for (let i = 0; i < userIds.length; i += 500) {
    await trx
      .insertInto('notifications')
      .values(userIds.slice(i, i + 500).map((userId) => ({ user_id: userId, kind: input.kind, title: input.title, body: input.body, link, matter_id: matterId, created_at: now })))
      .execute();
  }
  const outbox = [...new Set(input.channels ?? [])].flatMap((channel) =>
    userIds.map((userId) => ({
      channel,
      recipient: userId,
      payload: JSON.stringify({ kind: input.kind, title: input.title, body: input.body, link, matterId }),
      created_at: now,
      available_at: now,
    })),
  );
  for (let i = 0; i < outbox.length; i += 500) await trx.insertInto('outbox').values(outbox.slice(i, i + 500)).execute();
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toNotification(n: NotificationRow): Notification {
  return {
    id: Number(n.id),
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    matterId: n.matter_id,
    createdAt: iso(n.created_at)!,
    readAt: iso(n.read_at),
  };
}

export async function listMyNotifications(ctx: Ctx, query: NotificationListQuery) {
  const actor = requireActor(ctx.actor);
  const { items, total } = await repo.listNotifications(ctx.db, actor.id, query.unread === 'true', query.page, query.pageSize);
  return { items: items.map(toNotification), total, page: query.page, pageSize: query.pageSize };
}

export async function myUnreadCount(ctx: Ctx): Promise<{ count: number }> {
  return { count: await repo.unreadCount(ctx.db, requireActor(ctx.actor).id) };
}

/** Someone else's notification answers like a missing one. */
export async function markRead(ctx: Ctx, id: number): Promise<{ count: number }> {
  const actor = requireActor(ctx.actor);
  if (!(await repo.markRead(ctx.db, actor.id, id, ctx.clock.now()))) throw notFound('Notification');
  publishAfterCommit([actor.id]);
  return myUnreadCount(ctx);
}

export async function markAllRead(ctx: Ctx): Promise<{ count: number }> {
  const actor = requireActor(ctx.actor);
  if ((await repo.markAllRead(ctx.db, actor.id, ctx.clock.now())) > 0) publishAfterCommit([actor.id]);
  return myUnreadCount(ctx);
}

