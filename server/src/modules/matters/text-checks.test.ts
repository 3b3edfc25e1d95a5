import { beforeAll, describe, expect, it } from 'vitest';
import type { AreaGeometry, DuplicateMatch, MatterDetail, ReplyCheckResult } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { bbox, bboxCenter } from '../territory/geometry.js';

// Duplicates by text at triage and at intake (可能重复), and the reply check before 反馈, through
// the API on both databases.
describeEachDb('text checks on matters', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  const s: Record<string, Session> = {};
  let point: [number, number];
  const ids: Record<string, string> = {};

  const report = async (who: string, title: string, description: string, extra: object = {}) => {
    const res = await call(env().app, s[who]!, 'POST', '/api/matters', {
      channel: who === 'qunzhong' ? 'citizen_online' : 'grid_report',
      title,
      description,
      address: '新桥社区3号楼',
      lon: point[0],
      lat: point[1],
      ...extra,
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as MatterDetail).id;
  };

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    for (const u of ['wanggeyuan', 'diaodu', 'diaodu2', 'chengban', 'qunzhong']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    const grid = await env().database.db.selectFrom('areas').select('geometry').where('code', '=', demo.gridWorker.scope_code).executeTakeFirstOrThrow();
    point = bboxCenter(bbox(grid.geometry as AreaGeometry));
    ids.gasA = await report('qunzhong', '3号楼燃气管道老化', '3号楼东侧燃气管道锈蚀严重，楼道里有燃气味');
    ids.light = await report('wanggeyuan', '小区路灯不亮', '新桥社区5号楼前两盏路灯晚上不亮');
    ids.gasB = await report('wanggeyuan', '燃气管锈了有异味', '新桥社区3号楼东边的燃气管生锈，闻到煤气味');
  });

  describe('duplicates', () => {
    it('lists the same problem at triage with its score, similarity and reasons, before a category is chosen', async () => {
      const res = await call(env().app, s.diaodu!, 'GET', `/api/matters/${ids.gasB}/triage`);
      expect(res.statusCode).toBe(200);
      const dups: DuplicateMatch[] = res.json().duplicates;
      expect(dups.map((d) => d.id)).toEqual([ids.gasA]);
      const [a] = dups;
      expect(a!.similarity).toBeGreaterThan(0.2);
      expect(a!.score).toBeGreaterThanOrEqual(0.5);
      expect(a!.distanceMeters).toBe(0);
      expect(a!.reasons.map((r) => r.code)).toEqual(['distance', 'hours', 'text']);
      expect(a!.reasons.find((r) => r.code === 'text')!.terms).toEqual(expect.arrayContaining(['燃气管']));
    });

    it('keeps the category family when one is chosen and never lists the matter itself', async () => {
      const gas = await call(env().app, s.diaodu!, 'GET', `/api/matters/${ids.gasB}/triage?categoryCode=public_facility.gas_pipe`);
      expect(gas.json().duplicates.map((d: DuplicateMatch) => d.id)).toEqual([ids.gasA]);
      const light = await call(env().app, s.diaodu!, 'GET', `/api/matters/${ids.light}/triage?categoryCode=public_facility.street_light`);
      expect(light.json().duplicates.map((d: DuplicateMatch) => d.id)).not.toContain(ids.light);
      expect(light.json().duplicates.map((d: DuplicateMatch) => d.id)).not.toContain(ids.gasA);
    });

    it('checks a report being written (可能重复), only among matters the writer can see', async () => {
      const body = { title: '燃气味', description: '3号楼燃气管道有异味，管子生锈', lon: point[0], lat: point[1] };
      const staff = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters/duplicate-check', body);
      expect(staff.statusCode).toBe(200);
      expect(staff.json().candidates.map((c: DuplicateMatch) => c.id).sort()).toEqual([ids.gasA, ids.gasB].sort());
      // The citizen sees only their own report; a dispatcher of another street sees none.
      const citizen = await call(env().app, s.qunzhong!, 'POST', '/api/matters/duplicate-check', body);
      expect(citizen.json().candidates.map((c: DuplicateMatch) => c.id)).toEqual([ids.gasA]);
      const elsewhere = await call(env().app, s.diaodu2!, 'POST', '/api/matters/duplicate-check', body);
      expect(elsewhere.json().candidates).toEqual([]);
      // With the grid instead of a point, and with a category of another family.
      const byGrid = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters/duplicate-check', { title: '燃气管道锈蚀', description: '', areaCode: demo.gridWorker.scope_code });
      expect(byGrid.json().candidates.map((c: DuplicateMatch) => c.id)).toContain(ids.gasA);
      const noise = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters/duplicate-check', { ...body, categoryCode: 'environment.noise' });
      expect(noise.json().candidates.map((c: DuplicateMatch) => c.id).sort()).toEqual([ids.gasA, ids.gasB].sort());
    });

    it('answers empty, emoji, mixed-script and 4,000-character texts', async () => {
      for (const description of ['', '😀🔥🔥', 'Gas leak 燃气 3号楼 😷', '燃气泄漏'.repeat(1_000)]) {
        const res = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters/duplicate-check', { title: '', description, lon: point[0], lat: point[1] });
        expect(res.statusCode).toBe(200);
        expect(Array.isArray(res.json().candidates)).toBe(true);
      }
      const bad = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters/duplicate-check', { title: 'x', lon: point[0] });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('reply check', () => {
    let matterId = '';
    beforeAll(async () => {
      matterId = ids.light!;
      const triage = await call(env().app, s.diaodu!, 'GET', `/api/matters/${matterId}/triage?categoryCode=urban_construction.old_community`);
      await call(env().app, s.diaodu!, 'POST', `/api/matters/${matterId}/actions`, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId: triage.json().unit.id });
      const accepted = await call(env().app, s.chengban!, 'POST', `/api/matters/${matterId}/actions`, { action: 'accept' });
      expect(accepted.json().state).toBe('handling');
    });
    const check = (who: string, text: string, id = matterId) => call(env().app, s[who]!, 'POST', `/api/matters/${id}/reply-check`, { text });

    it('flags formula and passes a concrete answer', async () => {
      const formula = await check('chengban', '您好！您的留言已收悉，已转相关部门处理，感谢您对我们工作的支持！');
      expect(formula.statusCode).toBe(200);
      const flags = (formula.json() as ReplyCheckResult).flags.map((f) => f.code);
      expect(flags).toEqual(expect.arrayContaining(['boilerplate', 'no_concrete_answer']));
      const good = await check('chengban', '经现场核实，新桥社区5号楼前两盏路灯的灯泡损坏，已于3月5日更换，现已恢复照明。');
      expect((good.json() as ReplyCheckResult).flags).toEqual([]);
      expect((good.json() as ReplyCheckResult).scores.relevance).toBeGreaterThan(0.1);
    });

    it('is for the handling unit only; others get 403, strangers the 404 of a missing matter', async () => {
      expect((await check('wanggeyuan', '已修复')).statusCode).toBe(403);
      expect((await check('diaodu2', '已修复')).statusCode).toBe(404);
      expect((await check('chengban', '已修复', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    });

    it('answers empty, emoji, mixed-script and 10,000-character texts', async () => {
      expect((await check('chengban', '')).json().flags.map((f: { code: string }) => f.code)).toEqual(['too_short']);
      expect((await check('chengban', '👍👍👍')).json().flags.map((f: { code: string }) => f.code)).toEqual(['too_short']);
      expect((await check('chengban', 'LED 路灯 2 盏已于 3 月 5 日更换 ✅，经核实已恢复照明 OK')).json().flags).toEqual([]);
      const long = await check('chengban', '经核实已更换路灯。'.repeat(1_100));
      expect(long.statusCode).toBe(200);
      expect((await check('chengban', 'x'.repeat(10_001))).statusCode).toBe(400);
    });

    it('records the flags of the reply that was submitted anyway on its timeline entry', async () => {
      const replied = await call(env().app, s.chengban!, 'POST', `/api/matters/${matterId}/actions`, { action: 'reply', note: '您好，您的留言已收悉，谢谢！' });
      expect(replied.statusCode).toBe(200);
      const entry = (replied.json() as MatterDetail).timeline.find((e) => e.action === 'reply')!;
      expect(entry.data?.replyFlags).toEqual(expect.arrayContaining(['too_short']));
    });

    it('keeps the flags from the citizen who asked: only staff see them on the timeline', async () => {
      const id = ids.gasA!;
      const triage = await call(env().app, s.diaodu!, 'GET', `/api/matters/${id}/triage?categoryCode=urban_construction.old_community`);
      await call(env().app, s.diaodu!, 'POST', `/api/matters/${id}/actions`, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId: triage.json().unit.id });
      await call(env().app, s.chengban!, 'POST', `/api/matters/${id}/actions`, { action: 'accept' });
      expect((await call(env().app, s.chengban!, 'POST', `/api/matters/${id}/actions`, { action: 'reply', note: '已收悉' })).statusCode).toBe(200);
      const replyOf = async (who: string) => ((await call(env().app, s[who]!, 'GET', `/api/matters/${id}`)).json() as MatterDetail).timeline.find((e) => e.action === 'reply')!;
      expect((await replyOf('diaodu')).data?.replyFlags).toBeDefined();
      expect((await replyOf('qunzhong')).data?.replyFlags).toBeUndefined();
    });
  });
});
