import type { Transaction } from 'kysely';
import type { FollowListQuery, FollowPage, FollowState } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { requireActor } from '../../platform/policy/policy.js';
import { findPublicPost, publicRows, publicVisible, toItems } from './service.js';

// 关注: a logged-in person follows public posts to find them again (GET /api/citizens/me/follows).
// matters.follower_count changes in the same transaction as the matter_follows row, and only when
// that row really came or went, so repeating a follow or an unfollow changes nothing.

async function countOf(trx: Transaction<DB>, matterId: string): Promise<number> {
  return (await trx.selectFrom('matters').select('follower_count').where('id', '=', matterId).executeTakeFirstOrThrow()).follower_count;
}

/** In SQL, not read-modify-write: concurrent follows of one post each add their own one. */
async function addToCount(trx: Transaction<DB>, matterId: string, delta: 1 | -1): Promise<number> {
  const row = await trx
    .updateTable('matters')
    .set((eb) => ({ follower_count: eb('follower_count', '+', delta) }))
    .where('id', '=', matterId)
    .returning('follower_count')
    .executeTakeFirstOrThrow();
  return row.follower_count;
}

export async function followState(ctx: Ctx, number: string): Promise<FollowState> {
  const actor = requireActor(ctx.actor);
  const post = await findPublicPost(ctx, number);
  const row = await ctx.db.selectFrom('matter_follows').select('user_id').where('matter_id', '=', post.id).where('user_id', '=', actor.id).executeTakeFirst();
  return { following: row !== undefined, followerCount: post.follower_count };
}

export async function follow(ctx: Ctx, number: string): Promise<FollowState> {
  const actor = requireActor(ctx.actor);
  const post = await findPublicPost(ctx, number);
  return ctx.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('matter_follows')
      .values({ matter_id: post.id, user_id: actor.id, created_at: ctx.clock.now() })
      .onConflict((oc) => oc.doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!added) return { following: true, followerCount: await countOf(trx, post.id) };
    const followerCount = await addToCount(trx, post.id, 1);
    await audit(trx, ctx, { action: 'public.follow', entity: 'matter', entityId: post.id, after: { number } });
    return { following: true, followerCount };
  });
}

export async function unfollow(ctx: Ctx, number: string): Promise<FollowState> {
  const actor = requireActor(ctx.actor);
  const post = await findPublicPost(ctx, number);
  return ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('matter_follows').where('matter_id', '=', post.id).where('user_id', '=', actor.id).returning('user_id').executeTakeFirst();
    if (!removed) return { following: false, followerCount: await countOf(trx, post.id) };
    const followerCount = await addToCount(trx, post.id, -1);
    await audit(trx, ctx, { action: 'public.unfollow', entity: 'matter', entityId: post.id, after: { number } });
    return { following: false, followerCount };
  });
}

/** The posts the caller follows that are still public, most recently followed first. */
export async function myFollows(ctx: Ctx, q: FollowListQuery): Promise<FollowPage> {
  const actor = requireActor(ctx.actor);
  const [rows, counted] = await Promise.all([
    publicRows(ctx)
      .innerJoin('matter_follows as f', 'f.matter_id', 'm.id')
      .where('f.user_id', '=', actor.id)
      .orderBy('f.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    ctx.db
      .selectFrom('matters as m')
      .innerJoin('matter_follows as f', 'f.matter_id', 'm.id')
      .where('f.user_id', '=', actor.id)
      .where(publicVisible)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await toItems(ctx, rows), total: Number(counted.n), page: q.page, pageSize: q.pageSize };
}
