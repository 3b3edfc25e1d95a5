import { expect, it } from 'vitest';
import type { PublicMatterPage } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemoCityIfEmpty } from '../../seed/load-demo-city.js';
import { call, useTestEnv } from '../../../test/test-app.js';

// The demo posts go through the real use cases: their rows, timelines and audit entries are the app's own.

describeEachDb('demo posts', (kind) => {
  const env = useTestEnv(kind);

  it('fills the public feed once, when the demo city is first loaded', async () => {
    const { db } = env().database;
    await loadDemoCityIfEmpty(db, env().deps.cipher, { seed: 20261130, scale: 1 });
    await loadDemoCityIfEmpty(db, env().deps.cipher, { seed: 20261130, scale: 1 });
    const matters = await db.selectFrom('matters').select(['id', 'state', 'public', 'public_anonymous', 'channel', 'rating', 'reopen_count']).execute();
    expect(matters).toHaveLength(12);
    expect(matters.every((m) => m.channel === 'citizen_online')).toBe(true);
    expect(matters.filter((m) => m.public)).toHaveLength(10);
    expect(new Set(matters.map((m) => m.state))).toEqual(new Set(['pending_triage', 'dispatched', 'handling', 'replied', 'closed', 'rated']));
    expect(matters.filter((m) => m.reopen_count > 0)).toHaveLength(1);
    const audited = await db.selectFrom('audit_log').select('action').where('request_id', '=', 'demo-seed').execute();
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['matter.dispatch', 'matter.rate', 'matter.follow_up', 'public.follow']));
    const feed = (await call(env().app, null, 'GET', '/api/public/matters?pageSize=50')).json() as PublicMatterPage;
    expect(feed.total).toBe(10);
    expect(feed.items.filter((i) => i.reporter === '匿名').length).toBeGreaterThan(0);
    expect(feed.items.some((i) => i.reporter !== '匿名' && i.reporter?.includes('*'))).toBe(true);
  });
});
