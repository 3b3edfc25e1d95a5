import { beforeAll, expect, it } from 'vitest';
import type { MatterDetail, PublicMatter } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemo, type Demo } from '../../../test/demo.js';
import { act, demoSessions, dispatchAndAccept, postPublic } from '../../../test/public-posts.js';
import { call, useTestEnv, type Session } from '../../../test/test-app.js';

// 追问/补充: the reporter adds to their matter in any open state and after rating; the owning
// centre and the handling unit hear of it; in public the note shows redacted.

describeEachDb('follow-up by the reporter', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let s: Record<string, Session>;
  let m: MatterDetail;

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    s = await demoSessions(env().app, ['qunzhong', 'diaodu', 'chengban', 'wanggeyuan', 'zhihui', 'bumenlingdao']);
    m = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code);
  });

  const followUp = (who: string, id: string, note?: string) => call(env().app, s[who]!, 'POST', `/api/matters/${id}/actions`, { action: 'follow_up', ...(note === undefined ? {} : { note }) });

  it('is the reporter’s alone: others who see the matter get 403, others 404', async () => {
    await dispatchAndAccept(env().app, s.diaodu!, s.chengban!, m.id);
    expect((await call(env().app, s.qunzhong!, 'GET', `/api/matters/${m.id}`)).json().actions).toContain('follow_up');
    for (const who of ['diaodu', 'chengban', 'zhihui', 'wanggeyuan']) expect((await followUp(who, m.id, '追问')).statusCode, who).toBe(403);
    expect((await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}`)).json().actions).not.toContain('follow_up');
    const other = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters', {
      channel: 'grid_report', title: '路面坑洼', description: '路面坑洼', address: '新桥社区', areaCode: demo.gridWorker.scope_code,
    });
    expect((await followUp('qunzhong', other.json().id, '不是我的')).statusCode).toBe(404);
    expect((await followUp('qunzhong', m.id)).statusCode).toBe(400);
  });

  it('notifies the owning centre’s dispatchers and the handling unit, not the reporter', async () => {
    const before = new Date(env().clock.now().getTime() - 1);
    const res = await followUp('qunzhong', m.id, '已经一周了还没修, 我电话13812345678, 住3号楼2单元501');
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json() as MatterDetail;
    expect(done.state).toBe('handling');
    expect(done.timeline.at(-1)).toMatchObject({ action: 'follow_up', note: '已经一周了还没修, 我电话13812345678, 住3号楼2单元501' });
    const notified = await env().database.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'matter.follow_up')
      .where('n.matter_id', '=', m.id)
      .where('n.created_at', '>', before)
      .execute();
    const names = notified.map((r) => r.username);
    expect(names).toEqual(expect.arrayContaining(['diaodu', 'chengban', 'bumenlingdao']));
    expect(names).not.toContain('qunzhong');
  });

  it('shows in public as a follow_up step with the redacted note, and works after rating', async () => {
    const page = (await call(env().app, null, 'GET', `/api/public/matters/${m.number}`)).json() as PublicMatter;
    const step = page.timeline.find((e) => e.action === 'follow_up')!;
    expect(step.note).toBe('已经一周了还没修, 我电话138****5678, 住3号楼**');
    expect(step.reply).toBeNull();
    expect(step.unitName).toBeNull();

    await act(env().app, s.chengban!, m.id, { action: 'reply', note: '已修复' });
    await act(env().app, s.wanggeyuan!, m.id, { action: 'verify_pass' });
    await act(env().app, s.qunzhong!, m.id, { action: 'rate', rating: 'satisfied' });
    expect((await followUp('qunzhong', m.id, '修好后又坏了')).statusCode).toBe(200);
    await env().database.db.updateTable('matters').set({ state: 'withdrawn' }).where('id', '=', m.id).execute();
    expect((await followUp('qunzhong', m.id, '撤回后')).statusCode).toBe(409);
  });
});
