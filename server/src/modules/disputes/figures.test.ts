import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type { DisputeDetail, DisputeStats, MediatorProfile, MediatorRow, StudioProfile } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { disputeBody } from '../../../test/disputes.js';
import { buildTown, okJson, type Town, type TownPerson } from '../../../test/dispute-town.js';
import { call, useTestEnv } from '../../../test/test-app.js';

const DAY = 86_400_000;
const T0 = new Date('2026-11-02T10:00:00+08:00');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

// Mediator and studio records and the statistics, on cases built here with an injected clock
// (a town of the test's own: the demo's seeded cases never enter the numbers).
//
//   case  area  type                 mediators (studio)        outcome            amount  people  registered
//   1     c1    property_management  m1                        settled day 4      1000    2       day 0
//   2     c1    neighbourhood        m1                        failed day 2       500.5   3       day 0
//   3     c1    property_management  m1, m2 (studio)           settled day 6      2000    2       day 0
//   4     c1    property_management  m1                        open               —       2       day 0
//   5     c1    marriage_family      m1, then m2 alone         failed day 1 (m2)  300     2       day 0
//   6     c2    neighbourhood        —                         withdrawn          100     5       day 35
//   7     g2a   other (walk-in)      —                         open (grid level)  50.25   2       day 35
describeEachDb('dispute figures: mediators, studios, statistics', (kind) => {
  const env = useTestEnv(kind, { sessionTtlHours: 24 * 365 });
  let town: Town;
  let p: Town['people'];
  const c: DisputeDetail[] = [];

  const ok = <T>(who: TownPerson, method: string, url: string, payload?: unknown) => okJson<T>(env().app, who, method, url, payload);
  const status = async (who: TownPerson, url: string) => (await call(env().app, who.session, 'GET', url)).statusCode;

  beforeAll(async () => {
    env().clock.set(T0);
    town = await buildTown(env().app, env().database.db);
    p = town.people;
    const register = (who: TownPerson, area: string, extra: Record<string, unknown>) => ok<DisputeDetail>(who, 'POST', '/api/disputes', disputeBody(area, extra));
    const cs = p.communityStaff;
    c.push(await register(cs, town.c1.code, { amountYuan: 1000 }));
    c.push(await register(cs, town.c1.code, { type: 'neighbourhood', amountYuan: 500.5, peopleInvolved: 3 }));
    c.push(await register(cs, town.c1.code, { amountYuan: 2000 }));
    c.push(await register(cs, town.c1.code, { amountYuan: undefined }));
    c.push(await register(cs, town.c1.code, { type: 'marriage_family', amountYuan: 300 }));
    const assign = (i: number, mediatorIds: string[], studioId?: string) => ok(cs, 'POST', `/api/disputes/${c[i]!.id}/actions`, { action: 'assign', mediatorIds, ...(studioId ? { studioId } : {}) });
    for (const i of [0, 1, 3, 4]) await assign(i, [p.mediator1.id]);
    await assign(2, [p.mediator1.id, p.mediator2.id], town.studio.id);
    await assign(4, [p.mediator2.id]); // m1 released: the outcome is m2's alone

    const outcome = (who: TownPerson, i: number, body: object) => ok(who, 'POST', `/api/disputes/${c[i]!.id}/actions`, body);
    env().clock.set(at(1));
    await outcome(p.mediator2, 4, { action: 'fail', path: 'litigation', note: '分歧过大' });
    env().clock.set(at(2));
    await outcome(p.mediator1, 1, { action: 'fail', path: 'arbitration', note: '不同意调解方案' });
    env().clock.set(at(4));
    await outcome(p.mediator1, 0, { action: 'settle', terms: [{ text: '物业公司七日内修复漏水' }] });
    env().clock.set(at(6));
    await outcome(p.mediator2, 2, { action: 'settle', terms: [{ text: '业主补交物业费' }] });

    env().clock.set(at(35));
    c.push(await register(p.communityStaff2, town.c2.code, { type: 'neighbourhood', amountYuan: 100, peopleInvolved: 5 }));
    await ok(p.communityStaff2, 'POST', `/api/disputes/${c[5]!.id}/actions`, { action: 'withdraw', note: '双方自行和解' });
    c.push(await register(p.communityStaff2, town.g2a.code, { type: 'other', source: 'walk_in', amountYuan: 50.25 }));
    env().clock.set(at(40));
  });

  it('counts each mediator’s caseload, 调解成功率 and mean days to settle', async () => {
    const list = await ok<{ items: MediatorRow[]; total: number }>(p.dispatcher, 'GET', `/api/mediators?areaCode=${town.street.code}`);
    expect(list.total).toBe(2);
    expect(list.items).toEqual([
      { userId: p.mediator1.id, name: p.mediator1.name, unitId: null, unitName: null, areaName: '东风社区', openCases: 1, totalCases: 5, settled: 2, failed: 1, successRate: 0.6667, avgDaysToResolve: 5 },
      { userId: p.mediator2.id, name: p.mediator2.name, unitId: town.studio.id, unitName: '东风调解工作室', areaName: '东风社区', openCases: 0, totalCases: 2, settled: 1, failed: 1, successRate: 0.5, avgDaysToResolve: 6 },
    ]);
    expect((await ok<{ items: MediatorRow[] }>(p.dispatcher, 'GET', `/api/mediators?unitId=${town.studio.id}`)).items.map((m) => m.userId)).toEqual([p.mediator2.id]);
    expect((await ok<{ total: number }>(p.otherDispatcher, 'GET', '/api/mediators')).total).toBe(0);

    const profile = await ok<MediatorProfile>(p.communityStaff, 'GET', `/api/mediators/${p.mediator1.id}`);
    expect(profile).toMatchObject(list.items[0]!);
    expect(profile.byType).toEqual([{ type: 'property_management', count: 3 }, { type: 'marriage_family', count: 1 }, { type: 'neighbourhood', count: 1 }]);
    expect(profile.recentCases.map((x) => x.id).sort()).toEqual(c.slice(0, 5).map((x) => x.id).sort());
    // Mediators read their own record; people outside the mediator's area get a 404.
    expect((await ok<MediatorProfile>(p.mediator2, 'GET', `/api/mediators/${p.mediator2.id}`)).totalCases).toBe(2);
    expect(await status(p.otherDispatcher, `/api/mediators/${p.mediator1.id}`)).toBe(404);
    expect(await status(p.dispatcher, `/api/mediators/${p.communityStaff.id}`)).toBe(404); // never mediated
    expect(await status(p.otherDispatcher, `/api/mediators?areaCode=${town.street.code}`)).toBe(404);
  });

  it('counts a studio’s cases: assigned to it, or mediated by its members now', async () => {
    const studio = await ok<StudioProfile>(p.dispatcher, 'GET', `/api/studios/${town.studio.id}`);
    expect(studio).toMatchObject({ unitId: town.studio.id, name: '东风调解工作室', kind: 'studio', areaName: '东风社区', openCases: 0, totalCases: 2, settled: 1, failed: 1, successRate: 0.5, avgDaysToResolve: 6 });
    expect(studio.mediators.map((m) => m.userId)).toEqual([p.mediator2.id]);
    expect(studio.byType).toEqual([{ type: 'marriage_family', count: 1 }, { type: 'property_management', count: 1 }]);
    expect(studio.recentCases.map((x) => x.id).sort()).toEqual([c[2]!.id, c[4]!.id].sort());
    expect(await status(p.otherDispatcher, `/api/studios/${town.studio.id}`)).toBe(404);
    expect(await status(p.dispatcher, `/api/studios/${town.centre.id}`)).toBe(404); // a 综治中心 is not a studio
  });

  const stats = (who: TownPerson, query: string) => ok<DisputeStats>(who, 'GET', `/api/dispute-stats?areaCode=${town.street.code}&from=2026-11-01&to=2026-12-31&${query}`);
  const zero = { cases: 0, settled: 0, failed: 0, withdrawn: 0, terminated: 0, open: 0, resolutionRate: null, amountInvolved: 0, amountSettled: 0, people: 0 };
  const TOTALS = { key: 'total', label: '合计', cases: 7, settled: 2, failed: 2, withdrawn: 1, terminated: 0, open: 2, resolutionRate: 0.4, amountInvolved: 3950.75, amountSettled: 3000, people: 18 };

  it('groups by type, area, month, level and source with 化解率, amounts and people, matching the totals', async () => {
    const byType = await stats(p.dispatcher, 'groupBy=type');
    expect(byType).toMatchObject({ groupBy: 'type', from: '2026-11-01', to: '2026-12-31', areaCode: town.street.code, totals: TOTALS });
    const types = Object.fromEntries(byType.rows.map((r) => [r.key, r]));
    expect(byType.rows).toHaveLength(11);
    expect(types.property_management).toEqual({ key: 'property_management', label: '物业纠纷', cases: 3, settled: 2, failed: 0, withdrawn: 0, terminated: 0, open: 1, resolutionRate: 1, amountInvolved: 3000, amountSettled: 3000, people: 6 });
    expect(types.neighbourhood).toMatchObject({ cases: 2, failed: 1, withdrawn: 1, resolutionRate: 0, amountInvolved: 600.5, people: 8 });
    expect(types.marriage_family).toMatchObject({ cases: 1, failed: 1, resolutionRate: 0, amountInvolved: 300 });
    expect(types.other).toMatchObject({ cases: 1, open: 1, resolutionRate: null, amountInvolved: 50.25 });
    expect(types.medical).toEqual({ key: 'medical', label: '医疗纠纷', ...zero });

    const byArea = await stats(p.dispatcher, 'groupBy=area');
    expect(byArea.rows.map((r) => r.key).sort()).toEqual([town.c1.code, town.c2.code].sort());
    expect(byArea.rows.find((r) => r.key === town.c1.code)).toMatchObject({ label: '东风社区', cases: 5, settled: 2, failed: 2, open: 1, resolutionRate: 0.5, amountInvolved: 3800.5, amountSettled: 3000, people: 11 });
    expect(byArea.rows.find((r) => r.key === town.c2.code)).toMatchObject({ label: '西岭村', cases: 2, withdrawn: 1, open: 1, resolutionRate: 0, amountInvolved: 150.25, people: 7 });
    expect(byArea.totals).toEqual(TOTALS);

    const byMonth = await stats(p.dispatcher, 'groupBy=month');
    expect(byMonth.rows.map((r) => [r.key, r.label, r.cases, r.settled])).toEqual([['2026-11', '2026年11月', 5, 2], ['2026-12', '2026年12月', 2, 0]]);
    const byLevel = await stats(p.dispatcher, 'groupBy=level');
    expect(byLevel.rows.map((r) => [r.key, r.cases])).toEqual([['grid', 1], ['community', 6], ['street', 0], ['district', 0]]);
    const bySource = await stats(p.dispatcher, 'groupBy=source');
    expect(bySource.rows.filter((r) => r.cases > 0).map((r) => [r.key, r.label, r.cases])).toEqual([['screening', '排查发现', 6], ['walk_in', '来访', 1]]);
    for (const s of [byType, byArea, byMonth, byLevel, bySource]) {
      expect(s.rows.reduce((n, r) => n + r.cases, 0)).toBe(7);
      expect(s.rows.reduce((n, r) => n + r.amountInvolved, 0)).toBeCloseTo(3950.75, 2);
    }
    // The date range counts registrations: November alone has cases 1–5.
    const november = await ok<DisputeStats>(p.dispatcher, 'GET', `/api/dispute-stats?areaCode=${town.street.code}&from=2026-11-01&to=2026-11-30`);
    expect(november.totals).toMatchObject({ cases: 5, amountInvolved: 3800.5, resolutionRate: 0.5 });
  });

  it('is limited to the caller’s scope, and refuses a reversed range', async () => {
    // The 社区 of 西岭村 reads its own part of the town.
    expect((await stats(p.communityStaff2, 'groupBy=area')).totals).toMatchObject({ cases: 2, withdrawn: 1 });
    expect((await stats(p.communityStaff2, 'groupBy=area')).rows.map((r) => r.key)).toEqual([town.c2.code]);
    // A mediator counts the cases they may see: their own.
    expect((await stats(p.mediator2, 'groupBy=type')).totals).toMatchObject({ cases: 2, settled: 1, failed: 1 });
    expect(await status(p.otherDispatcher, `/api/dispute-stats?areaCode=${town.street.code}`)).toBe(404);
    expect((await ok<DisputeStats>(p.otherDispatcher, 'GET', '/api/dispute-stats?from=2026-11-01')).totals.cases).toBe(0);
    expect(await status(p.dispatcher, '/api/dispute-stats?from=2026-12-01&to=2026-11-01')).toBe(400);
    expect(await status(p.dispatcher, '/api/dispute-stats?groupBy=colour')).toBe(400);
  });

  it('exports the same rows as an Excel workbook', async () => {
    const query = `areaCode=${town.street.code}&from=2026-11-01&to=2026-12-31&groupBy=type`;
    const json = await ok<DisputeStats>(p.dispatcher, 'GET', `/api/dispute-stats?${query}`);
    const res = await call(env().app, p.dispatcher.session, 'GET', `/api/dispute-stats/export?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('矛盾纠纷统计-测试镇-2026-11-01-2026-12-31.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('矛盾纠纷统计')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['纠纷类型', '编码', '受理数', '调解成功', '调解不成', '撤回', '终止', '在办', '化解率', '涉及金额（元）', '调解成功金额（元）', '涉及人数']);
    const asCells = (r: DisputeStats['totals']) => [r.label, r.key, r.cases, r.settled, r.failed, r.withdrawn, r.terminated, r.open, r.resolutionRate ?? undefined, r.amountInvolved, r.amountSettled, r.people];
    [...json.rows, json.totals].forEach((r, i) => expect(values(i + 2), r.key).toEqual(asCells(r)));
    expect(sheet.getRow(json.rows.length + 2).getCell(1).value).toBe('合计');
    expect(sheet.getRow(2).getCell(9).numFmt).toBe('0.00%');
  });
});
