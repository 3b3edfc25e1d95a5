import { beforeAll, expect, it } from 'vitest';
import type { CategorySuggestions, ClassifierStatus } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { labelledTexts, makeClosedMatters } from '../../../test/classification.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import type { Actor } from '../../platform/policy/actor.js';
import { referenceDataFor } from '../matters/reference-data.js';
import { suggestCategory } from '../matters/suggest.js';
import { retrainIfDue, startCategoryTraining, stopTrainings, trainCategoryModel, type TrainingCtx } from './training.js';

// The classifier in the platform: trained from the city's closed matters in a worker thread,
// refused without enough data, retrained on schedule once across processes, answering the report
// and triage forms (with the unit routing gives), and falling back to keywords.

const WAGE = '老板拖欠工资三个月了，农民工讨薪无门，请帮忙追讨欠薪';

describeEachDb('category classifier in the platform', (kind) => {
  const env = useTestEnv(kind, { classifierMinExamples: 10 });
  let demo: Demo;
  const s: Record<string, Session> = {};
  let place: { areaCode: string; areaPath: string; ownerUnitId: string };
  const ctx = (): TrainingCtx => ({ db: env().database.db, clock: env().clock, actor: null, requestId: 'test' });
  const status = async () => (await call(env().app, s.admin!, 'GET', '/api/classifier/status')).json() as ClassifierStatus;
  const suggestApi = async (who: string, body: object) => call(env().app, s[who]!, 'POST', '/api/matters/suggest-category', body);
  const modelCount = async () => Number((await env().database.db.selectFrom('category_models').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    for (const u of ['admin', 'diaodu', 'qunzhong', 'wanggeyuan']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    place = { areaCode: demo.dispatcher.scope_code, areaPath: demo.dispatcher.scope_path, ownerUnitId: demo.dispatcher.unit_id! };
  });

  it('refuses to train without two categories of enough closed matters, says why, and suggests by keywords meanwhile', async () => {
    // Open matters and a category with too few examples do not count.
    await makeClosedMatters(env().database.db, place, labelledTexts({ 'transport.bus': 12 }), { state: 'handling' });
    await makeClosedMatters(env().database.db, place, labelledTexts({ 'labor.wage_arrears': 12, 'transport.bus': 4 }));
    const res = await call(env().app, s.admin!, 'POST', '/api/classifier/train');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('NOT_ENOUGH_DATA');
    expect(res.json().error.details).toEqual(
      expect.arrayContaining([
        { path: 'labels.labor.wage_arrears', message: '拖欠工资: 12' },
        { path: 'labels.transport', message: '交通运输: 4' },
      ]),
    );
    const st = await status();
    expect(st).toMatchObject({ model: null, training: null, lastError: { code: 'NOT_ENOUGH_DATA' }, data: { closedMatters: 16, imported: 0, newSinceModel: true }, settings: { minExamples: 10 } });
    const answer = (await suggestApi('qunzhong', { text: WAGE })).json() as CategorySuggestions;
    expect(answer).toMatchObject({ source: 'keywords', suggestions: [{ code: 'labor.wage_arrears' }] });
  });

  it('retrains on schedule once when two processes ask at the same moment, and not again until data changes', async () => {
    const db = env().database.db;
    await makeClosedMatters(db, place, [
      ...labelledTexts({ 'transport.bus': 10, 'education_culture.admission': 14 }),
      // 14 公交 in all (a second-level label); 4 劳动合同 are too few alone and join the 8 matters
      // filed under 劳动和社会保障 itself: the first level has 12.
      ...labelledTexts({ 'labor.contract': 4 }),
      ...labelledTexts({ 'labor.contract': 8 }).map((m) => ({ ...m, categoryCode: 'labor' })),
    ], { state: 'rated', closedAt: new Date('2026-11-10T10:00:00+08:00') });
    const outcomes = await Promise.all([retrainIfDue(ctx(), { retrainHours: 24, minExamples: 10 }), retrainIfDue(ctx(), { retrainHours: 24, minExamples: 10 })]);
    expect(outcomes.filter((o) => o === 'trained')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'trained')[0]).toMatch(/^(busy|not_due)$/);
    expect(await modelCount()).toBe(1);

    const st = await status();
    expect(st.model).toMatchObject({ trigger: 'schedule', trainedBy: null, rows: { matters: 52, imported: 0 } });
    expect(st.model!.labels.map((l) => [l.code, l.count])).toEqual([
      ['education_culture.admission', 14],
      ['labor', 12],
      ['labor.wage_arrears', 12],
      ['transport.bus', 14],
    ]);
    expect(st.model!.labels.find((l) => l.code === 'labor')!.name).toBe('劳动和社会保障');
    expect(st.model!.metrics!.holdoutRows).toBeGreaterThan(0);
    expect(st.model!.metrics!.accuracy).toBeGreaterThan(0.5);
    expect(st.data.newSinceModel).toBe(false);
    expect(st.lastError).toBeNull();

    expect(await retrainIfDue(ctx(), { retrainHours: 24, minExamples: 10 })).toBe('not_due');
    env().clock.advance(25 * 3600_000);
    for (const u of Object.keys(s)) s[u] = await loginToken(env().app, u, DEMO_PASSWORD); // the sessions ran out meanwhile
    expect(await retrainIfDue(ctx(), { retrainHours: 24, minExamples: 10 })).toBe('not_due'); // old, but nothing new
    await makeClosedMatters(db, place, labelledTexts({ 'labor.wage_arrears': 1 }), { closedAt: new Date('2026-11-20T10:00:00+08:00') });
    expect((await status()).data.newSinceModel).toBe(true);
    expect(await retrainIfDue(ctx(), { retrainHours: 24, minExamples: 10 })).toBe('trained');
    expect(await modelCount()).toBe(2);
  });

  it('suggests from the model, falls back to keywords when the text has nothing it knows, and takes odd texts', async () => {
    const top = async (text: string) => (await suggestApi('qunzhong', { text })).json() as CategorySuggestions;
    const wage = await top(WAGE);
    expect(wage.source).toBe('model');
    expect(wage.suggestions[0]).toMatchObject({ code: 'labor.wage_arrears', name: '劳动和社会保障/拖欠工资' });
    expect(wage.suggestions.length).toBeLessThanOrEqual(3);
    for (const x of wage.suggestions) expect(x.confidence).toBeGreaterThanOrEqual(0);
    expect((await top('3路公交车经常晚点，司机态度差')).suggestions[0]!.code).toBe('transport.bus');
    expect((await top('孩子入学被拒，学区划片不合理')).suggestions[0]!.code).toBe('education_culture.admission');

    // Nothing the model knows: the keyword lists answer (and say they are unsure).
    expect(await top('')).toEqual({ suggestions: [], lowConfidence: true, source: 'keywords' });
    expect(await top('😀😀😀👍🏻')).toEqual({ suggestions: [], lowConfidence: true, source: 'keywords' });
    expect((await top('qqq zzz')).source).toBe('keywords');

    const mixed = await top('Mixed 中文 English 123 😀 boss 拖欠工资 three months ＡＢＣ');
    expect(mixed.source).toBe('model');
    expect(mixed.suggestions[0]!.code).toBe('labor.wage_arrears');
    // The form limits text to 4,000 characters; the use case itself reads 10,000 without trouble.
    expect((await suggestApi('qunzhong', { text: '字'.repeat(4001) })).statusCode).toBe(400);
    const started = performance.now();
    const long = await suggestCategory({ db: env().database.db }, `${WAGE}${'今天天气很好，'.repeat(1500)}`.slice(0, 10_000));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(long.source).toBe('model');
    expect(long.suggestions[0]!.code).toBe('labor.wage_arrears');
  });

  it('says it is unsure and leaves the choice when its best category was switched off', async () => {
    const db = env().database.db;
    await db.updateTable('categories').set({ active: false }).where('code', '=', 'labor.wage_arrears').execute();
    referenceDataFor(db).invalidate();
    try {
      const answer = (await suggestApi('qunzhong', { text: WAGE })).json() as CategorySuggestions;
      expect(answer.source).toBe('model');
      expect(answer.lowConfidence).toBe(true);
      expect(answer.suggestions.map((x) => x.code)).not.toContain('labor.wage_arrears');
    } finally {
      await db.updateTable('categories').set({ active: true }).where('code', '=', 'labor.wage_arrears').execute();
      referenceDataFor(db).invalidate();
    }
  });

  it("answers the triage form for a matter with the unit routing gives each suggestion in the matter's area", async () => {
    const reported = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters', {
      channel: 'grid_report', title: '工地欠薪', description: WAGE, address: '新桥社区', areaCode: demo.gridWorker.scope_code, contactPhone: '13912345678',
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const id = reported.json().id as string;
    const res = await suggestApi('diaodu', { matterId: id });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json() as CategorySuggestions;
    expect(answer.source).toBe('model');
    expect(answer.suggestions[0]!.code).toBe('labor.wage_arrears');
    const triage = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${id}/triage?categoryCode=labor.wage_arrears`)).json();
    expect(triage.unit).not.toBeNull();
    expect(answer.suggestions[0]!.unit).toEqual(triage.unit);
    for (const x of answer.suggestions) expect(x).toHaveProperty('unit');

    // Whoever may not triage it: the reporter is refused, a stranger learns nothing, both at once is an error.
    expect((await suggestApi('wanggeyuan', { matterId: id })).statusCode).toBe(403);
    expect((await suggestApi('qunzhong', { matterId: id })).statusCode).toBe(404);
    expect((await suggestApi('diaodu', { matterId: id, text: WAGE })).statusCode).toBe(400);
  });

  it('trains on demand for the admin only: 202, then the new model; a second request meanwhile is refused', async () => {
    for (const who of ['diaodu', 'qunzhong']) {
      expect((await call(env().app, s[who]!, 'GET', '/api/classifier/status')).statusCode).toBe(403);
      expect((await call(env().app, s[who]!, 'POST', '/api/classifier/train')).statusCode).toBe(403);
    }
    const before = (await status()).model!.id;
    const first = await call(env().app, s.admin!, 'POST', '/api/classifier/train');
    expect(first.statusCode, first.body).toBe(202);
    expect((first.json() as ClassifierStatus).training).toMatchObject({ trigger: 'manual', by: expect.any(String) });
    const second = await call(env().app, s.admin!, 'POST', '/api/classifier/train');
    expect(second.statusCode).toBe(409);
    let st = await status();
    for (let i = 0; i < 180 && (st.training || st.model?.id === before) && !st.lastError; i++) {
      await new Promise((r) => setTimeout(r, 500));
      st = await status();
    }
    expect(st.lastError).toBeNull();
    expect(st.training).toBeNull();
    expect(st.model).toMatchObject({ trigger: 'manual', trainedBy: { name: expect.any(String) } });
    expect(st.model!.id).not.toBe(before);
    expect(st.model!.trainMs).toBeGreaterThan(0);
    const audit = await env().database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'classifier.train').where('entity_id', '=', st.model!.id).executeTakeFirst();
    expect(audit?.actor_id).toBe(s.admin!.userId);
    expect(await modelCount()).toBe(3);
    // Only the last three models are kept.
    await trainCategoryModel({ ...ctx(), actor: { id: s.admin!.userId, displayName: '管理员' } as Actor }, { by: 'manual', minExamples: 10 });
    expect(await modelCount()).toBe(3);
  }, 120_000);

  it('stops a training when the server shuts down, and releases its claim with the reason', async () => {
    const started = await startCategoryTraining(ctx(), { by: 'manual', minExamples: 10 });
    await stopTrainings(env().database.db);
    await expect(started!.done).rejects.toThrow('the server stopped during the training');
    const st = await status();
    expect(st.training).toBeNull();
    expect(st.lastError).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('stopped') });
    expect(await modelCount()).toBe(3);
  });
});
