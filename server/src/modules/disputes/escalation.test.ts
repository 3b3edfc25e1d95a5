import { beforeAll, expect, it } from 'vitest';
import type { DisputeDetail } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { demoPlaces, disputeBody, disputeStaff, ok as okAs } from '../../../test/disputes.js';
import { call, loginToken, TEST_NOW, useTestEnv, type Session } from '../../../test/test-app.js';
import { sweepDisputes } from './scheduler.js';

const DAY = 86_400_000;

// Escalation with an injected clock: 小事不出村、大事不出镇 — and what does not settle in time moves up.
describeEachDb('dispute escalation', (kind) => {
  const env = useTestEnv(kind, { sessionTtlHours: 24 * 365 });
  let demo: Demo;
  let places: ReturnType<typeof demoPlaces>;
  let staff: Awaited<ReturnType<typeof disputeStaff>>;
  const s: Record<string, Session> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    places = demoPlaces(demo);
    for (const u of ['shequ', 'diaodu', 'zhihui', 'admin', 'baoan']) {
      s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
      ids[u] = s[u]!.userId;
    }
    staff = await disputeStaff(env().app, env().database.db, demo);
    s.village = staff.villageMediator.session;
    s.town = staff.townMediator.session;
  });

  const ok = (who: string, method: string, url: string, payload?: unknown) => okAs(env().app, s[who]!, method, url, payload);
  const sweep = () => sweepDisputes(env().database.db, env().clock);
  const myLevel = async (who: string) => (await call(env().app, s[who]!, 'GET', '/api/disputes?queue=my_level&pageSize=200')).json().items.map((x: DisputeDetail) => x.id);
  const notices = (userId: string, caseId: string) =>
    env().database.db.selectFrom('notifications').select(['kind', 'link']).where('user_id', '=', userId).where('link', '=', `/disputes/${caseId}`).execute();

  it('a village case not resolved in time appears at the town level with its full history', async () => {
    env().clock.set(TEST_NOW);
    const c = await ok('shequ', 'POST', '/api/disputes', disputeBody(places.community));
    await ok('shequ', 'POST', `/api/disputes/${c.id}/actions`, { action: 'assign', mediatorIds: [staff.villageMediator.id] });
    await ok('village', 'POST', `/api/disputes/${c.id}/actions`, { action: 'schedule_session', at: '2026-12-01T10:00:00+08:00', place: '新桥社区调解室', minutes: '双方各执一词', participants: ['张三丰'] });
    const before = await ok('shequ', 'GET', `/api/disputes/${c.id}`);
    expect(before.levelDueAt).toBe('2026-12-14T09:30:00.000Z'); // 10 working days after Mon 30 Nov, 17:30 +08:00
    expect(await myLevel('shequ')).toContain(c.id);
    expect(await myLevel('diaodu')).not.toContain(c.id);
    expect((await call(env().app, s.town!, 'GET', `/api/disputes/${c.id}`)).statusCode).toBe(404);

    env().clock.set(new Date('2026-12-14T17:00:00+08:00')); // half an hour before the limit: nothing moves
    await sweep();
    expect((await ok('shequ', 'GET', `/api/disputes/${c.id}`)).level).toBe('community');
    env().clock.set(new Date('2026-12-15T09:00:00+08:00'));
    // Two processes sweeping at once (and a third after them) move it once.
    await Promise.all([sweep(), sweep()]);
    await sweep();

    const moved = await ok('town', 'GET', `/api/disputes/${c.id}`); // the town's 司法所 now sees it
    expect(moved).toMatchObject({ state: 'registered', level: 'street', levelArea: { code: places.street }, unit: { id: staff.judicialOfficeId }, escalationCount: 1, studio: null });
    expect(moved.levelDueAt).toBe('2027-01-05T09:30:00.000Z'); // 15 working days, 1 January a holiday
    expect(moved.timeline.map((e) => [e.action, e.level])).toEqual([
      ['created', 'community'],
      ['assign', 'community'],
      ['record_session', 'community'],
      ['overdue_escalated', 'community'],
    ]);
    expect(moved.timeline.at(-1)!.data).toMatchObject({ fromLevel: 'community', toLevel: 'street' });
    expect(moved.sessions).toMatchObject([{ minutes: '双方各执一词', level: 'community' }]);
    expect(moved.mediators).toMatchObject([{ id: staff.villageMediator.id, releasedAt: expect.any(String) }]);
    expect(await myLevel('diaodu')).toContain(c.id);
    expect(await myLevel('shequ')).not.toContain(c.id);
    expect((await ok('diaodu', 'GET', `/api/disputes/${c.id}`)).actions).toContain('assign');
    // The village mediator keeps reading the case they worked on, but no longer acts on it.
    expect((await ok('village', 'GET', `/api/disputes/${c.id}`)).actions).toEqual([]);
    expect((await notices(ids.diaodu!, c.id)).map((n) => n.kind)).toContain('dispute.overdue_escalated');
    expect((await notices(staff.townMediator.id, c.id)).map((n) => n.kind)).toContain('dispute.overdue_escalated');
    // The town assigns its own mediator; the case goes on at the town level.
    const again = await ok('diaodu', 'POST', `/api/disputes/${c.id}/actions`, { action: 'assign', mediatorIds: [staff.townMediator.id] });
    expect(again.state).toBe('mediating');
  });

  it('a 重大 or 易激化 case alerts the level above at once', async () => {
    env().clock.set(TEST_NOW);
    const volatile = await ok('shequ', 'POST', '/api/disputes', disputeBody(places.community, { volatile: true, peopleInvolved: 23, type: 'labour_wages' }));
    expect(volatile.timeline.map((e) => e.action)).toEqual(['created', 'alerted']);
    expect((await notices(ids.diaodu!, volatile.id)).map((n) => n.kind)).toEqual(['dispute.alerted']);
    expect((await notices(staff.townMediator.id, volatile.id)).map((n) => n.kind)).toEqual(['dispute.alerted']);
    expect(await notices(ids.zhihui!, volatile.id)).toEqual([]);

    const quiet = await ok('shequ', 'POST', '/api/disputes', disputeBody(places.community));
    expect(await notices(ids.diaodu!, quiet.id)).toEqual([]);
    const raised = await ok('shequ', 'POST', `/api/disputes/${quiet.id}/actions`, { action: 'assess_risk', riskLevel: 'major', volatile: false, note: '涉及群体性上访苗头' });
    expect(raised.timeline.map((e) => e.action)).toEqual(['created', 'assess_risk', 'alerted']);
    expect((await notices(ids.diaodu!, quiet.id)).map((n) => n.kind)).toEqual(['dispute.alerted']);
    // A major street-level case alerts the district above it.
    const street = await ok('diaodu', 'POST', '/api/disputes', disputeBody(places.street, { riskLevel: 'major' }));
    expect(street.level).toBe('street');
    expect((await notices(ids.baoan!, street.id)).map((n) => n.kind)).toEqual(['dispute.alerted']);
  });

  it('beyond its competence a level moves a case up by hand; a 区 case cannot go higher and is reported to the city when late', async () => {
    env().clock.set(TEST_NOW);
    const c = await ok('shequ', 'POST', '/api/disputes', disputeBody(places.community, { type: 'land_acquisition' }));
    const noReason = await call(env().app, s.shequ!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'escalate', reason: 'beyond_competence', note: '' });
    expect(noReason.statusCode).toBe(400);
    const up = await ok('shequ', 'POST', `/api/disputes/${c.id}/actions`, { action: 'escalate', reason: 'beyond_competence', note: '涉及征地补偿政策, 社区无权处理' });
    expect(up).toMatchObject({ level: 'street', state: 'registered', escalationCount: 1 });
    expect(up.timeline.at(-1)).toMatchObject({ action: 'escalate', level: 'community', note: '涉及征地补偿政策, 社区无权处理', data: { reason: 'beyond_competence', toLevel: 'street' } });
    const district = await ok('diaodu', 'POST', `/api/disputes/${c.id}/actions`, { action: 'escalate', reason: 'beyond_competence', note: '需区级协调' });
    expect(district.level).toBe('district');
    const top = await call(env().app, s.baoan!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'escalate', reason: 'beyond_competence', note: '再上报' });
    expect(top.statusCode).toBe(409);
    expect(top.json().error.message).toContain('top level');

    env().clock.set(new Date(TEST_NOW.getTime() + 60 * DAY));
    const swept = await sweep();
    expect(swept.warnedAtTop).toBeGreaterThanOrEqual(1);
    expect((await notices(ids.zhihui!, c.id)).map((n) => n.kind)).toEqual(['dispute.overdue_warned']);
    await sweep();
    expect((await ok('baoan', 'GET', `/api/disputes/${c.id}`)).level).toBe('district');
  });

  it('each level’s time limit is configurable, and late performance of an agreement is flagged once', async () => {
    env().clock.set(TEST_NOW);
    expect((await call(env().app, s.admin!, 'PUT', '/api/dispute-level-limits/grid', { days: 0 })).statusCode).toBe(400);
    expect((await call(env().app, s.shequ!, 'PUT', '/api/dispute-level-limits/grid', { days: 2 })).statusCode).toBe(403);
    const limits = (await call(env().app, s.admin!, 'PUT', '/api/dispute-level-limits/grid', { days: 1 })).json();
    expect(limits).toContainEqual({ level: 'grid', days: 1 });
    const grid = await ok('shequ', 'POST', '/api/disputes', disputeBody(places.grid));
    expect(grid).toMatchObject({ level: 'grid', levelDueAt: '2026-12-01T09:30:00.000Z' });

    const c = await ok('shequ', 'POST', '/api/disputes', disputeBody(places.community));
    await ok('shequ', 'POST', `/api/disputes/${c.id}/actions`, { action: 'assign', mediatorIds: [staff.villageMediator.id] });
    await ok('village', 'POST', `/api/disputes/${c.id}/actions`, { action: 'settle', terms: [{ text: '一次性赔偿2000元', dueAt: '2026-12-03T17:30:00+08:00' }] });
    env().clock.set(new Date('2026-12-04T09:00:00+08:00'));
    expect((await sweep()).performanceOverdue).toBeGreaterThanOrEqual(1);
    await sweep();
    const late = await ok('village', 'GET', `/api/disputes/${c.id}`);
    expect(late.terms[0]!.overdue).toBe(true);
    expect(late.timeline.filter((e) => e.action === 'performance_overdue')).toHaveLength(1);
    expect((await notices(staff.villageMediator.id, c.id)).map((n) => n.kind)).toContain('dispute.performance_overdue');
  });
});
