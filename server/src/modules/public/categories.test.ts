import { beforeAll, expect, it } from 'vitest';
import type { MatterListItem, PublicCategory } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemo, type Demo } from '../../../test/demo.js';
import { demoSessions, postPublic } from '../../../test/public-posts.js';
import { call, useTestEnv, type Session } from '../../../test/test-app.js';

// The feed's category filter reads the catalogue without a login (active categories only), and
// the staff lists and the citizen's "my posts" say which matters their reporter made public.

describeEachDb('public categories and the public marker', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let s: Record<string, Session>;
  type Page = { items: MatterListItem[] };

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    s = await demoSessions(env().app, ['qunzhong', 'diaodu', 'admin']);
  });

  const categories = async () => {
    const res = await call(env().app, null, 'GET', '/api/public/categories');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PublicCategory[];
  };

  it('lists the active categories without a login, parents before children, nothing but code, name and parent', async () => {
    const list = await categories();
    const staff = (await call(env().app, s.admin!, 'GET', '/api/categories')).json() as { code: string; active: boolean }[];
    expect(list.map((c) => c.code).sort()).toEqual(staff.filter((c) => c.active).map((c) => c.code).sort());
    expect(list.length).toBeGreaterThan(10);
    for (const c of list) expect(Object.keys(c).sort()).toEqual(['code', 'name', 'parentCode']);
    const seen = new Set<string>();
    for (const c of list) {
      if (c.parentCode) expect(seen.has(c.parentCode), `${c.code} before its parent`).toBe(true);
      seen.add(c.code);
    }
    expect(list.find((c) => c.code === 'urban_construction.old_community')).toMatchObject({ parentCode: 'urban_construction' });
  });

  it('leaves out an inactive category, and the children of an inactive parent', async () => {
    const child = await call(env().app, s.admin!, 'PUT', '/api/categories/urban_construction.old_community', { name: '老旧小区改造', active: false });
    expect(child.statusCode, child.body).toBe(200);
    let codes = (await categories()).map((c) => c.code);
    expect(codes).not.toContain('urban_construction.old_community');
    expect(codes).toContain('urban_construction');

    const parent = (await call(env().app, s.admin!, 'GET', '/api/categories')).json() as { code: string; name: string }[];
    const name = parent.find((c) => c.code === 'urban_construction')!.name;
    await call(env().app, s.admin!, 'PUT', '/api/categories/urban_construction', { name, active: false });
    codes = (await categories()).map((c) => c.code);
    expect(codes.filter((c) => c === 'urban_construction' || c.startsWith('urban_construction.'))).toEqual([]);

    await call(env().app, s.admin!, 'PUT', '/api/categories/urban_construction', { name, active: true });
    await call(env().app, s.admin!, 'PUT', '/api/categories/urban_construction.old_community', { name: '老旧小区改造', active: true });
    expect((await categories()).map((c) => c.code)).toContain('urban_construction.old_community');
  });

  it('answers with Cache-Control and an ETag, and 304 to a matching If-None-Match', async () => {
    const first = await call(env().app, null, 'GET', '/api/public/categories');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const again = await call(env().app, null, 'GET', '/api/public/categories', undefined, { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('marks public matters in the citizen’s own list and in the staff lists', async () => {
    const shown = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code, { title: '公开标记测试' });
    const kept = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code, { title: '不公开标记测试', public: false });
    expect(shown.public).toBe(true);
    expect(kept.public).toBe(false);
    const mine = (await call(env().app, s.qunzhong!, 'GET', '/api/matters?queue=reported_by_me&pageSize=50')).json() as Page;
    const staff = (await call(env().app, s.diaodu!, 'GET', '/api/matters?queue=triage&pageSize=50')).json() as Page;
    for (const page of [mine, staff]) {
      expect(page.items.find((m) => m.id === shown.id)?.public).toBe(true);
      expect(page.items.find((m) => m.id === kept.id)?.public).toBe(false);
    }
    // Moderation takes a post off the feed; the list still says its reporter made it public (the detail says it is hidden).
    const hidden = await call(env().app, s.diaodu!, 'POST', `/api/matters/${shown.id}/moderation`, { action: 'hide', reason: '测试' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    const after = (await call(env().app, s.diaodu!, 'GET', '/api/matters?queue=triage&pageSize=50')).json() as Page;
    expect(after.items.find((m) => m.id === shown.id)?.public).toBe(true);
  });
});
