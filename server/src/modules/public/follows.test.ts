import { beforeAll, expect, it } from 'vitest';
import type { FollowPage, FollowState, MatterDetail, PublicMatterPage } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemo, type Demo } from '../../../test/demo.js';
import { demoSessions, postPublic } from '../../../test/public-posts.js';
import { call, useTestEnv, type Session } from '../../../test/test-app.js';

// 关注: following a public post is idempotent both ways, the count moves with the follow rows in
// one transaction, the feed sorts by it, and the caller's follows are theirs alone (never cached).

describeEachDb('public follows', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let s: Record<string, Session>;
  const posts: MatterDetail[] = [];

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    s = await demoSessions(env().app, ['qunzhong', 'wanggeyuan', 'diaodu', 'chengban', 'zhihui', 'shenji']);
    for (let i = 0; i < 3; i++) {
      posts.push(await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code, { title: `关注测试${i}` }));
      env().clock.advance(60_000);
    }
  });

  const followUrl = (m: MatterDetail) => `/api/public/matters/${m.number}/follow`;
  const followAs = async (who: string, m: MatterDetail, method: 'PUT' | 'DELETE' | 'GET') => {
    const res = await call(env().app, s[who]!, method, followUrl(m));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    return res.json() as FollowState;
  };
  const countOf = async (m: MatterDetail) =>
    (await env().database.db.selectFrom('matter_follows').select((eb) => eb.fn.countAll<number>().as('n')).where('matter_id', '=', m.id).executeTakeFirstOrThrow()).n;

  it('follows and unfollows idempotently, keeping the count equal to the rows', async () => {
    const [a] = posts;
    expect(await followAs('wanggeyuan', a!, 'GET')).toEqual({ following: false, followerCount: 0 });
    expect(await followAs('wanggeyuan', a!, 'PUT')).toEqual({ following: true, followerCount: 1 });
    expect(await followAs('wanggeyuan', a!, 'PUT')).toEqual({ following: true, followerCount: 1 });
    expect(await followAs('shenji', a!, 'PUT')).toEqual({ following: true, followerCount: 2 });
    expect(await followAs('wanggeyuan', a!, 'GET')).toEqual({ following: true, followerCount: 2 });
    expect(await followAs('qunzhong', a!, 'GET')).toEqual({ following: false, followerCount: 2 });
    expect(await followAs('wanggeyuan', a!, 'DELETE')).toEqual({ following: false, followerCount: 1 });
    expect(await followAs('wanggeyuan', a!, 'DELETE')).toEqual({ following: false, followerCount: 1 });
    expect(Number(await countOf(a!))).toBe(1);
    const audited = await env().database.db.selectFrom('audit_log').select('action').where('entity_id', '=', a!.id).where('action', 'like', 'public.%').execute();
    expect(audited.map((r) => r.action).sort()).toEqual(['public.follow', 'public.follow', 'public.unfollow']);
  });

  it('keeps the count right under concurrent follows of one post', async () => {
    const [, b] = posts;
    const who = ['qunzhong', 'wanggeyuan', 'diaodu', 'chengban', 'zhihui'];
    await Promise.all([...who, ...who].map((u) => call(env().app, s[u]!, 'PUT', followUrl(b!))));
    expect(await followAs('zhihui', b!, 'GET')).toEqual({ following: true, followerCount: 5 });
    expect(Number(await countOf(b!))).toBe(5);
  });

  it('sorts the feed by most followed, newest first among equals, and shows the counts', async () => {
    await followAs('qunzhong', posts[2]!, 'PUT');
    const page = (await call(env().app, null, 'GET', '/api/public/matters?sort=most_followed&pageSize=3')).json() as PublicMatterPage;
    expect(page.items.map((i) => [i.number, i.followerCount])).toEqual([
      [posts[1]!.number, 5],
      [posts[2]!.number, 1],
      [posts[0]!.number, 1],
    ]);
    const newest = (await call(env().app, null, 'GET', '/api/public/matters?pageSize=3')).json() as PublicMatterPage;
    expect(newest.items.map((i) => i.number)).toEqual([posts[2]!.number, posts[1]!.number, posts[0]!.number]);
    expect((await call(env().app, null, 'GET', '/api/public/matters?sort=oldest')).statusCode).toBe(400);
  });

  it('lists the caller’s follows, most recent first, and only posts still public', async () => {
    env().clock.advance(60_000);
    await followAs('shenji', posts[2]!, 'PUT');
    const mine = await call(env().app, s.shenji!, 'GET', '/api/citizens/me/follows?pageSize=10');
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('private, no-store');
    const body = mine.json() as FollowPage;
    expect(body.items.map((i) => i.number)).toEqual([posts[2]!.number, posts[0]!.number]);
    expect(body.total).toBe(2);
    expect(body.items[1]!.followerCount).toBe(1);

    // A post that leaves the feed leaves the list, and cannot be followed.
    await call(env().app, s.diaodu!, 'POST', `/api/matters/${posts[2]!.id}/moderation`, { action: 'hide', reason: '含有他人隐私' });
    expect(((await call(env().app, s.shenji!, 'GET', '/api/citizens/me/follows')).json() as FollowPage).items.map((i) => i.number)).toEqual([posts[0]!.number]);
    expect((await call(env().app, s.shenji!, 'PUT', followUrl(posts[2]!))).statusCode).toBe(404);
  });

  it('refuses without a login, and answers a private or missing post with 404', async () => {
    expect((await call(env().app, null, 'PUT', followUrl(posts[0]!))).statusCode).toBe(401);
    expect((await call(env().app, null, 'GET', '/api/citizens/me/follows')).statusCode).toBe(401);
    const report = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters', {
      channel: 'grid_report', title: '路面坑洼', description: '路面坑洼', address: '新桥社区', areaCode: demo.gridWorker.scope_code,
    });
    const hidden = await call(env().app, s.wanggeyuan!, 'PUT', `/api/public/matters/${report.json().number}/follow`);
    const missing = await call(env().app, s.wanggeyuan!, 'PUT', '/api/public/matters/20991231999999/follow');
    expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect({ ...hidden.json().error, requestId: 0 }).toEqual({ ...missing.json().error, requestId: 0 });
  });
});
