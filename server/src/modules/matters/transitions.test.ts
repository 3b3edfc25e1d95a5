import { beforeAll, expect, it } from 'vitest';
import { MATTER_ACTIONS, MATTER_STATES, MATTER_TRANSITIONS, type MatterDetail, type MatterState } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { sweepDeadlines } from './scheduler.js';

// Every action of the transition table once where it is allowed, and everywhere it is not.
describeEachDb('matter transitions', (kind) => {
  const env = useTestEnv(kind, { sessionTtlHours: 24 * 30 }); // the clock moves days ahead
  let demo: Demo;
  const s: Record<string, Session> = {};
  const units: Record<string, string> = {};

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    for (const u of ['wanggeyuan', 'diaodu', 'chengban', 'qunzhong', 'baoan', 'tiaojie']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    const rows = await env().database.db.selectFrom('org_units').select(['id', 'name']).execute();
    for (const r of rows) units[r.name] = r.id;
  });

  const act = (who: string, id: string, body: object) => call(env().app, s[who]!, 'POST', `/api/matters/${id}/actions`, body);
  const ok = async (who: string, id: string, body: object): Promise<MatterDetail> => {
    const res = await act(who, id, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const report = async (who = 'qunzhong'): Promise<MatterDetail> =>
    (
      await call(env().app, s[who]!, 'POST', '/api/matters', {
        channel: who === 'qunzhong' ? 'citizen_online' : 'grid_report',
        title: '楼道堆放杂物',
        description: '消防通道被占用',
        address: '新桥社区5号楼',
        areaCode: demo.gridWorker.scope_code,
      })
    ).json();
  const handling = async (): Promise<MatterDetail> => {
    const m = await report();
    await ok('diaodu', m.id, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId: units['海南区住建局'] });
    return ok('chengban', m.id, { action: 'accept' });
  };

  it('退单 returns a matter to the dispatcher; 转办 sends it to another unit', async () => {
    const m = await report();
    await ok('diaodu', m.id, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId: units['海南区住建局'] });
    const returned = await ok('chengban', m.id, { action: 'return', note: '属于物业职责' });
    expect(returned).toMatchObject({ state: 'pending_triage', assignedUnit: null });
    await ok('diaodu', m.id, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId: units['海南区住建局'] });
    const moved = await ok('diaodu', m.id, { action: 'transfer', unitId: units['海南区城管局'], note: '改由城管处理' });
    expect(moved).toMatchObject({ state: 'dispatched', assignedUnit: { name: '海南区城管局' } });
  });

  it('延期: the unit asks, the dispatcher approves, the deadline moves', async () => {
    const m = await handling();
    const asked = await ok('chengban', m.id, { action: 'request_extension', days: 3, note: '需采购配件' });
    expect(asked.extensionRequest).toMatchObject({ days: 3 });
    expect((await act('chengban', m.id, { action: 'request_extension', days: 1, note: '再次' })).statusCode).toBe(409);
    const approved = await ok('diaodu', m.id, { action: 'decide_extension', approve: true });
    expect(approved.extensionRequest).toBeNull();
    expect(new Date(approved.dueAt!).getTime()).toBeGreaterThan(new Date(m.dueAt!).getTime());
  });

  it('上报, 协办, 街乡吹哨 with 部门报到, 督办 and 备注', async () => {
    const m = await handling();
    await ok('chengban', m.id, { action: 'add_assist', unitIds: [units['海南区城管局']] });
    const summoned = await ok('diaodu', m.id, { action: 'summon', unitIds: [units['公乌素司法所'], units['刘磊工作室']], reportWithinHours: 4 });
    expect(summoned.summons.map((x) => x.name).sort()).toEqual(['公乌素司法所', '刘磊工作室'].sort());
    const reported = await ok('tiaojie', m.id, { action: 'report_in' });
    expect(reported.summons.find((x) => x.name === '刘磊工作室')!.reportedAt).not.toBeNull();
    expect(reported.summons.find((x) => x.name === '公乌素司法所')!.reportedAt).toBeNull();
    expect((await act('tiaojie', m.id, { action: 'report_in' })).statusCode).toBe(409);
    env().clock.advance(5 * 3600_000); // the 司法所 misses its 4-hour 报到 deadline
    expect((await sweepDeadlines(env().database.db, env().clock)).lateSummons).toBe(1);
    expect((await sweepDeadlines(env().database.db, env().clock)).lateSummons).toBe(0);
    const supervised = await ok('baoan', m.id, { action: 'supervise', note: '本周内办结', dueAt: '2026-12-04T17:30:00+08:00' });
    expect(supervised.supervised).toBe(true);
    expect(supervised.supervisions[0]).toMatchObject({ note: '本周内办结' });
    env().clock.set(new Date('2026-12-05T09:00:00+08:00')); // the 督办 deadline passes, still not replied
    expect((await sweepDeadlines(env().database.db, env().clock)).lateSupervisions).toBe(1);
    expect((await sweepDeadlines(env().database.db, env().clock)).lateSupervisions).toBe(0);
    await ok('chengban', m.id, { action: 'comment', note: '已联系业主' });
    const up = await ok('chengban', m.id, { action: 'escalate', note: '涉及多部门, 请区级协调' });
    expect(up).toMatchObject({ state: 'pending_triage', ownerUnit: { name: '海南区综治中心' }, assignedUnit: null });
  });

  it('核查不通过 sends it back; 撤回, 作废 and 并单 end it', async () => {
    const m = await handling();
    await ok('chengban', m.id, { action: 'reply', note: '已清理' });
    const failed = await ok('wanggeyuan', m.id, { action: 'verify_fail', note: '仍有杂物' });
    expect(failed.state).toBe('handling');
    const w = await report();
    expect((await ok('qunzhong', w.id, { action: 'withdraw', note: '已自行解决' })).state).toBe('withdrawn');
    const v = await report('wanggeyuan');
    expect((await ok('diaodu', v.id, { action: 'void', note: '重复上报' })).state).toBe('voided');
    const [a, b] = [await report(), await report('wanggeyuan')];
    const merged = await ok('diaodu', b.id, { action: 'merge', targetId: a.id });
    expect(merged).toMatchObject({ state: 'merged', mergedIntoId: a.id });
    const target = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${a.id}`)).json();
    expect(target.timeline.at(-1).action).toBe('merged_in');
    expect((await act('diaodu', a.id, { action: 'merge', targetId: a.id })).statusCode).toBe(400);
  });

  it('answers every action from every state it is not allowed in with 409 and the state named', async () => {
    const failures: string[] = [];
    for (const state of MATTER_STATES) {
      const m = await report('wanggeyuan');
      await env().database.db.updateTable('matters').set({ state }).where('id', '=', m.id).execute();
      for (const action of MATTER_ACTIONS) {
        if ((MATTER_TRANSITIONS[action].from as readonly MatterState[]).includes(state)) continue;
        const res = await act('diaodu', m.id, { action, note: 'x', ...bodyFor(action) });
        if (res.statusCode !== 409 || !res.json().error.message.includes(state)) failures.push(`${action} from ${state} → ${res.statusCode} ${res.body.slice(0, 80)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  function bodyFor(action: string): object {
    const unitId = units['海南区住建局'];
    switch (action) {
      case 'dispatch': return { categoryCode: 'urban_construction', unitId };
      case 'transfer': return { unitId };
      case 'request_extension': return { days: 1 };
      case 'decide_extension': return { approve: true };
      case 'add_assist':
      case 'summon': return { unitIds: [unitId], ...(action === 'summon' ? { reportWithinHours: 2 } : {}) };
      case 'rate': return { rating: 'satisfied', note: undefined };
      case 'merge': return { targetId: '00000000-0000-4000-8000-000000000000' };
      default: return {};
    }
  }
});
