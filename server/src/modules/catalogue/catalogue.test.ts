import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';

describeEachDb('catalogue, rules, calendar and export', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let admin: Session;
  let dispatcher: Session;

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    admin = await loginToken(env().app, 'admin', DEMO_PASSWORD);
    dispatcher = await loginToken(env().app, 'diaodu', DEMO_PASSWORD);
  });

  it('ships a two-level catalogue and lets an admin add and deactivate categories', async () => {
    const list = (await call(env().app, dispatcher, 'GET', '/api/categories')).json();
    const top = list.filter((c: { parentCode: string | null }) => c.parentCode === null).map((c: { name: string }) => c.name);
    expect(top).toEqual(expect.arrayContaining(['城乡建设', '环境保护', '劳动和社会保障', '矛盾纠纷', '安全隐患', '治安']));
    expect((await call(env().app, dispatcher, 'PUT', '/api/categories/safety.lift', { name: '电梯安全', active: true })).statusCode).toBe(403);
    const orphan = await call(env().app, admin, 'PUT', '/api/categories/nothing.child', { name: '无父类', active: true });
    expect(orphan.statusCode).toBe(400);
    const added = await call(env().app, admin, 'PUT', '/api/categories/safety.lift', { name: '电梯安全', active: true });
    expect(added.json()).toEqual({ code: 'safety.lift', name: '电梯安全', parentCode: 'safety', active: true });
    await call(env().app, admin, 'PUT', '/api/categories/safety.lift', { name: '电梯安全', active: false });
    const report = await call(env().app, await loginToken(env().app, 'wanggeyuan', DEMO_PASSWORD), 'POST', '/api/matters', {
      channel: 'grid_report', title: '电梯故障', description: '困人', address: '1号楼', areaCode: demo.gridWorker.scope_code, categoryCode: 'safety.lift',
    });
    expect(report.statusCode).toBe(400); // an inactive category takes no new matters
    expect(report.json().error.details[0].path).toBe('categoryCode');
  });

  it('keeps routing rules unique per category and area, and audited', async () => {
    const unit = demo.gridWorker.unit_id!;
    const body = { categoryCode: 'environment.noise', areaCode: demo.dispatcher.scope_code, unitId: unit, note: '夜间施工噪声由街道处理' };
    const created = await call(env().app, admin, 'POST', '/api/routing-rules', body);
    expect(created.statusCode).toBe(201);
    expect((await call(env().app, admin, 'POST', '/api/routing-rules', body)).statusCode).toBe(409);
    const rules = (await call(env().app, dispatcher, 'GET', '/api/routing-rules')).json();
    expect(rules.some((r: { id: string }) => r.id === created.json().id)).toBe(true);
    expect((await call(env().app, admin, 'DELETE', `/api/routing-rules/${created.json().id}`)).statusCode).toBe(200);
    const trail = await env().database.db.selectFrom('audit_log').select('action').where('entity', '=', 'routing_rule').orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(['routing_rule.create', 'routing_rule.delete']);
  });

  it('edits deadline rules and calendar days', async () => {
    const saved = await call(env().app, admin, 'PUT', '/api/deadline-rules', { categoryCode: 'environment', urgency: 'normal', acceptHours: 3, handleDays: 4 });
    expect(saved.json()).toMatchObject({ categoryCode: 'environment', acceptHours: 3, handleDays: 4 });
    const day = await call(env().app, admin, 'PUT', '/api/calendar/2026-12-26', { kind: 'workday', name: '调休上班' });
    expect(day.statusCode).toBe(200);
    const year = (await call(env().app, dispatcher, 'GET', '/api/calendar?year=2026')).json();
    expect(year).toEqual(expect.arrayContaining([{ day: '2026-12-26', kind: 'workday', name: '调休上班' }, expect.objectContaining({ kind: 'holiday', name: '国庆节' })]));
    expect((await call(env().app, admin, 'DELETE', '/api/calendar/2026-12-26')).statusCode).toBe(200);
    expect((await call(env().app, admin, 'DELETE', '/api/calendar/2026-12-26')).statusCode).toBe(404);
  });

  it('exports the filtered list to Excel with Chinese headers', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/matters/export?queue=triage', headers: { authorization: `Bearer ${dispatcher.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('事项清单')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('工单编号');
  });
});
