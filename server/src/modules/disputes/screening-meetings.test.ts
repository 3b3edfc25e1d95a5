import { beforeAll, expect, it } from 'vitest';
import type { DisputeDetail, DisputeMeeting, DisputeScreening, MeetingAgenda, ScreeningCoverage } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { disputeBody } from '../../../test/disputes.js';
import { buildTown, okJson, type Town, type TownPerson } from '../../../test/dispute-town.js';
import { call, useTestEnv } from '../../../test/test-app.js';

const DAY = 86_400_000;
const T0 = new Date('2026-11-02T10:00:00+08:00');
const NO_ID = '00000000-0000-4000-8000-000000000000';

// 滚动排查 and 联席会 in a town of the test's own (no seeded data in the numbers).
describeEachDb('dispute screening and joint meetings', (kind) => {
  const env = useTestEnv(kind, { sessionTtlHours: 24 * 365 });
  let town: Town;
  let p: Town['people'];

  beforeAll(async () => {
    env().clock.set(T0);
    town = await buildTown(env().app, env().database.db);
    p = town.people;
  });

  const ok = <T>(who: TownPerson, method: string, url: string, payload?: unknown) => okJson<T>(env().app, who, method, url, payload);
  const status = async (who: TownPerson, method: string, url: string, payload?: unknown) => (await call(env().app, who.session, method, url, payload)).statusCode;
  const report = (who: TownPerson, gridCode: string, found: boolean, extra: object = {}) => call(env().app, who.session, 'POST', '/api/dispute-screenings', { gridCode, period: '2026-11', found, ...extra });
  const coverage = (who: TownPerson, query: string) => ok<ScreeningCoverage>(who, 'GET', `/api/dispute-screenings/coverage?${query}`);
  const db = () => env().database.db;

  it('reports a grid’s month once, updates it on a second report (audited), and tracks coverage', async () => {
    const first = await report(p.gridWorker, town.g1a.code, false);
    expect(first.statusCode).toBe(200);
    const made: DisputeScreening = first.json();
    expect(made).toMatchObject({ gridCode: town.g1a.code, gridName: '东风第1网格', period: '2026-11', found: false, note: null, caseCount: 0, reportedBy: p.gridWorker.name });
    const again: DisputeScreening = (await report(p.gridWorker, town.g1a.code, true, { note: '入户走访发现邻里纠纷' })).json();
    expect(again).toMatchObject({ id: made.id, found: true, note: '入户走访发现邻里纠纷' });
    const trail = await db().selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', made.id).orderBy('id').execute();
    expect(trail.map((t) => t.action)).toEqual(['dispute.screening.report', 'dispute.screening.update']);
    expect(JSON.stringify(trail[1]!.before)).toContain('false');
    expect((await report(p.communityStaff, town.g1b.code, false)).statusCode).toBe(200); // the 社区 reports for its grids too

    const cov = await coverage(p.dispatcher, `areaCode=${town.street.code}&period=2026-11`);
    expect(cov.totals).toEqual({ grids: 3, screened: 2, found: 1, noneFound: 1, notScreened: 1, cases: 0 });
    // By code: random in tests, so compared by name.
    expect(cov.grids.map((g) => [g.name, g.communityName, g.status]).sort()).toEqual([
      ['东风第1网格', '东风社区', 'found'],
      ['东风第2网格', '东风社区', 'none_found'],
      ['西岭第1网格', '西岭村', 'not_screened'],
    ]);
    expect(cov.grids.find((g) => g.code === town.g1b.code)).toMatchObject({ reportedBy: p.communityStaff.name, reportedAt: T0.toISOString(), caseCount: 0 });
    // Defaults: the caller's scope and the clock's month.
    expect(await coverage(p.dispatcher, '')).toMatchObject({ areaCode: town.street.code, period: '2026-11', totals: { grids: 3 } });
    // A grid worker asking for the whole community sees the part inside their scope: their grid.
    expect((await coverage(p.gridWorker, `areaCode=${town.c1.code}`)).grids.map((g) => g.code)).toEqual([town.g1a.code]);
    // Another month is all unscreened.
    expect((await coverage(p.dispatcher, `areaCode=${town.street.code}&period=2026-10`)).totals).toMatchObject({ screened: 0, notScreened: 3 });
  });

  it('a case registered from a screening marks it found and counts; none-found is refused after that', async () => {
    const screening: DisputeScreening = (await report(p.gridWorker2, town.g1b.code, false)).json();
    const wrongGrid = await call(env().app, p.communityStaff.session, 'POST', '/api/disputes', disputeBody(town.g1a.code, { screeningId: screening.id }));
    expect(wrongGrid.statusCode).toBe(400);
    expect(wrongGrid.json().error.details[0].path).toBe('screeningId');
    const notScreening = await call(env().app, p.communityStaff.session, 'POST', '/api/disputes', disputeBody(town.g1b.code, { source: 'walk_in', screeningId: screening.id }));
    expect(notScreening.statusCode).toBe(400);
    const before = await db().selectFrom('dispute_cases').select('id').execute();

    const c = await ok<DisputeDetail>(p.communityStaff, 'POST', '/api/disputes', disputeBody(town.g1b.code, { screeningId: screening.id, level: 'community' }));
    expect(c.source).toBe('screening');
    expect((await db().selectFrom('dispute_cases').select('id').execute()).length).toBe(before.length + 1);
    const cov = await coverage(p.dispatcher, `areaCode=${town.street.code}&period=2026-11`);
    expect(cov.grids.find((g) => g.code === town.g1b.code)).toMatchObject({ status: 'found', caseCount: 1, screeningId: screening.id });
    expect(cov.totals).toEqual({ grids: 3, screened: 2, found: 2, noneFound: 0, notScreened: 1, cases: 1 });

    const none = await report(p.gridWorker2, town.g1b.code, false);
    expect(none.statusCode).toBe(409);
    expect((await report(p.gridWorker2, town.g1b.code, true, { note: '又发现一起' })).json()).toMatchObject({ found: true, caseCount: 1 });
  });

  it('refuses grids outside the reporter’s scope (404), other roles (403), months ahead and non-grids (400)', async () => {
    expect((await report(p.gridWorker, town.g1b.code, true)).statusCode).toBe(404); // a neighbouring grid
    expect((await report(p.gridWorker, town.otherGrid.code, true)).statusCode).toBe(404);
    expect((await report(p.otherDispatcher, town.g1a.code, true)).statusCode).toBe(404);
    expect((await report(p.dispatcher, town.g1a.code, true)).statusCode).toBe(403); // in scope, but not the grid's staff
    expect((await report(p.mediator1, town.g1a.code, true)).statusCode).toBe(403); // no dispute.manage at all
    expect((await report(p.gridWorker, town.g1a.code, true, { period: '2026-12' })).statusCode).toBe(400);
    expect((await report(p.communityStaff, town.c1.code, true)).statusCode).toBe(400);
    expect(await status(p.otherDispatcher, 'GET', `/api/dispute-screenings/coverage?areaCode=${town.street.code}`)).toBe(404);
    expect(await status(p.gridWorker, 'GET', `/api/dispute-screenings/coverage?areaCode=${town.g1b.code}`)).toBe(404);
    expect(await status(p.dispatcher, 'GET', '/api/dispute-screenings/coverage?period=2026-13')).toBe(400);
  });

  // Cases of the town for the 联席会, created a day apart; the clock moves on for the meeting.
  const agendaCases: Record<string, DisputeDetail> = {};
  const create = async (key: string, at: number, area: string, extra: Record<string, unknown> = {}, who = p.communityStaff) => {
    env().clock.set(new Date(T0.getTime() + at * DAY));
    agendaCases[key] = await ok<DisputeDetail>(who, 'POST', '/api/disputes', disputeBody(area, { title: `议题${key}`, ...extra }));
  };

  it('lists the town’s open cases: 重大 → 较大 → 一般, 易激化 first, then oldest', async () => {
    await create('general_old', 1, town.c1.code);
    await create('serious', 2, town.c1.code, { riskLevel: 'serious' });
    await create('general_new', 3, town.c1.code);
    await create('serious_volatile', 4, town.g1a.code, { riskLevel: 'serious', volatile: true });
    await create('major', 5, town.c2.code, { riskLevel: 'major' }, p.communityStaff2);
    await create('ended', 1, town.c1.code);
    await ok(p.communityStaff, 'POST', `/api/disputes/${agendaCases.ended!.id}/actions`, { action: 'withdraw', note: '申请人撤回' });
    await create('elsewhere', 1, town.otherGrid.code, {}, p.otherDispatcher);
    await ok(p.communityStaff, 'POST', `/api/disputes/${agendaCases.serious!.id}/actions`, { action: 'assign', mediatorIds: [p.mediator1.id, p.mediator2.id] });
    env().clock.set(new Date('2026-11-20T09:00:00+08:00'));

    const agenda = await ok<MeetingAgenda>(p.dispatcher, 'GET', `/api/dispute-meetings/agenda?areaCode=${town.street.code}&date=2026-11-20`);
    const mine = agenda.items.filter((i) => i.title.startsWith('议题'));
    expect(mine.map((i) => i.title)).toEqual(['议题major', '议题serious_volatile', '议题serious', '议题general_old', '议题general_new']);
    // The case registered from the screening above is 一般 and the oldest of them (day 0).
    expect(agenda.items.map((i) => i.title)).toEqual(['议题major', '议题serious_volatile', '议题serious', '物业费与漏水维修纠纷', '议题general_old', '议题general_new']);
    expect(mine.map((i) => i.ageDays)).toEqual([13, 14, 16, 17, 15]);
    expect(mine[2]).toMatchObject({ mediators: [p.mediator1.name, p.mediator2.name], state: 'mediating', lastDecision: null, areaName: '东风社区' });
    expect(agenda).toMatchObject({ areaCode: town.street.code, areaName: '测试镇', date: '2026-11-20' });
    // The district's 包案领导 holds the town's meetings too; the default day is today.
    expect((await ok<MeetingAgenda>(p.caseLeader, 'GET', `/api/dispute-meetings/agenda?areaCode=${town.street.code}`)).date).toBe('2026-11-20');

    expect(await status(p.otherDispatcher, 'GET', `/api/dispute-meetings/agenda?areaCode=${town.street.code}`)).toBe(404);
    expect(await status(p.communityStaff, 'GET', `/api/dispute-meetings/agenda?areaCode=${town.street.code}`)).toBe(404);
    expect(await status(p.communityStaff, 'GET', `/api/dispute-meetings/agenda?areaCode=${town.c1.code}`)).toBe(403);
    expect(await status(p.dispatcher, 'GET', `/api/dispute-meetings/agenda?areaCode=${town.c1.code}`)).toBe(400);
    expect(await status(p.mediator1, 'GET', `/api/dispute-meetings/agenda?areaCode=${town.street.code}`)).toBe(403);
  });

  it('records a meeting’s decisions on each case’s timeline in one transaction, or nothing at all', async () => {
    const major = agendaCases.major!;
    const serious = agendaCases.serious!;
    const counts = async () => ({
      meetings: (await db().selectFrom('dispute_meetings').select('id').execute()).length,
      decisions: (await db().selectFrom('dispute_meeting_decisions').select('id').execute()).length,
      events: (await db().selectFrom('dispute_events').select('id').where('action', '=', 'meeting_decision').execute()).length,
    });
    const body = (decisions: object[], extra: object = {}) => ({ areaCode: town.street.code, date: '2026-11-20', attendees: '镇综治中心、司法所、派出所', decisions, ...extra });
    const good = { caseId: major.id, decision: '由司法所牵头一周内再次调解' };
    const nothing = await counts();
    const refused: [object, number, string][] = [
      [body([good, { caseId: NO_ID, decision: '无此案件' }]), 400, NO_ID],
      [body([good, { caseId: agendaCases.ended!.id, decision: '已撤回' }]), 400, agendaCases.ended!.number],
      [body([good, { caseId: agendaCases.elsewhere!.id, decision: '邻镇案件' }]), 400, agendaCases.elsewhere!.id],
      [body([good, good]), 400, major.id],
      [body([good], { date: '2026-11-21' }), 400, 'held'],
    ];
    for (const [payload, code, named] of refused) {
      const res = await call(env().app, p.dispatcher.session, 'POST', '/api/dispute-meetings', payload);
      expect(res.statusCode, res.body).toBe(code);
      expect(res.json().error.message).toContain(named);
    }
    expect(await counts()).toEqual(nothing);
    expect(await status(p.otherDispatcher, 'POST', '/api/dispute-meetings', body([good]))).toBe(404);
    expect(await status(p.gridWorker, 'POST', '/api/dispute-meetings', body([good]))).toBe(404);

    const meeting = await ok<DisputeMeeting>(p.dispatcher, 'POST', '/api/dispute-meetings', body([good, { caseId: serious.id, decision: '街道牵头协调物业公司', assignee: '镇综治中心' }]));
    expect(meeting).toMatchObject({ areaCode: town.street.code, areaName: '测试镇', date: '2026-11-20', createdBy: p.dispatcher.name, attendees: '镇综治中心、司法所、派出所' });
    expect(meeting.decisions).toEqual([
      { caseId: major.id, number: major.number, title: '议题major', decision: good.decision, assignee: null },
      { caseId: serious.id, number: serious.number, title: '议题serious', decision: '街道牵头协调物业公司', assignee: '镇综治中心' },
    ]);
    expect(await counts()).toEqual({ meetings: nothing.meetings + 1, decisions: nothing.decisions + 2, events: nothing.events + 2 });
    const timeline = (await ok<DisputeDetail>(p.dispatcher, 'GET', `/api/disputes/${serious.id}`)).timeline.at(-1)!;
    expect(timeline).toMatchObject({ action: 'meeting_decision', note: '街道牵头协调物业公司', actorName: p.dispatcher.name, level: 'community', data: { meetingId: meeting.id, date: '2026-11-20', assignee: '镇综治中心' } });
    const agenda = await ok<MeetingAgenda>(p.dispatcher, 'GET', `/api/dispute-meetings/agenda?areaCode=${town.street.code}`);
    expect(agenda.items.find((i) => i.caseId === serious.id)!.lastDecision).toEqual({ date: '2026-11-20', decision: '街道牵头协调物业公司', assignee: '镇综治中心' });

    const list = await ok<{ items: { id: string; decisionCount: number }[]; total: number }>(p.dispatcher, 'GET', '/api/dispute-meetings');
    expect(list).toMatchObject({ total: 1, items: [{ id: meeting.id, decisionCount: 2 }] });
    expect(await ok(p.caseLeader, 'GET', `/api/dispute-meetings/${meeting.id}`)).toEqual(meeting);
    expect(await status(p.otherDispatcher, 'GET', `/api/dispute-meetings/${meeting.id}`)).toBe(404);
    expect((await ok<{ total: number }>(p.otherDispatcher, 'GET', '/api/dispute-meetings')).total).toBe(0);
    expect(await status(p.communityStaff, 'GET', `/api/dispute-meetings/${meeting.id}`)).toBe(404);
    expect(await status(p.gridWorker, 'GET', '/api/dispute-meetings')).toBe(403);
  });
});
