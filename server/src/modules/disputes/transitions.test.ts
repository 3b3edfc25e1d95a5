import { beforeAll, expect, it } from 'vitest';
import { DISPUTE_ACTIONS, DISPUTE_STATES, DISPUTE_TRANSITIONS, type DisputeAction, type DisputeDetail, type DisputeState } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { demoPlaces, disputeBody, disputeStaff, ok as okAs } from '../../../test/disputes.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';

const NO_ID = '00000000-0000-4000-8000-000000000000';
const AT = '2026-12-01T10:00:00+08:00';

// Every action of the transition table where it is allowed, and everywhere it is not.
describeEachDb('dispute transitions', (kind) => {
  const env = useTestEnv(kind, { sessionTtlHours: 24 * 30 });
  let demo: Demo;
  let places: ReturnType<typeof demoPlaces>;
  let staff: Awaited<ReturnType<typeof disputeStaff>>;
  const s: Record<string, Session> = {};

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    places = demoPlaces(demo);
    for (const u of ['shequ', 'diaodu', 'diaodu2', 'admin', 'qunzhong', 'tiaojie']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    staff = await disputeStaff(env().app, env().database.db, demo);
    s.mediator = staff.villageMediator.session;
  });

  const ok = (who: string, method: string, url: string, payload?: unknown) => okAs(env().app, s[who]!, method, url, payload);
  const create = (extra: Record<string, unknown> = {}) => ok('shequ', 'POST', '/api/disputes', disputeBody(places.community, extra));
  const mediating = async () => {
    const c = await create();
    return ok('shequ', 'POST', `/api/disputes/${c.id}/actions`, { action: 'assign', mediatorIds: [staff.villageMediator.id] });
  };
  const outcome = (id: string, body: object) => ok('mediator', 'POST', `/api/disputes/${id}/actions`, body);
  const settle = async () => outcome((await mediating()).id, { action: 'settle', terms: [{ text: '物业公司于12月10日前修复漏水', dueAt: '2026-12-10T17:30:00+08:00' }, { text: '业主补交物业费1200元' }] });

  it('受理 → 指派 → sessions → 调解成功 → 履行 → 结案, the timeline recording each step', async () => {
    const c = await create();
    expect(c).toMatchObject({ state: 'registered', level: 'community', levelArea: { code: places.community }, amountYuan: 3200.5, peopleInvolved: 2 });
    expect(c.number).toMatch(/^JF20261130\d{5}$/);
    expect(c.actions.sort()).toEqual(['assess_risk', 'assign', 'escalate', 'terminate', 'withdraw']);
    const assigned = await ok('shequ', 'POST', `/api/disputes/${c.id}/actions`, { action: 'assign', mediatorIds: [staff.villageMediator.id], studioId: staff.judicialOfficeId });
    expect(assigned).toMatchObject({ state: 'mediating', studio: { id: staff.judicialOfficeId } });
    const scheduled = await ok('mediator', 'POST', `/api/disputes/${c.id}/actions`, { action: 'schedule_session', at: AT, place: '流动办公桌（新桥社区广场）', onSite: true, participants: ['张三丰', '物业经理'] });
    const session = scheduled.sessions[0]!;
    expect(session).toMatchObject({ onSite: true, minutes: null, version: 1, level: 'community' });
    const recorded = await ok('mediator', 'POST', `/api/disputes/${c.id}/actions`, { action: 'record_session', sessionId: session.id, minutes: '双方同意先修复漏水再补缴物业费', version: 1 });
    expect(recorded.sessions[0]).toMatchObject({ minutes: '双方同意先修复漏水再补缴物业费', version: 2 });
    // Someone still holding version 1 cannot overwrite those minutes.
    const stale = await call(env().app, s.shequ!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'record_session', sessionId: session.id, minutes: '覆盖', version: 1 });
    expect(stale.statusCode).toBe(409);
    const risk = await ok('mediator', 'POST', `/api/disputes/${c.id}/actions`, { action: 'assess_risk', riskLevel: 'serious', volatile: false, note: '业主情绪激动' });
    expect(risk.riskLevel).toBe('serious');
    const settled = await outcome(c.id, { action: 'settle', terms: [{ text: '物业公司修复漏水', dueAt: '2026-12-10T17:30:00+08:00' }, { text: '业主补交物业费' }] });
    expect(settled).toMatchObject({ state: 'settled', agreedFacts: c.facts });
    const [t1, t2] = settled.terms;
    await ok('mediator', 'POST', `/api/disputes/${c.id}/actions`, { action: 'record_performance', termId: t1!.id, performed: true, note: '已修复' });
    const early = await call(env().app, s.mediator!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'close' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('not yet performed (2)');
    await ok('shequ', 'POST', `/api/disputes/${c.id}/actions`, { action: 'record_performance', termId: t2!.id, performed: true });
    const closed = await ok('mediator', 'POST', `/api/disputes/${c.id}/actions`, { action: 'close' });
    expect(closed.state).toBe('closed');
    expect(closed.timeline.map((e) => e.action)).toEqual(['created', 'assign', 'schedule_session', 'record_session', 'assess_risk', 'settle', 'record_performance', 'record_performance', 'close']);
    expect(closed.timeline.every((e) => e.level === 'community')).toBe(true);
  });

  it('调解不成, 撤回, 终止 (each needs a reason); the chain 诉前调解 → 诉讼, and 司法确认 after an agreement', async () => {
    const a = await mediating();
    const noReason = await call(env().app, s.mediator!, 'POST', `/api/disputes/${a.id}/actions`, { action: 'fail', path: 'litigation', note: '' });
    expect(noReason.statusCode).toBe(400);
    const failed = await outcome(a.id, { action: 'fail', path: 'litigation', note: '双方分歧过大' });
    expect(failed).toMatchObject({ state: 'failed', failedPath: 'litigation' });
    const chain = `/api/disputes/${a.id}/actions`;
    const refused = await call(env().app, s.mediator!, 'POST', chain, { action: 'add_chain_step', kind: 'judicial_confirmation', appliedAt: AT, institution: '海南区人民法院' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('cannot start on a failed case');
    const pre = await ok('mediator', 'POST', chain, { action: 'add_chain_step', kind: 'pre_litigation_mediation', appliedAt: AT, institution: '海南区人民法院诉调对接中心', caseNumber: '(2026)内0303诉前调1号' });
    const pending = await call(env().app, s.mediator!, 'POST', chain, { action: 'add_chain_step', kind: 'litigation', appliedAt: AT, institution: '海南区人民法院' });
    expect(pending.json().error.message).toContain('has no result yet');
    const wrong = await call(env().app, s.mediator!, 'POST', chain, { action: 'record_chain_result', stepId: pre.chain[0]!.id, result: 'confirmed', resultAt: AT });
    expect(wrong.statusCode).toBe(400);
    await ok('mediator', 'POST', chain, { action: 'record_chain_result', stepId: pre.chain[0]!.id, result: 'failed', resultAt: AT });
    const again = await call(env().app, s.mediator!, 'POST', chain, { action: 'record_chain_result', stepId: pre.chain[0]!.id, result: 'settled', resultAt: AT });
    expect(again.statusCode).toBe(409);
    const sued = await ok('mediator', 'POST', chain, { action: 'add_chain_step', kind: 'litigation', appliedAt: AT, institution: '海南区人民法院', caseNumber: '(2026)内0303民初88号' });
    const done = await ok('shequ', 'POST', chain, { action: 'record_chain_result', stepId: sued.chain[1]!.id, result: 'judged', resultAt: '2027-01-20T10:00:00+08:00' });
    expect(done.chain.map((x) => [x.kind, x.result])).toEqual([['pre_litigation_mediation', 'failed'], ['litigation', 'judged']]);

    const b = await settle();
    const confirm = await ok('mediator', 'POST', `/api/disputes/${b.id}/actions`, { action: 'add_chain_step', kind: 'judicial_confirmation', appliedAt: AT, institution: '海南区人民法院' });
    const rejected = await ok('mediator', 'POST', `/api/disputes/${b.id}/actions`, { action: 'record_chain_result', stepId: confirm.chain[0]!.id, result: 'rejected', resultAt: AT });
    expect(rejected.chain[0]!.result).toBe('rejected');
    await ok('mediator', 'POST', `/api/disputes/${b.id}/actions`, { action: 'add_chain_step', kind: 'litigation', appliedAt: AT, institution: '海南区人民法院' });

    for (const [end, state] of [['withdraw', 'withdrawn'], ['terminate', 'terminated']] as const) {
      const c = await create();
      expect((await call(env().app, s.shequ!, 'POST', `/api/disputes/${c.id}/actions`, { action: end })).statusCode).toBe(400);
      expect((await ok('shequ', 'POST', `/api/disputes/${c.id}/actions`, { action: end, note: '申请人撤回申请' })).state).toBe(state);
    }
  });

  it('refuses every action from every state the table does not allow it from (409, saying why)', async () => {
    const withMediator = async () => (await mediating()).id;
    const byState: Record<DisputeState, () => Promise<string>> = {
      registered: async () => (await create()).id,
      mediating: withMediator,
      settled: async () => (await settle()).id,
      failed: async () => (await outcome(await withMediator(), { action: 'fail', path: 'arbitration', note: '不成' })).id,
      withdrawn: async () => (await outcome(await withMediator(), { action: 'withdraw', note: '撤回' })).id,
      terminated: async () => (await outcome(await withMediator(), { action: 'terminate', note: '终止' })).id,
      closed: async () => {
        const c = await settle();
        for (const t of c.terms) await ok('mediator', 'POST', `/api/disputes/${c.id}/actions`, { action: 'record_performance', termId: t.id, performed: true });
        return (await ok('mediator', 'POST', `/api/disputes/${c.id}/actions`, { action: 'close' })).id;
      },
    };
    const attempt: Record<DisputeAction, (id: string) => [string, string, object]> = {
      assign: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'assign', mediatorIds: [staff.villageMediator.id] }],
      schedule_session: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'schedule_session', at: AT, place: '调解室' }],
      record_session: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'record_session', sessionId: NO_ID, minutes: '笔录', version: 1 }],
      assess_risk: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'assess_risk', riskLevel: 'serious', volatile: false, note: '研判' }],
      settle: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'settle', terms: [{ text: '条款' }] }],
      fail: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'fail', path: 'litigation', note: '不成' }],
      withdraw: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'withdraw', note: '撤回' }],
      terminate: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'terminate', note: '终止' }],
      escalate: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'escalate', reason: 'beyond_competence', note: '超出能力' }],
      record_performance: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'record_performance', termId: NO_ID, performed: true }],
      generate_agreement: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'generate_agreement' }],
      close: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'close' }],
      add_chain_step: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'add_chain_step', kind: 'judicial_confirmation', appliedAt: AT, institution: '法院' }],
      record_chain_result: (id) => ['POST', `/api/disputes/${id}/actions`, { action: 'record_chain_result', stepId: NO_ID, result: 'confirmed', resultAt: AT }],
    };
    const failures: string[] = [];
    let checked = 0;
    for (const state of DISPUTE_STATES) {
      const id = await byState[state]();
      for (const action of DISPUTE_ACTIONS) {
        if ((DISPUTE_TRANSITIONS[action].from as readonly DisputeState[]).includes(state)) continue;
        const [method, url, body] = attempt[action](id);
        const res = await call(env().app, s.admin!, method, url, body);
        checked++;
        if (res.statusCode !== 409 || !res.json().error.message.includes(`Cannot ${action}`)) failures.push(`${action} from ${state} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('who may: out of scope is 404, a role without the grant 403, a relation the table does not name 403', async () => {
    const c = await mediating();
    expect((await call(env().app, s.diaodu2!, 'GET', `/api/disputes/${c.id}`)).statusCode).toBe(404);
    expect((await call(env().app, s.tiaojie!, 'GET', `/api/disputes/${c.id}`)).statusCode).toBe(404);
    expect((await call(env().app, s.qunzhong!, 'GET', `/api/disputes/${c.id}`)).statusCode).toBe(403);
    // The town dispatcher sees a village case (area scope) but it is not theirs to run until it moves up.
    const seen = await ok('diaodu', 'GET', `/api/disputes/${c.id}`);
    expect(seen.actions).toEqual([]);
    const notTheirs = await call(env().app, s.diaodu!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'assign', mediatorIds: [staff.villageMediator.id] });
    expect(notTheirs.statusCode).toBe(403);
    // Only a mediator settles; the community's staff cannot.
    const staffSettles = await call(env().app, s.shequ!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'settle', terms: [{ text: '条款' }] });
    expect(staffSettles.statusCode).toBe(403);
    expect(staffSettles.json().error.message).toContain('Only mediator');
    const list = await call(env().app, s.mediator!, 'GET', '/api/disputes?queue=assigned_to_me&pageSize=200');
    expect(list.json().items.map((x: DisputeDetail) => x.id)).toContain(c.id);
    expect((await call(env().app, s.diaodu2!, 'GET', '/api/disputes?pageSize=200')).json().items.map((x: DisputeDetail) => x.id)).not.toContain(c.id);
  });

  it('two sessions recorded at once are both kept; of two outcomes at once one wins, the other is a 409', async () => {
    const c = await mediating();
    const record = (who: string, minutes: string) =>
      call(env().app, s[who]!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'schedule_session', at: AT, place: '社区调解室', minutes, participants: ['张三丰'] });
    const both = await Promise.all([record('mediator', '第一次调解：了解诉求'), record('shequ', '第一次调解：物业方陈述')]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    const after = await ok('shequ', 'GET', `/api/disputes/${c.id}`);
    expect(after.sessions.map((x) => x.minutes).sort()).toEqual(['第一次调解：了解诉求', '第一次调解：物业方陈述'].sort());
    const race = await Promise.all([
      call(env().app, s.mediator!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'settle', terms: [{ text: '条款' }] }),
      call(env().app, s.mediator!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'fail', path: 'litigation', note: '不成' }),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const final = await ok('shequ', 'GET', `/api/disputes/${c.id}`);
    expect(final.timeline.filter((e) => e.action === 'settle' || e.action === 'fail')).toHaveLength(1);
  });

  it('the demo city comes with a handful of cases; 刘磊 (tiaojie) mediates those of his studio', async () => {
    const mine = (await call(env().app, s.tiaojie!, 'GET', '/api/disputes?queue=assigned_to_me')).json();
    expect(mine.items.map((x: DisputeDetail) => [x.title, x.studio?.name, x.level])).toEqual(
      expect.arrayContaining([
        ['煤矿运输队12名司机追讨欠薪', '刘磊工作室', 'street'],
        ['邻里排水沟堵塞致院墙受损', '刘磊工作室', 'street'],
      ]),
    );
    const settled = mine.items.find((x: DisputeDetail) => x.state === 'settled');
    const detail = await ok('tiaojie', 'GET', `/api/disputes/${settled.id}`);
    expect(detail.parties.map((p) => p.name)).toEqual(['李**', '赵**']);
    expect(detail.terms.map((t) => Boolean(t.performedAt))).toEqual([true, false]);
  });

  it('a dispute born from a matter names a matter its registrant may see', async () => {
    const hidden = await call(env().app, s.shequ!, 'POST', '/api/disputes', disputeBody(places.community, { source: 'matter', matterId: NO_ID }));
    expect(hidden.statusCode).toBe(400);
    const matter = await call(env().app, s.shequ!, 'POST', '/api/matters', { channel: 'grid_report', title: '邻里噪音', description: '楼上装修噪音', address: '新桥社区', areaCode: demo.gridWorker.scope_code });
    const c = await ok('shequ', 'POST', '/api/disputes', disputeBody(places.community, { source: 'matter', matterId: matter.json().id, type: 'neighbourhood' }));
    expect(c.matterId).toBe(matter.json().id);
  });
});
