import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type { MatterDetail } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemo, type Demo } from '../../../test/demo.js';
import { act, demoSessions, postPublic } from '../../../test/public-posts.js';
import { call, useTestEnv, type Session } from '../../../test/test-app.js';

// Area staff who belong to the street's 综治中心 (网格员, 网格长, 楼栋长, 社区 staff) see their own
// area, not every matter their unit owns: reading, listing, searching, exporting and the bell alike.
const AREA_STAFF = ['wanggeyuan', 'wanggezhang', 'loudongzhang', 'shequ'] as const;

describeEachDb('area staff stay inside their area', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let s: Record<string, Session>;
  let elsewhere: MatterDetail;
  let mine: MatterDetail;
  const WORD = '蓝色隔离栏倒塌';

  beforeAll(async () => {
    const db = env().database.db;
    demo = await loadDemo(db, env().deps.cipher);
    s = await demoSessions(env().app, [...AREA_STAFF, 'qunzhong', 'diaodu']);
    const [city, district, street, community] = demo.gridWorker.scope_path.split('.');
    const streetPath = [city, district, street].join('.');
    // A grid of the same street (so the same centre owns it) in another community.
    const other = await db
      .selectFrom('areas')
      .select('code')
      .where('level', '=', 'grid')
      .where('path', 'like', `${streetPath}.%`)
      .where('path', 'not like', `${streetPath}.${community}.%`)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    elsewhere = await postPublic(env().app, s.qunzhong!, other.code, { title: WORD, description: `${WORD}, 挡住了人行道`, public: false });
    mine = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code, { title: `${WORD}了`, description: `网格里${WORD}`, public: false });
    expect(elsewhere.ownerUnit.id).toBe(mine.ownerUnit.id);
    // The centre summons its own unit too: owner and summoned, the unit ties the street has.
    await act(env().app, s.diaodu!, elsewhere.id, { action: 'summon', unitIds: [elsewhere.ownerUnit.id], reportWithinHours: 4, note: '请社区配合' });
  });

  it('answers 404 for a matter of their unit outside their area, as for a missing one', async () => {
    for (const who of AREA_STAFF) {
      const res = await call(env().app, s[who]!, 'GET', `/api/matters/${elsewhere.id}`);
      expect(res.statusCode, who).toBe(404);
      const missing = await call(env().app, s[who]!, 'GET', '/api/matters/00000000-0000-4000-8000-000000000000');
      expect(res.json().error.code).toBe(missing.json().error.code);
      expect(res.json().error.message).toBe(missing.json().error.message);
      const actions = await call(env().app, s[who]!, 'POST', `/api/matters/${elsewhere.id}/actions`, { action: 'comment', note: '看看' });
      expect(actions.statusCode, who).toBe(404);
    }
  });

  it('leaves it out of their lists, searches and exports', async () => {
    for (const who of AREA_STAFF) {
      const list = await call(env().app, s[who]!, 'GET', '/api/matters?pageSize=100');
      expect(list.statusCode, who).toBe(200);
      expect(list.json().items.map((m: { id: string }) => m.id), who).not.toContain(elsewhere.id);
      const search = await call(env().app, s[who]!, 'GET', `/api/matters?q=${encodeURIComponent(WORD)}`);
      const found = search.json().items.map((m: { id: string }) => m.id);
      expect(found, who).not.toContain(elsewhere.id);
      const exported = await call(env().app, s[who]!, 'GET', `/api/matters/export?q=${encodeURIComponent(WORD)}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const numbers = book.getWorksheet('事项清单')!.getColumn(1).values.slice(2).map(String);
      expect(numbers, who).not.toContain(elsewhere.number);
    }
  });

  it('still shows them the matters of their own area, and the dispatcher the whole street', async () => {
    const gridWorker = await call(env().app, s.wanggeyuan!, 'GET', `/api/matters?q=${encodeURIComponent(WORD)}`);
    expect(gridWorker.json().items.map((m: { id: string }) => m.id)).toContain(mine.id);
    const dispatcher = await call(env().app, s.diaodu!, 'GET', `/api/matters?q=${encodeURIComponent(WORD)}`);
    expect(dispatcher.json().items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([mine.id, elsewhere.id]));
  });

  it('rings nobody’s bell for a matter they may not read', async () => {
    for (const who of AREA_STAFF) {
      const bell = await call(env().app, s[who]!, 'GET', '/api/notifications?pageSize=100');
      expect(bell.statusCode, who).toBe(200);
      expect(bell.json().items.map((n: { matterId: string | null }) => n.matterId), who).not.toContain(elsewhere.id);
    }
  });
});

