import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo } from '../../../test/demo.js';
import { COMPANY_CODE, demoPlaces, disputeBody, disputeStaff, ok as okAs, PERSON_ID } from '../../../test/disputes.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';

// Parties: numbers checked, encrypted at rest, masked in every answer, read in full only on
// demand and audited. The 调解协议书: a Chinese PDF whose text can be extracted.
describeEachDb('dispute parties and agreement', (kind) => {
  const env = useTestEnv(kind);
  let places: ReturnType<typeof demoPlaces>;
  let staff: Awaited<ReturnType<typeof disputeStaff>>;
  const s: Record<string, Session> = {};

  beforeAll(async () => {
    const demo = await loadDemo(env().database.db, env().deps.cipher);
    places = demoPlaces(demo);
    for (const u of ['shequ', 'diaodu', 'shenji']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    staff = await disputeStaff(env().app, env().database.db, demo);
    s.mediator = staff.villageMediator.session;
  });
  const ok = (who: string, method: string, url: string, payload?: unknown) => okAs(env().app, s[who]!, method, url, payload);

  it('refuses an ID number with a wrong check digit, and a credit code with a wrong check character, changing nothing', async () => {
    const before = await env().database.db.selectFrom('dispute_cases').select('id').execute();
    const badPerson = disputeBody(places.community);
    (badPerson.parties[0] as { idNumber: string }).idNumber = '150302198503121234';
    const res = await call(env().app, s.shequ!, 'POST', '/api/disputes', badPerson);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual({ path: 'parties.0.idNumber', message: expect.stringContaining('check digit should be 3') });
    const badOrg = disputeBody(places.community);
    (badOrg.parties[1] as { idNumber: string }).idNumber = '91150302MA0N12340K';
    const org = await call(env().app, s.shequ!, 'POST', '/api/disputes', badOrg);
    expect(org.statusCode).toBe(400);
    expect(org.json().error.details[0].message).toContain('统一社会信用代码');
    const oneSided = await call(env().app, s.shequ!, 'POST', '/api/disputes', { ...disputeBody(places.community), parties: disputeBody(places.community).parties.slice(0, 1) });
    expect(oneSided.statusCode).toBe(400);
    expect(await env().database.db.selectFrom('dispute_cases').select('id').execute()).toHaveLength(before.length);
  });

  it('keeps names and numbers encrypted, shows them masked, and audits each full reading', async () => {
    const c = await ok('shequ', 'POST', '/api/disputes', disputeBody(places.community));
    expect(c.parties).toEqual([
      { id: expect.any(String), role: 'applicant', kind: 'person', name: '张**', idNumberMasked: '1503**********1233', phoneMasked: '139****5678' },
      { id: expect.any(String), role: 'respondent', kind: 'organisation', name: '乌海市鑫海物业服务有限公司', idNumberMasked: '9115**********340J', phoneMasked: null },
    ]);
    const raw = JSON.stringify(await env().database.db.selectFrom('dispute_parties').selectAll().where('case_id', '=', c.id).execute());
    for (const secret of ['张三丰', PERSON_ID, COMPANY_CODE, '13912345678']) expect(raw).not.toContain(secret);
    // Observers (the town dispatcher above a village case, the auditor) see it masked and may not unmask it.
    for (const who of ['diaodu', 'shenji']) {
      const seen = await ok(who, 'GET', `/api/disputes/${c.id}`);
      expect(JSON.stringify(seen)).not.toContain('张三丰');
      expect(seen.canRevealParties).toBe(false);
      expect((await call(env().app, s[who]!, 'GET', `/api/disputes/${c.id}/parties/${c.parties[0]!.id}/identity`)).statusCode).toBe(403);
    }
    const list = await call(env().app, s.diaodu!, 'GET', '/api/disputes?pageSize=200');
    expect(list.body).not.toContain('张三丰');
    expect(c.canRevealParties).toBe(true);
    const full = await call(env().app, s.shequ!, 'GET', `/api/disputes/${c.id}/parties/${c.parties[0]!.id}/identity`);
    expect(full.json()).toEqual({ name: '张三丰', idNumber: PERSON_ID, phone: '13912345678' });
    expect(full.headers['cache-control']).toBe('no-store');
    const audited = await env().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'dispute.party_identity.read').where('entity_id', '=', c.parties[0]!.id).execute();
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain(PERSON_ID);
  });

  it('generates the 调解协议书 as a PDF whose text is the parties’ masked names and the terms, in Chinese', async () => {
    const c = await ok('shequ', 'POST', '/api/disputes', disputeBody(places.community));
    await ok('shequ', 'POST', `/api/disputes/${c.id}/actions`, { action: 'assign', mediatorIds: [staff.villageMediator.id] });
    expect((await call(env().app, s.mediator!, 'POST', `/api/disputes/${c.id}/actions`, { action: 'generate_agreement' })).statusCode).toBe(409); // nothing agreed yet
    const terms = ['乌海市鑫海物业服务有限公司于2026年12月10日前修复申请人家卫生间漏水', '申请人于漏水修复后七日内补交2026年度物业费人民币1200元'];
    await ok('mediator', 'POST', `/api/disputes/${c.id}/actions`, { action: 'settle', terms: terms.map((text) => ({ text, dueAt: '2026-12-10T17:30:00+08:00' })) });
    const made = await ok('mediator', 'POST', `/api/disputes/${c.id}/actions`, { action: 'generate_agreement' });
    expect(made.agreement).toMatchObject({ mime: 'application/pdf', name: `调解协议书-${c.number}.pdf` });
    expect(made.timeline.at(-1)).toMatchObject({ action: 'generate_agreement', attachmentIds: [made.agreement!.id] });

    const file = await call(env().app, s.mediator!, 'GET', made.agreement!.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const pdf = await getDocumentProxy(new Uint8Array(file.rawPayload));
    const { text } = await extractText(pdf, { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    for (const expected of ['人民调解协议书', c.number, '申请人：张**', '1503**********1233', '被申请人：乌海市鑫海物业服务有限公司', ...terms, '调解员（签名）', '（印章）']) {
      expect(flat).toContain(expected.replace(/\s+/g, ''));
    }
    expect(flat).not.toContain('张三丰');
    expect(flat).not.toContain(PERSON_ID);
    // Whoever may see the case may print it; someone outside its scope gets the same 404 as for no file.
    expect((await call(env().app, s.diaodu!, 'GET', made.agreement!.url)).statusCode).toBe(200);
    const stranger = await loginToken(env().app, 'diaodu2', DEMO_PASSWORD);
    expect((await call(env().app, stranger, 'GET', made.agreement!.url)).statusCode).toBe(404);
  });
});
