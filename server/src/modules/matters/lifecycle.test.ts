import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { MatterDetail, MatterListItem, MatterPage, type AreaGeometry } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { bbox, bboxCenter } from '../territory/geometry.js';
import { insertReportedMatter, numberDate } from './intake-write.js';

// The whole path of one matter, through every role that touches it.
describeEachDb('matter lifecycle', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  const s: Record<string, Session> = {};
  let point: [number, number];

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    for (const u of ['wanggeyuan', 'diaodu', 'chengban', 'qunzhong', 'diaodu2', 'baoan']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    const grid = await env().database.db.selectFrom('areas').select('geometry').where('code', '=', demo.gridWorker.scope_code).executeTakeFirstOrThrow();
    point = bboxCenter(bbox(grid.geometry as AreaGeometry));
  });

  const act = async (who: string, id: string, body: object) => call(env().app, s[who]!, 'POST', `/api/matters/${id}/actions`, body);
  const report = (who: string, extra: object = {}) =>
    call(env().app, s[who]!, 'POST', '/api/matters', {
      channel: who === 'qunzhong' ? 'citizen_online' : 'grid_report',
      title: '小区燃气管道老化',
      description: '3号楼东侧燃气管道锈蚀严重, 有异味',
      address: '新桥社区3号楼',
      lon: point[0],
      lat: point[1],
      ...extra,
    });

  it('walks 上报 → 三定 → 派遣 → 签收 → 反馈 → 核查 → 评价 不满意 → 重办', async () => {
    const created = await report('qunzhong');
    expect(created.statusCode).toBe(201);
    const m: MatterDetail = created.json();
    // Intake's answer skips the response check for speed (typed-json.ts): it must still be exactly the schema.
    expect(MatterDetail.strict().parse(m)).toEqual(m);
    expect(m.state).toBe('pending_triage');
    expect(m.gridCode).toBe(demo.gridWorker.scope_code);
    expect(m.ownerUnit.name).toBe('拉僧仲街道综治中心');
    expect(m.acceptDueAt).not.toBeNull();
    expect(m.reporter.isViewer).toBe(true);

    const triage = await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}/triage?categoryCode=urban_construction.old_community`);
    expect(triage.statusCode).toBe(200);
    expect(triage.json().unit.name).toBe('海南区住建局');
    expect(triage.json().routing.explanation).toContain('住建局');

    const dispatched = await act('diaodu', m.id, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId: triage.json().unit.id });
    expect(dispatched.statusCode).toBe(200);
    expect(dispatched.json()).toMatchObject({ state: 'dispatched', assignedUnit: { name: '海南区住建局' } });
    expect(dispatched.json().dueAt).not.toBeNull();

    const accepted = await act('chengban', m.id, { action: 'accept' });
    expect(accepted.json().state).toBe('handling');
    expect(accepted.json().actions).toEqual(expect.arrayContaining(['reply', 'request_extension', 'escalate']));
    const replied = await act('chengban', m.id, { action: 'reply', note: '已更换3号楼燃气管道' });
    expect(replied.json().state).toBe('replied');
    const verified = await act('wanggeyuan', m.id, { action: 'verify_pass', note: '现场核查已更换' });
    expect(verified.json().state).toBe('closed');
    const rated = await act('qunzhong', m.id, { action: 'rate', rating: 'unsatisfied', comment: '异味仍在' });
    expect(rated.json()).toMatchObject({ state: 'handling', reopenCount: 1 });
    expect(rated.json().timeline.map((e: { action: string }) => e.action)).toEqual([
      'created', 'dispatch', 'accept', 'reply', 'verify_pass', 'rate', 'reopened',
    ]);
    // A second 不满意 goes one level up.
    await act('chengban', m.id, { action: 'reply', note: '再次检修' });
    await act('wanggeyuan', m.id, { action: 'verify_pass' });
    const second = await act('qunzhong', m.id, { action: 'rate', rating: 'unsatisfied' });
    expect(second.json()).toMatchObject({ state: 'pending_triage', ownerUnit: { name: '海南区综治中心' } });
  });

  it('refuses actions from the wrong state (409) and from the wrong person (403), and hides matters out of scope (404)', async () => {
    const m: MatterDetail = (await report('wanggeyuan')).json();
    const early = await act('chengban', m.id, { action: 'accept' });
    expect(early.statusCode).toBe(404); // not routed to 住建局 yet, and outside a department's sight
    const wrongState = await act('diaodu', m.id, { action: 'reply', note: 'x' });
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json().error.message).toMatch(/pending_triage/);
    const notOwner = await act('wanggeyuan', m.id, { action: 'void', note: '重复' });
    expect(notOwner.statusCode).toBe(403);
    const needsNote = await act('diaodu', m.id, { action: 'void' });
    expect(needsNote.statusCode).toBe(400);
    expect(needsNote.json().error.details[0].path).toBe('note');
    const other = await call(env().app, s.diaodu2!, 'GET', `/api/matters/${m.id}`);
    const missing = await call(env().app, s.diaodu2!, 'GET', '/api/matters/00000000-0000-4000-8000-000000000000');
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toBe(missing.json().error.message);
  });

  it('lets exactly one of several concurrent transitions win', async () => {
    const m: MatterDetail = (await report('wanggeyuan')).json();
    const unitId = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}/triage?categoryCode=urban_construction.old_community`)).json().unit.id;
    await act('diaodu', m.id, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId });
    // Five 签收 and a 退单 at once: whichever lands first wins, every other one gets a 409 — or,
    // when the 退单 won and the matter has left the unit, the 404 of a matter out of scope.
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => act('chengban', m.id, { action: 'accept' })),
      act('chengban', m.id, { action: 'return', note: '不属于本单位职责' }),
    ]);
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    const returned = results[5]!.statusCode === 200;
    expect(codes.filter((c) => c === 409 || (returned && c === 404))).toHaveLength(5);
    const events = await env().database.db.selectFrom('matter_events').select('action').where('matter_id', '=', m.id).execute();
    expect(events.map((e) => e.action).filter((a) => a === 'accept' || a === 'return')).toHaveLength(1);
  });

  it('returns the same matter for a retried Idempotency-Key', async () => {
    const headers = { authorization: `Bearer ${s.wanggeyuan!.token}`, 'idempotency-key': `retry-${Date.now()}` };
    const payload = { channel: 'grid_report', title: '井盖缺失', description: '路口井盖丢失', address: '新桥社区路口', lon: point[0], lat: point[1] };
    const first = await env().app.inject({ method: 'POST', url: '/api/matters', headers, payload });
    const again = await env().app.inject({ method: 'POST', url: '/api/matters', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('writes concurrent reports in shared batches, each whole, a repeated key answered with its twin', async () => {
    const key = `twin-${Date.now()}`;
    const one = (i: number, idempotencyKey?: string) =>
      env().app.inject({
        method: 'POST',
        url: '/api/matters',
        headers: { authorization: `Bearer ${s.wanggeyuan!.token}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
        payload: { channel: 'grid_report', title: `路灯不亮 ${i}`, description: '夜间无照明', address: '新桥社区', lon: point[0], lat: point[1] },
      });
    // The twins are one request sent twice (the same key with another body is refused: idempotency.test.ts).
    const results = await Promise.all([...Array.from({ length: 28 }, (_, i) => one(i)), one(28, key), one(28, key)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array<number>(29).fill(201), 200].sort());
    const twins = results.slice(28).map((r) => r.json().id);
    expect(twins[0]).toBe(twins[1]);
    const ids = new Set(results.map((r) => r.json().id as string));
    expect(ids.size).toBe(29);
    const rows = await env().database.db.selectFrom('matter_events').select('matter_id').where('matter_id', 'in', [...ids]).where('action', '=', 'created').execute();
    expect(rows).toHaveLength(29);
    // The 201 answer is built from what intake sent and the ids and number the database made: it is what a read gives.
    const fields = (m: MatterDetail) => ({ id: m.id, number: m.number, state: m.state, title: m.title, timeline: m.timeline.map((e) => [e.id, e.action, e.at]) });
    for (const r of results.filter((r) => r.statusCode === 201)) {
      const read = await call(env().app, s.wanggeyuan!, 'GET', `/api/matters/${r.json().id}`);
      expect(fields(read.json())).toEqual(fields(r.json()));
    }
  });

  it('writes the neighbours of a failing report in its batch whole, numbered in order', async () => {
    const db = env().database.db;
    const key = `taken-${Date.now()}`;
    const first = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters', { channel: 'grid_report', title: '消防通道堵塞', description: '车辆长期占用', address: '新桥社区', lon: point[0], lat: point[1] }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const { id: _id, number: _number, ...matter } = await db.selectFrom('matters').selectAll().where('id', '=', first.json().id).executeTakeFirstOrThrow();
    const at = new Date();
    const actor = { at, actor_id: demo.gridWorker.id, actor_name: '网格员', unit_id: null, unit_name: null };
    const write = (i: number, idempotencyKey: string) =>
      insertReportedMatter(db, {
        matter: { ...matter, title: `批内 ${i}`, created_at: at, updated_at: at },
        events: [
          { ...actor, action: 'created', from_state: null, to_state: 'pending_triage', note: null, data: { channel: 'grid_report' } },
          { ...actor, action: 'resolved_on_spot', from_state: 'pending_triage', to_state: 'replied', note: `当场 ${i}`, data: null },
        ],
        idempotency: { actorKey: demo.gridWorker.id, key: idempotencyKey, fingerprint: `batch-${i}` },
        audit: { at, actorId: demo.gridWorker.id, actorName: '网格员', requestId: `batch-${i}`, after: { title: `批内 ${i}` } },
        notice: { userIds: [], kind: 'matter.created', title: `批内 ${i}`, body: '', at },
      });
    // The first few go alone (MAX_IN_FLIGHT); the rest leave together, the taken key last among them.
    const settled = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => write(i, i === 29 ? key : `${key}-${i}`)));
    const failed = settled[29]!;
    expect(failed.status === 'rejected' && (failed.reason as { code?: string }).code).toBe('23505');
    const written = settled.slice(0, 29).map((r) => (r.status === 'fulfilled' ? r.value : expect.fail(String(r.reason))));
    const numbers = written.map((w) => w.matter.number);
    expect(new Set(numbers).size).toBe(29);
    for (const n of numbers) expect(n).toMatch(new RegExp(`^${numberDate(at)}\\d{6,}$`));
    const batched = numbers.slice(4).map((n) => BigInt(n));
    expect(batched.every((n, i) => i === 0 || n > batched[i - 1]!)).toBe(true);
    for (const w of written) {
      const row = await db.selectFrom('matters').select(['number', 'title']).where('id', '=', w.matter.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ number: w.matter.number, title: w.matter.title });
      const events = await db.selectFrom('matter_events').select(['id', 'action', 'note']).where('matter_id', '=', w.matter.id).orderBy('id').execute();
      expect(events).toEqual(w.events.map((e) => ({ id: e.id, action: e.action, note: e.note })));
    }
    const keys = await db.selectFrom('idempotency_keys').select('matter_id').where('key', '=', key).execute();
    expect(keys).toEqual([{ matter_id: first.json().id }]);
  });

  it('lets a grid worker report and resolve on the spot, still verified by someone else', async () => {
    const m: MatterDetail = (await report('wanggeyuan', { resolvedOnSpot: '当场疏通' })).json();
    expect(m.state).toBe('replied');
    const self = await act('wanggeyuan', m.id, { action: 'verify_pass' });
    expect(self.statusCode).toBe(403);
    const other = await act('diaodu', m.id, { action: 'verify_pass' });
    expect(other.json().state).toBe('closed');
  });

  it('finds matters by two or more characters of title, address or number, and by one', async () => {
    const m: MatterDetail = (await report('wanggeyuan', { title: '井盖缺失路人绊倒', address: '新桥社区7号楼' })).json();
    const find = async (q: string) =>
      (await call(env().app, s.diaodu!, 'GET', `/api/matters?q=${encodeURIComponent(q)}&pageSize=200`)).json().items.map((i: { id: string }) => i.id);
    expect(await find('井盖')).toContain(m.id);
    expect(await find('盖缺失路')).toContain(m.id);
    expect(await find('7号楼')).toContain(m.id);
    expect(await find(m.number.slice(-6))).toContain(m.id);
    expect(await find('绊')).toContain(m.id);
    expect(await find('盖井')).not.toContain(m.id); // every bigram present is not enough: the text must match
  });

  it('shows the reporter’s number masked, reveals it only to those who call back, and audits each reading', async () => {
    const m: MatterDetail = (await report('qunzhong', { reporterName: '吴春梅', contactPhone: '13812345678' })).json();
    const seen = (await call(env().app, s.wanggeyuan!, 'GET', `/api/matters/${m.id}`)).json();
    expect(seen.reporter).toMatchObject({ name: '吴**', contactMasked: '138****5678', canRevealContact: false });
    expect(JSON.stringify(seen)).not.toContain('13812345678');
    expect((await call(env().app, s.wanggeyuan!, 'GET', `/api/matters/${m.id}/reporter-contact`)).statusCode).toBe(403);
    const owner = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}`)).json();
    expect(owner.reporter).toMatchObject({ name: '吴春梅', canRevealContact: true });
    const revealed = await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}/reporter-contact`);
    expect(revealed.json()).toEqual({ name: '吴春梅', phone: '13812345678' });
    expect(revealed.headers['cache-control']).toBe('no-store');
    const trail = await env().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'matter.reporter_contact.read').where('entity_id', '=', m.id).execute();
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail)).not.toContain('13812345678');
    const stored = await env().database.db.selectFrom('matters').select(['reporter_contact_enc']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(stored.reporter_contact_enc).not.toContain('13812345678');
    const anonymous: MatterDetail = (await report('qunzhong', { anonymous: true, contactPhone: '13812345678' })).json();
    expect(anonymous.reporter).toMatchObject({ anonymous: true, name: null, contactMasked: null, canRevealContact: false });
    expect((await call(env().app, s.diaodu!, 'GET', `/api/matters/${anonymous.id}/reporter-contact`)).statusCode).toBe(404);
  });

  it('lists work queues by role', async () => {
    const triage = await call(env().app, s.diaodu!, 'GET', '/api/matters?queue=triage');
    expect(triage.statusCode).toBe(200);
    expect(triage.json().items.every((i: { state: string }) => i.state === 'pending_triage')).toBe(true);
    // The list and the page of one matter skip the response check for speed (typed-json.ts): they must still be exactly the schema.
    expect(triage.json().items.length).toBeGreaterThan(0);
    expect(MatterPage.extend({ items: z.array(MatterListItem.strict()) }).strict().parse(triage.json())).toEqual(triage.json());
    const detail = await call(env().app, s.diaodu!, 'GET', `/api/matters/${triage.json().items[0].id}`);
    expect(MatterDetail.strict().parse(detail.json())).toEqual(detail.json());
    const mine = await call(env().app, s.qunzhong!, 'GET', '/api/matters');
    expect(mine.json().total).toBe(3); // a citizen sees only their own three
    const dept = await call(env().app, s.chengban!, 'GET', '/api/matters');
    expect(dept.json().items.every((i: { assignedUnit: { name: string } | null }) => i.assignedUnit?.name === '海南区住建局')).toBe(true);
  });

  it('keeps every digit of the serial past the millionth matter, so numbers stay unique', async () => {
    await sql`select setval('matter_number_seq', 999998)`.execute(env().database.db);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await report('wanggeyuan');
      expect(r.statusCode).toBe(201);
      numbers.push(r.json().number);
    }
    expect(numbers.map((n) => n.slice(8))).toEqual(['999999', '1000000', '1000001']);
  });
});
