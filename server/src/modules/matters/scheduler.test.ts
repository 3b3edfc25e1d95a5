import { beforeAll, expect, it } from 'vitest';
import type { AreaGeometry, MatterDetail } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { bbox, bboxCenter } from '../territory/geometry.js';
import { RATING_DAYS, sweepDeadlines } from './scheduler.js';

const local = (iso: string) => new Date(`${iso}+08:00`);

describeEachDb('deadline scheduler', (kind) => {
  const env = useTestEnv(kind, { sessionTtlHours: 24 * 90 }); // the clock travels weeks ahead
  let demo: Demo;
  const s: Record<string, Session> = {};
  let point: [number, number];

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    for (const u of ['wanggeyuan', 'diaodu', 'chengban']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    const grid = await env().database.db.selectFrom('areas').select('geometry').where('code', '=', demo.gridWorker.scope_code).executeTakeFirstOrThrow();
    point = bboxCenter(bbox(grid.geometry as AreaGeometry));
  });

  const act = (who: string, id: string, body: object) => call(env().app, s[who]!, 'POST', `/api/matters/${id}/actions`, body);
  async function dispatchedMatter(at: string): Promise<MatterDetail> {
    env().clock.set(local(at));
    const m: MatterDetail = (
      await call(env().app, s.wanggeyuan!, 'POST', '/api/matters', { channel: 'grid_report', title: '路灯不亮', description: '新桥社区主路路灯不亮', address: '新桥社区主路', lon: point[0], lat: point[1] })
    ).json();
    const unitId = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}/triage?categoryCode=urban_construction.old_community`)).json().unit.id;
    return (await act('diaodu', m.id, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId })).json();
  }
  const events = (id: string) => env().database.db.selectFrom('matter_events').select(['action', 'data']).where('matter_id', '=', id).orderBy('id').execute();

  it('counts 签收 hours over the weekend, warns yellow, then red with exactly one escalation', async () => {
    const m = await dispatchedMatter('2026-12-04T16:00:00'); // Friday 16:00; 一般: 签收 within 4 working hours
    expect(m.acceptDueAt).toBe(local('2026-12-07T11:30:00').toISOString()); // 1.5 h Friday + 2.5 h Monday
    env().clock.set(local('2026-12-05T12:00:00')); // Saturday: the clock does not run
    expect((await sweepDeadlines(env().database.db, env().clock)).yellow).toBe(0);
    env().clock.set(local('2026-12-07T10:45:00')); // Monday, 45 minutes left
    await sweepDeadlines(env().database.db, env().clock);
    expect((await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}`)).json().warning).toBe('yellow');
    env().clock.set(local('2026-12-07T11:31:00'));
    const [a, b] = await Promise.all([sweepDeadlines(env().database.db, env().clock), sweepDeadlines(env().database.db, env().clock)]);
    expect(a.escalated + b.escalated).toBe(1);
    await sweepDeadlines(env().database.db, env().clock);
    const detail = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}`)).json();
    expect(detail).toMatchObject({ warning: 'red', ownerUnit: { name: '海南区综治中心' } });
    const log = (await events(m.id)).map((e) => e.action);
    expect(log.filter((x) => x === 'overdue_escalated')).toHaveLength(1);
    expect(log.filter((x) => x === 'warned')).toHaveLength(1);
    const bell = await env().database.db.selectFrom('notifications').select('kind').where('matter_id', '=', m.id).where('kind', '=', 'matter.overdue').execute();
    expect(bell.length).toBeGreaterThan(0);
  });

  it('counts a 调休 working Saturday as a working day', async () => {
    await env().database.db.insertInto('calendar_days').values({ day: '2026-12-12', kind: 'workday', name: '测试调休' }).execute();
    const { referenceDataFor } = await import('./reference-data.js');
    referenceDataFor(env().database.db).invalidate();
    const m = await dispatchedMatter('2026-12-11T16:00:00'); // Friday 16:00, Saturday is a working day
    expect(m.acceptDueAt).toBe(local('2026-12-12T11:30:00').toISOString());
  });

  it('rates a closed matter 满意 when nobody rates it in time, once', async () => {
    const m = await dispatchedMatter('2026-12-14T09:00:00');
    await act('chengban', m.id, { action: 'accept' });
    await act('chengban', m.id, { action: 'reply', note: '已修复' });
    const closed = await act('wanggeyuan', m.id, { action: 'verify_pass' });
    expect(closed.json().state).toBe('closed');
    env().clock.set(local('2026-12-14T09:00:00'));
    env().clock.advance((RATING_DAYS + 1) * 86_400_000);
    const first = await sweepDeadlines(env().database.db, env().clock);
    const second = await sweepDeadlines(env().database.db, env().clock);
    expect(first.autoRated).toBeGreaterThanOrEqual(1);
    expect(second.autoRated).toBe(0);
    const detail = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}`)).json();
    expect(detail).toMatchObject({ state: 'rated', rating: 'satisfied' });
  });
});
