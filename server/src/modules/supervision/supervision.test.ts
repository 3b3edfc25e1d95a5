import { beforeAll, expect, it } from 'vitest';
import type { MatterDetail, SupervisionCreated, SupervisionPage, SupervisionReport } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemo, type Demo } from '../../../test/demo.js';
import { makeUser, type MadeArea } from '../../../test/factories.js';
import { demoSessions, dispatchAndAccept, postPublic } from '../../../test/public-posts.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';

// 监督举报: anyone logged in files one; the 指挥中心 in scope accepts and closes it; the unit it is
// about (handlers, leaders, dispatchers, even an operator sitting in that unit) never sees it.

describeEachDb('supervision reports', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let s: Record<string, Session>;
  let matter: MatterDetail;
  let report: SupervisionCreated;
  let unitOperator: Session;
  let otherDistrictOperator: Session;
  let stranger: Session;

  const areaOf = (code: string) => env().database.db.selectFrom('areas').select(['code', 'name', 'level', 'path']).where('code', '=', code).executeTakeFirstOrThrow() as Promise<MadeArea>;

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    s = await demoSessions(env().app, ['qunzhong', 'diaodu', 'chengban', 'bumenlingdao', 'zhihui', 'baoan', 'admin', 'wanggeyuan']);
    matter = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code, { public: false });
    matter = await dispatchAndAccept(env().app, s.diaodu!, s.chengban!, matter.id);
    const db = env().database.db;
    const city = await areaOf(demo.dispatcher.scope_path.split('.')[0]!);
    const wuda = await areaOf(demo.otherDispatcher.scope_path.split('.')[1]!);
    const made = [
      await makeUser(db, { roles: ['command_operator'], unitId: matter.assignedUnit!.id, scope: city }),
      await makeUser(db, { roles: ['command_operator'], scope: wuda }),
      await makeUser(db, { roles: ['citizen'], scope: city }),
    ];
    const login = (u: (typeof made)[number]) => loginToken(env().app, u.username, u.password);
    unitOperator = await login(made[0]!);
    otherDistrictOperator = await login(made[1]!);
    stranger = await login(made[2]!);
  });

  const file = (who: Session, body: object) => call(env().app, who, 'POST', '/api/supervision', body);
  const queue = async (who: Session, q = '') => {
    const res = await call(env().app, who, 'GET', `/api/supervision${q}`);
    return res.statusCode === 200 ? (res.json() as SupervisionPage).items.map((r) => r.id) : res.statusCode;
  };

  it('files a report about a matter the reporter can see, numbered S + date + serial, and audits it', async () => {
    const res = await file(s.qunzhong!, { kind: 'slow_handling', matterNumber: matter.number, subject: '海南区住建局', content: '反映一周了还没有处理' });
    expect(res.statusCode, res.body).toBe(201);
    report = res.json();
    expect(report).toEqual({ id: expect.any(String), number: expect.stringMatching(/^S20261130\d{6}$/), state: 'open' });
    const audited = await env().database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', report.id).execute();
    expect(audited).toEqual([{ action: 'supervision.create', actor_id: s.qunzhong!.userId }]);

    const mine = (await call(env().app, s.qunzhong!, 'GET', '/api/supervision/mine')).json() as SupervisionPage;
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: report.id, kind: 'slow_handling', matterNumber: matter.number, matterId: null, subject: '海南区住建局', state: 'open' });
    expect(((await call(env().app, stranger, 'GET', '/api/supervision/mine')).json() as SupervisionPage).items).toEqual([]);
  });

  it('refuses a matter the reporter cannot see and bad input, writing nothing', async () => {
    const before = await env().database.db.selectFrom('supervision_reports').select('id').execute();
    const cases: [Session, object][] = [
      [stranger, { kind: 'slow_handling', matterNumber: matter.number, subject: '住建局', content: '看不到的事项' }],
      [stranger, { kind: 'slow_handling', matterNumber: '20991231000001', subject: '住建局', content: '不存在的事项' }],
      [s.qunzhong!, { kind: 'rumour', subject: '住建局', content: '未知类别' }],
      [s.qunzhong!, { kind: 'misconduct', subject: '字'.repeat(81), content: '主体太长' }],
      [s.qunzhong!, { kind: 'misconduct', subject: '住建局', content: '' }],
      [s.qunzhong!, { kind: 'misconduct', subject: '住建局', content: '字'.repeat(2001) }],
    ];
    for (const [who, body] of cases) expect((await file(who, body)).statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
    expect(await env().database.db.selectFrom('supervision_reports').select('id').execute()).toHaveLength(before.length);
    // Someone else's public post may be named.
    const post = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code);
    expect((await file(stranger, { kind: 'improper_handling', matterNumber: post.number, subject: '拉僧仲街道综治中心', content: '处理不当' })).statusCode).toBe(201);
  });

  it('shows the report to the 指挥中心 in scope only: never to the handling unit, its dispatchers or an operator elsewhere', async () => {
    expect(await queue(s.zhihui!)).toContain(report.id);
    const one = await call(env().app, s.zhihui!, 'GET', `/api/supervision/${report.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ matterId: matter.id, reporterName: expect.stringMatching(/^.\*+$/) });

    for (const who of ['chengban', 'bumenlingdao', 'diaodu', 'baoan', 'wanggeyuan', 'admin']) {
      expect(await queue(s[who]!), who).toBe(403);
      expect((await call(env().app, s[who]!, 'GET', `/api/supervision/${report.id}`)).statusCode, who).toBe(404);
    }
    for (const [who, session] of [['operator in the handling unit', unitOperator], ['operator of another district', otherDistrictOperator]] as const) {
      expect(await queue(session), who).not.toContain(report.id);
      expect((await call(env().app, session, 'GET', `/api/supervision/${report.id}`)).statusCode, who).toBe(404);
      expect((await call(env().app, session, 'POST', `/api/supervision/${report.id}/actions`, { action: 'accept', note: '受理' })).statusCode, who).toBe(404);
    }
    // The reporter reads their own, without the link into the staff's matter page.
    const own = await call(env().app, s.qunzhong!, 'GET', `/api/supervision/${report.id}`);
    expect(own.json()).toMatchObject({ id: report.id, matterId: null });
    expect((await call(env().app, stranger, 'GET', `/api/supervision/${report.id}`)).statusCode).toBe(404);

    // With no matter named, a report goes to the top of the tree: the city's 指挥中心, not a district's.
    const general = (await file(stranger, { kind: 'misconduct', subject: '某窗口工作人员', content: '态度恶劣' })).json() as SupervisionCreated;
    expect(await queue(s.zhihui!)).toContain(general.id);
    expect(await queue(otherDistrictOperator)).not.toContain(general.id);
  });

  it('accepts and closes, each once, audited with the note; the reporter reads the conclusion', async () => {
    const accept = await call(env().app, s.zhihui!, 'POST', `/api/supervision/${report.id}/actions`, { action: 'accept', note: '已受理, 转督查科' });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json()).toMatchObject({ state: 'accepted', acceptNote: '已受理, 转督查科' });
    expect((await call(env().app, s.zhihui!, 'POST', `/api/supervision/${report.id}/actions`, { action: 'accept', note: '再次' })).statusCode).toBe(409);
    expect((await call(env().app, s.zhihui!, 'POST', `/api/supervision/${report.id}/actions`, { action: 'close' })).statusCode).toBe(400);
    expect(await queue(s.zhihui!, '?state=accepted')).toEqual([report.id]);

    const closed = await call(env().app, s.zhihui!, 'POST', `/api/supervision/${report.id}/actions`, { action: 'close', note: '已督促住建局三日内办结' });
    expect(closed.json()).toMatchObject({ state: 'closed', closeNote: '已督促住建局三日内办结' });
    expect((await call(env().app, s.zhihui!, 'POST', `/api/supervision/${report.id}/actions`, { action: 'close', note: '再次' })).statusCode).toBe(409);
    expect(await queue(s.zhihui!, '?state=open')).not.toContain(report.id);

    const mine = ((await call(env().app, s.qunzhong!, 'GET', '/api/supervision/mine')).json() as SupervisionPage).items[0] as SupervisionReport;
    expect(mine).toMatchObject({ state: 'closed', closeNote: '已督促住建局三日内办结', acceptNote: '已受理, 转督查科' });
    expect(JSON.stringify(mine)).not.toContain('zhihui');
    const audited = await env().database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', report.id).orderBy('id').execute();
    expect(audited.map((a) => [a.action, (a.after as { note?: string }).note])).toEqual([
      ['supervision.create', undefined],
      ['supervision.accept', '已受理, 转督查科'],
      ['supervision.close', '已督促住建局三日内办结'],
    ]);
  });
});
