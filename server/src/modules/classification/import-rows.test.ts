import { beforeAll, expect, it } from 'vitest';
import type { CategorySuggestions, ClassifierImportResult, ClassifierStatus } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { labelledTexts } from '../../../test/classification.js';
import { makeUser } from '../../../test/factories.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { formatCsv } from '../text/csv.js';

// 导入历史标注数据: a city's labelled history from an earlier system becomes training data; labels
// match the catalogue by code or name, the rest is reported by line, and a model trains from it.

const CSV = { 'content-type': 'text/csv' };

function historyCsv(): string {
  const rows: string[][] = [['id', 'subject', 'detail', 'label']];
  labelledTexts({ 'labor.wage_arrears': 12 }).forEach((m, i) => rows.push([`w${i}`, m.title, m.description, i % 2 ? '拖欠工资' : '劳动和社会保障/拖欠工资']));
  labelledTexts({ 'transport.bus': 12 }).forEach((m, i) => rows.push([`b${i}`, '', `${m.title}${m.description}`, i % 2 ? 'transport.bus' : ' 交通运输 ']));
  labelledTexts({ 'education_culture.admission': 12 }).forEach((m, i) => rows.push([`e${i}`, m.title, `${m.description}, "引号", 逗号\n换行`, '教育文体']));
  rows.push(['u1', '外星人', '外星人入侵小区', '外星人入侵'], ['u2', '外星人', '又来了', '外星人入侵'], ['n1', '没有类别', '内容', ''], ['t1', '', '', '城乡建设']);
  rows.push(['emoji', '😀😀', '🚗🚗🚗', '城乡建设'], ['long', 'Mixed 中文 English', `违建${'字'.repeat(12_000)}`, 'urban_construction.illegal_building']);
  return `\ufeff${formatCsv(rows).replace(/\n(?=[a-z]\w*,)/g, '\r\n')}`;
}

describeEachDb('classifier: import labelled history', (kind) => {
  const env = useTestEnv(kind, { classifierMinExamples: 10 });
  const s: Record<string, Session> = {};
  const importCsv = (who: string, body: string | Buffer, headers: Record<string, string> = CSV) => call(env().app, s[who]!, 'POST', '/api/classifier/training-rows', body, headers);

  beforeAll(async () => {
    for (const [name, roles] of [['admin', ['admin']], ['dispatcher', ['dispatcher']]] as const) {
      const user = await makeUser(env().database.db, { roles: [...roles] });
      s[name] = await loginToken(env().app, user.username, user.password);
    }
  });

  it('imports rows whose label names a category by code or name, reports the others by line, and a model trains from them', async () => {
    const res = await importCsv('admin', historyCsv());
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as ClassifierImportResult;
    expect(result.encoding).toBe('utf-8');
    expect(result.imported).toBe(38);
    expect(result.labels).toEqual([
      { code: 'education_culture', name: '教育文体', count: 12 },
      { code: 'labor.wage_arrears', name: '劳动和社会保障/拖欠工资', count: 12 },
      { code: 'transport', name: '交通运输', count: 6 },
      { code: 'transport.bus', name: '交通运输/公交运营', count: 6 },
      { code: 'urban_construction', name: '城乡建设', count: 1 },
      { code: 'urban_construction.illegal_building', name: '城乡建设/违法建设', count: 1 },
    ]);
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { reason: 'unknown_label', label: '外星人入侵', count: 2, rows: [38, 39] },
        { reason: 'empty_label', label: '', count: 1, rows: [40] },
        { reason: 'empty_text', label: '城乡建设', count: 1, rows: [41] },
      ]),
    );
    const stored = await env().database.db.selectFrom('category_training_rows').select(['external_id', 'text']).where('external_id', 'in', ['long', 'e0', 'emoji']).orderBy('external_id').execute();
    expect(stored.map((r) => [r.external_id, r.text.length])).toEqual([['e0', expect.any(Number)], ['emoji', 11], ['long', 10_000]]);
    expect(stored[0]!.text).toContain('"引号", 逗号\n换行');

    const train = await call(env().app, s.admin!, 'POST', '/api/classifier/train');
    expect(train.statusCode, train.body).toBe(202);
    let st = train.json() as ClassifierStatus;
    for (let i = 0; i < 120 && !st.model; i++) {
      await new Promise((r) => setTimeout(r, 500));
      st = (await call(env().app, s.admin!, 'GET', '/api/classifier/status')).json();
    }
    // 公交 (6 by code + 6 by first-level name) are 12 交通运输; the single 城乡建设 rows are too few.
    expect(st.model!.labels.map((l) => [l.code, l.count])).toEqual([['education_culture', 12], ['labor.wage_arrears', 12], ['transport', 12]]);
    expect(st.model!.rows).toEqual({ matters: 0, imported: 38 });
    expect(st.data).toEqual({ closedMatters: 0, imported: 38, newSinceModel: false });
    const answer = (await call(env().app, s.dispatcher!, 'POST', '/api/matters/suggest-category', { text: '包工头拖欠我们半年工资' })).json() as CategorySuggestions;
    expect(answer).toMatchObject({ source: 'model', suggestions: [{ code: 'labor.wage_arrears' }] });
  });

  it('replaces the previous import, reads GB18030 (Excel in Chinese), and the data counts as changed', async () => {
    const gbk = Buffer.from('69642c7375626a6563742c64657461696c2c6c6162656c0a78312cc2b7c3e6bfd3cddd2cd6f7b8c9b5c0c2b7c3e6bfd3cdddbadcb6e02cb3c7cfe7bda8c9e80a', 'hex');
    const res = await importCsv('admin', gbk);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 1, encoding: 'gb18030', labels: [{ code: 'urban_construction', count: 1 }] });
    const row = await env().database.db.selectFrom('category_training_rows').select('text').executeTakeFirstOrThrow();
    expect(row.text).toBe('路面坑洼\n主干道路面坑洼很多');
    const st = (await call(env().app, s.admin!, 'GET', '/api/classifier/status')).json() as ClassifierStatus;
    expect(st.data).toMatchObject({ imported: 1, newSinceModel: true });
  });

  it('refuses what is not a labelled CSV, with a message saying what to fix, and non-admins', async () => {
    const refused = async (body: string | Buffer, message: RegExp, headers = CSV, status = 400) => {
      const res = await importCsv('admin', body, headers);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toMatch(message);
    };
    await refused(Buffer.from([0xff, 0xff, 0x00, 0xfe]), /neither UTF-8 nor GB18030/);
    await refused('', /empty/);
    await refused('id,subject,detail\nx,a,b\n', /missing column label/);
    await refused('id,label\nx,城乡建设\n', /subject or a detail column/);
    await refused('id,subject,detail,label\nx,"unclosed,b,城乡建设\n', /never closed/);
    await refused('id,subject,detail,label\nx,a,b,外星人\ny,😀,,\n', /No row could be imported/);
    await refused(JSON.stringify({ csv: 'x' }), /text\/csv/, { 'content-type': 'application/json' }, 415);
    expect((await importCsv('dispatcher', historyCsv())).statusCode).toBe(403);
    expect((await call(env().app, null, 'POST', '/api/classifier/training-rows', 'id,label\n', CSV)).statusCode).toBe(401);
    // The earlier import is still there.
    expect((await call(env().app, s.admin!, 'GET', '/api/classifier/status')).json().data.imported).toBe(1);
  });
});
