import { beforeAll, expect, it } from 'vitest';
import type { MatterDetail, PublicMatter, PublicMatterPage } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemo, type Demo } from '../../../test/demo.js';
import { act, demoSessions, dispatchAndAccept, postPublic } from '../../../test/public-posts.js';
import { call, useTestEnv, type Session } from '../../../test/test-app.js';

// Moderation of public posts: who may (the owning centre's dispatchers, the 指挥中心 in scope),
// what it changes (only what the public sees), and that every step is audited with its reason.

describeEachDb('public post moderation', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let s: Record<string, Session>;

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    s = await demoSessions(env().app, ['qunzhong', 'diaodu', 'diaodu2', 'chengban', 'zhihui', 'admin', 'wanggeyuan']);
  });

  const moderate = (who: string, id: string, body: object) => call(env().app, s[who]!, 'POST', `/api/matters/${id}/moderation`, body);
  const feedNumbers = async (q = '') => ((await call(env().app, null, 'GET', `/api/public/matters?pageSize=50${q}`)).json() as PublicMatterPage).items.map((i) => i.number);
  const publicPage = (m: MatterDetail) => call(env().app, null, 'GET', `/api/public/matters/${m.number}`);
  const staffView = async (who: string, m: MatterDetail) => (await call(env().app, s[who]!, 'GET', `/api/matters/${m.id}`)).json() as MatterDetail;

  it('lets the owning centre’s dispatcher and the 指挥中心 in scope moderate, and nobody else', async () => {
    const m = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code);
    await dispatchAndAccept(env().app, s.diaodu!, s.chengban!, m.id);
    const hide = { action: 'hide', reason: '测试' };
    expect((await moderate('qunzhong', m.id, hide)).statusCode).toBe(403); // no grant
    expect((await moderate('chengban', m.id, hide)).statusCode).toBe(403); // the handling unit: no grant
    expect((await moderate('admin', m.id, hide)).statusCode).toBe(403); // sees it, does not moderate
    expect((await moderate('diaodu2', m.id, hide)).statusCode).toBe(404); // another street: out of sight
    expect((await staffView('diaodu', m)).mayModerate).toBe(true);
    expect((await staffView('zhihui', m)).mayModerate).toBe(true);
    expect((await staffView('chengban', m)).mayModerate).toBe(false);
    expect((await staffView('qunzhong', m)).mayModerate).toBe(false);
    expect((await moderate('zhihui', m.id, hide)).statusCode).toBe(200);
    expect((await moderate('diaodu', m.id, { action: 'unhide', reason: '已核实' })).statusCode).toBe(200);
  });

  it('hides a post from the feed and its page, while the reporter and the staff keep working on it', async () => {
    const m = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code, { title: '要隐藏的诉求' });
    expect(await feedNumbers()).toContain(m.number);
    const hidden = await moderate('diaodu', m.id, { action: 'hide', reason: '内容涉及他人隐私' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect((hidden.json() as MatterDetail).publicity).toEqual({ public: true, anonymous: false, hidden: true, abuse: false, redacted: false, title: null, description: null, hiddenPhotoIds: [] });
    expect(await feedNumbers()).not.toContain(m.number);
    expect(await feedNumbers(`&q=${encodeURIComponent('要隐藏')}`)).toEqual([]);
    expect((await publicPage(m)).statusCode).toBe(404);
    expect((await moderate('diaodu', m.id, { action: 'hide', reason: '再次' })).statusCode).toBe(409);

    // Still a matter: the reporter reads and adds to it, the centre and the unit handle it.
    expect((await call(env().app, s.qunzhong!, 'GET', `/api/matters/${m.id}`)).statusCode).toBe(200);
    await act(env().app, s.qunzhong!, m.id, { action: 'follow_up', note: '还没人来修' });
    const handled = await dispatchAndAccept(env().app, s.diaodu!, s.chengban!, m.id);
    expect(handled.state).toBe('handling');

    const abusive = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code, { title: '骂人的帖子' });
    expect((await moderate('zhihui', abusive.id, { action: 'mark_abuse', reason: '辱骂他人' })).statusCode).toBe(200);
    expect(await feedNumbers()).not.toContain(abusive.number);
    expect((await publicPage(abusive)).statusCode).toBe(404);
    expect((await moderate('zhihui', abusive.id, { action: 'mark_abuse', reason: '再次' })).statusCode).toBe(409);
    const back = await moderate('diaodu', abusive.id, { action: 'unhide', reason: '误判, 恢复' });
    expect((back.json() as MatterDetail).publicity).toMatchObject({ hidden: false, abuse: false });
    expect(await feedNumbers()).toContain(abusive.number);
    expect((await moderate('diaodu', abusive.id, { action: 'unhide', reason: '再次' })).statusCode).toBe(409);
  });

  it('replaces the public text only, still redacted, and keeps the original for the staff', async () => {
    const m = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code, { title: '物业经理王某某太坏', description: '物业经理王某某住5号楼, 天天骂人' });
    const res = await moderate('diaodu', m.id, { action: 'redact', title: '反映物业服务问题', description: '反映物业人员态度问题, 电话13912345678', reason: '去掉对个人的指名' });
    expect(res.statusCode, res.body).toBe(200);
    // The staff see the words moderation wrote as written (the public page redacts them).
    expect((res.json() as MatterDetail).publicity).toMatchObject({ redacted: true, title: '反映物业服务问题', description: '反映物业人员态度问题, 电话13912345678' });
    const page = (await publicPage(m)).json() as PublicMatter;
    expect(page.title).toBe('反映物业服务问题');
    expect(page.description).toBe('反映物业人员态度问题, 电话139****5678');
    expect(JSON.stringify(page)).not.toContain('王某某');
    // A search finds the public words, never the ones moderation took out.
    expect(await feedNumbers(`&q=${encodeURIComponent('王某某')}`)).toEqual([]);
    expect(await feedNumbers(`&q=${encodeURIComponent('态度问题')}`)).toEqual([m.number]);
    const staff = await staffView('diaodu', m);
    expect([staff.title, staff.description]).toEqual(['物业经理王某某太坏', '物业经理王某某住5号楼, 天天骂人']);

    // Only the description this time: the replaced title stays.
    await moderate('zhihui', m.id, { action: 'redact', description: '反映物业人员态度问题', reason: '再去掉电话' });
    expect(((await publicPage(m)).json() as PublicMatter).title).toBe('反映物业服务问题');
  });

  it('refuses bad input and a private matter without changing anything', async () => {
    const m = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code);
    for (const body of [
      { action: 'hide' },
      { action: 'hide', reason: '' },
      { action: 'redact', reason: '没有新文本' },
      { action: 'hide_photo', reason: '不是照片', fileId: '00000000-0000-4000-8000-000000000000' },
      { action: 'delete', reason: '没有这个动作' },
    ]) {
      const res = await moderate('diaodu', m.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const staff = await staffView('diaodu', m);
    expect(staff.publicity).toEqual({ public: true, anonymous: false, hidden: false, abuse: false, redacted: false, title: null, description: null, hiddenPhotoIds: [] });

    const report = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters', {
      channel: 'grid_report', title: '路面坑洼', description: '路面坑洼', address: '新桥社区', areaCode: demo.gridWorker.scope_code,
    });
    const priv = await moderate('diaodu', report.json().id, { action: 'hide', reason: '测试' });
    expect(priv.statusCode).toBe(409);
    expect((await staffView('diaodu', report.json())).mayModerate).toBe(false);
  });

  it('audits every moderation with its reason, in the same transaction', async () => {
    const m = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code);
    const steps = [
      { action: 'hide', reason: '原因一' },
      { action: 'unhide', reason: '原因二' },
      { action: 'mark_abuse', reason: '原因三' },
      { action: 'redact', title: '新的标题', reason: '原因四' },
      { action: 'hide', reason: '原因五' },
    ];
    for (const body of steps) expect((await moderate('diaodu', m.id, body)).statusCode).toBe(200);
    const rows = await env().database.db
      .selectFrom('audit_log')
      .select(['action', 'after', 'before', 'actor_name'])
      .where('entity', '=', 'matter')
      .where('entity_id', '=', m.id)
      .where('action', 'like', 'matter.moderate.%')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, (r.after as { reason: string }).reason])).toEqual(steps.map((st) => [`matter.moderate.${st.action}`, st.reason]));
    expect(rows[3]!.after).toMatchObject({ publicTitle: '新的标题', abuse: true });
    expect(rows[0]!.before).toMatchObject({ hidden: false });
  });
});
