import { beforeAll, expect, it } from 'vitest';
import type { HotIssueDetail, HotIssueList } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { makeUser } from '../../../test/factories.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { sweepHotIssues } from './alerts.js';

// 热点 over the database: the API in the caller's scope, and early warnings exactly once.
describeEachDb('hot issues', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  const s: Record<string, Session> = {};
  /** Reporters in the demo grid (新桥社区), and two in a grid of the other street. */
  const here: Session[] = [];
  const there: Session[] = [];
  let firstId = '';
  let otherStreetId = '';

  const report = async (who: Session, title: string, description: string, areaCode: string) => {
    env().clock.advance(60_000);
    const res = await call(env().app, who, 'POST', '/api/matters', { channel: 'grid_report', title, description, address: '新桥社区3号楼', areaCode });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const hot = (who: string, query = 'days=7') => call(env().app, s[who]!, 'GET', `/api/hot-issues?${query}`);
  const hotOf = async (who: string) => (await hot(who)).json() as HotIssueList;
  const notices = (userId: string, kindLike: string) =>
    env().database.db.selectFrom('notifications').select(['kind', 'title', 'body', 'link']).where('user_id', '=', userId).where('kind', 'like', kindLike).execute();

  beforeAll(async () => {
    const db = env().database.db;
    demo = await loadDemo(db, env().deps.cipher);
    for (const u of ['zhihui', 'diaodu', 'diaodu2', 'baoan', 'wanggeyuan', 'bumenlingdao']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    const grid = { code: demo.gridWorker.scope_code, path: demo.gridWorker.scope_path, name: '网格', level: 'grid' as const };
    const otherGrid = await db.selectFrom('areas').select(['code', 'path', 'name']).where('code', '=', demo.otherStreetGrid.code).executeTakeFirstOrThrow();
    for (let i = 0; i < 4; i++) {
      const u = await makeUser(db, { roles: ['grid_worker'], scope: grid });
      here.push(await loginToken(env().app, u.username, u.password));
    }
    for (let i = 0; i < 2; i++) {
      const u = await makeUser(db, { roles: ['grid_worker'], scope: { ...otherGrid, level: 'grid' } });
      there.push(await loginToken(env().app, u.username, u.password));
    }
    // One problem, five matters, four people, in other words; and the same words in another street.
    firstId = await report(here[0]!, '3号楼楼道堆放杂物堵塞消防通道', '楼道里堆满纸箱和旧家具，消防通道被堵，存在火灾隐患。', grid.code);
    await report(here[1]!, '楼道杂物堵塞消防通道', '3号楼一单元楼道堆放杂物，消防通道不畅。', grid.code);
    await report(here[2]!, '消防通道被杂物堵住', '楼道堆放纸箱杂物，堵塞消防通道，劝导无果。', grid.code);
    await report(here[3]!, '楼道堆放杂物存在火灾隐患', '3号楼楼道杂物堆积，消防通道堵塞。', grid.code);
    await report(here[0]!, '楼道杂物又堆满了消防通道', '再次反映楼道堆放杂物堵塞消防通道。', grid.code);
    await report(here[1]!, '路灯不亮', '小区东门路灯坏了一周。', grid.code);
    otherStreetId = await report(there[0]!, '楼道堆放杂物堵塞消防通道', '楼道里堆满纸箱和旧家具，消防通道被堵。', otherGrid.code);
    await report(there[1]!, '楼道杂物堵塞消防通道', '楼道堆放杂物，消防通道不畅，存在火灾隐患。', otherGrid.code);
  });

  it('lists the groups of the caller’s scope, hottest first, with place, counts and growth', async () => {
    const city = await hotOf('zhihui');
    expect(city.matterCount).toBe(8);
    expect(city.capped).toBe(false);
    expect(city.items).toHaveLength(2);
    const [top, other] = city.items;
    expect(top!.id).toBe(firstId);
    expect(top!).toMatchObject({ count: 5, reporters: 4, recent: 5, earlier: 0 });
    expect(top!.label).toContain('新桥社区');
    expect(top!.label).toMatch(/杂物|消防通道|楼道/);
    expect(top!.daily).toHaveLength(7);
    expect(top!.daily[6]).toBe(5);
    expect(top!.heat).toBeGreaterThan(other!.heat);
    expect(other!.id).toBe(otherStreetId);

    // A street's 综治中心 sees its own street only; the other street's the other group.
    expect((await hotOf('diaodu')).items.map((h) => h.id)).toEqual([firstId]);
    expect((await hotOf('diaodu2')).items.map((h) => h.id)).toEqual([otherStreetId]);
    expect((await hotOf('baoan')).items.map((h) => h.id)).toContain(firstId);
  });

  it('narrows to an area inside the scope; one outside answers like a missing one', async () => {
    const inside = (await hot('zhihui', `days=30&areaCode=${demo.dispatcher.scope_code}`)).json() as HotIssueList;
    expect(inside.items.map((h) => h.id)).toEqual([firstId]);
    expect((await hot('diaodu', `areaCode=${demo.otherDispatcher.scope_code}`)).statusCode).toBe(404);
    expect((await hot('zhihui', 'days=8')).statusCode).toBe(400);
    // Roles without the grant: a grid worker, a department leader.
    expect((await hot('wanggeyuan')).statusCode).toBe(403);
    expect((await hot('bumenlingdao')).statusCode).toBe(403);
  });

  it('shows one group with its matters, found by any of them', async () => {
    const res = await call(env().app, s.diaodu!, 'GET', `/api/hot-issues/${firstId}?days=7`);
    expect(res.statusCode).toBe(200);
    const detail = res.json() as HotIssueDetail;
    expect(detail.matters).toHaveLength(5);
    expect(detail.matters[0]!.id).toBe(firstId);
    expect(detail.areaName).toBeTruthy();
    const byLast = await call(env().app, s.diaodu!, 'GET', `/api/hot-issues/${detail.matters[4]!.id}?days=7`);
    expect(byLast.json().id).toBe(firstId);
    // The other street's group is not the street dispatcher's to read.
    expect((await call(env().app, s.diaodu!, 'GET', `/api/hot-issues/${otherStreetId}?days=7`)).statusCode).toBe(404);
    expect((await call(env().app, s.diaodu!, 'GET', '/api/hot-issues/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('warns the 指挥中心 and the street centre once, even with two sweeps at once; again when the group doubles', async () => {
    const { db } = env().database;
    const clock = env().clock;
    const results = await Promise.all([sweepHotIssues(db, clock), sweepHotIssues(db, clock)]);
    expect(results.reduce((n, r) => n + r.alerts, 0)).toBe(1);
    const alerts = await db.selectFrom('hot_issue_alerts').selectAll().execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'cluster', seed_matter_id: firstId, level: 0, matter_count: 5, reporter_count: 4 });
    const toCentre = await notices(s.diaodu!.userId, 'hot_issue.%');
    expect(toCentre).toHaveLength(1);
    expect(toCentre[0]!.link).toBe(`/hot-issues?days=7&focus=${firstId}`);
    expect(toCentre[0]!.body).toContain('5 件、4 人');
    expect(await notices(s.zhihui!.userId, 'hot_issue.%')).toHaveLength(1);
    // The other street's pair is below the thresholds; nobody there hears anything.
    expect(await notices(s.diaodu2!.userId, 'hot_issue.%')).toHaveLength(0);
    expect((await sweepHotIssues(db, clock)).alerts).toBe(0);

    // Grown but not doubled: nothing; doubled (10 matters): once more.
    const grid = demo.gridWorker.scope_code;
    for (let i = 0; i < 4; i++) await report(here[i % 4]!, '楼道堆放杂物堵塞消防通道', `${i + 2}单元楼道堆放杂物，消防通道被堵。`, grid);
    expect((await sweepHotIssues(db, clock)).alerts).toBe(0);
    await report(here[3]!, '消防通道又被楼道杂物堵塞', '楼道堆放杂物，消防通道堵塞，火灾隐患。', grid);
    const again = await Promise.all([sweepHotIssues(db, clock), sweepHotIssues(db, clock)]);
    expect(again.reduce((n, r) => n + r.alerts, 0)).toBe(1);
    expect(await notices(s.diaodu!.userId, 'hot_issue.%')).toHaveLength(2);
    const levels = await db.selectFrom('hot_issue_alerts').select(['seed_matter_id', 'level']).orderBy('level').execute();
    expect(levels).toEqual([{ seed_matter_id: firstId, level: 0 }, { seed_matter_id: firstId, level: 1 }]);
  });

  it('warns of three unpaid-wage matters naming one employer, wherever they are', async () => {
    const { db } = env().database;
    await report(here[0]!, '宏达建筑劳务有限公司拖欠农民工工资', '工地上十几名工人被宏达建筑劳务有限公司拖欠工资八万元。', demo.gridWorker.scope_code);
    await report(there[0]!, '宏达建筑劳务公司欠薪', '宏达建筑劳务公司拖欠我们三个月工资，老板联系不上。', demo.otherStreetGrid.code);
    expect((await sweepHotIssues(db, env().clock)).alerts).toBe(0);
    await report(there[1]!, '讨薪：宏达建筑劳务有限公司', '年底了工资还没发，宏达建筑劳务有限公司一直拖着不给。', demo.otherStreetGrid.code);
    const results = await Promise.all([sweepHotIssues(db, env().clock), sweepHotIssues(db, env().clock)]);
    expect(results.reduce((n, r) => n + r.alerts, 0)).toBe(1);
    const wages = await notices(s.zhihui!.userId, 'hot_issue.wages');
    expect(wages).toHaveLength(1);
    expect(wages[0]!.body).toContain('宏达建筑劳务');
    expect(wages[0]!.title).toMatch(/^宏达建筑劳务/);
  });

  it('answers emoji, mixed-script and the longest matters (4,000 characters) without failing', async () => {
    const grid = demo.gridWorker.scope_code;
    await report(here[2]!, '😀🚧', '🔥🔥🔥', grid);
    await report(here[2]!, 'WiFi 信號很差 Sunshine花園', 'The WiFi is down again, 无线网络断了', grid);
    await report(here[3]!, '噪音扰民', '噪音扰民'.repeat(1_000), grid);
    const res = await hot('zhihui', 'days=90');
    expect(res.statusCode).toBe(200);
    expect((res.json() as HotIssueList).items.length).toBeGreaterThan(0);
  });
});
