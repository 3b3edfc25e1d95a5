import { describe, expect, it } from 'vitest';
import type { CategorySuggestions } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { makeUser } from '../../../test/factories.js';
import { call, loginToken, useTestEnv } from '../../../test/test-app.js';
import { catalogueRows } from './catalogue.js';
import { KeywordSuggester, LOW_CONFIDENCE } from './suggest.js';

// 智能分类 by keywords: what citizens write lands in the right catalogue category, weak or empty
// text says so instead of guessing, and no input makes it fail.

describe('KeywordSuggester', () => {
  const suggester = new KeywordSuggester(catalogueRows());
  const top = (text: string) => suggester.suggest(text).suggestions.map((s) => s.code);

  it.each([
    ['老板拖欠工资三个月了, 农民工讨薪无门', 'labor.wage_arrears'],
    ['公司一直不给我们交社保', 'labor.social_insurance'],
    ['小区门口的路灯不亮, 晚上很危险', 'public_facility.street_light'],
    ['人行道上的井盖丢了', 'public_facility.manhole'],
    ['下水道堵塞, 污水冒到路上', 'public_facility.drainage'],
    ['孩子上学没有学位, 划片不合理', 'education_culture.admission'],
    ['楼下广场舞音响太吵, 噪音扰民', 'environment.noise'],
    ['隔壁工地半夜施工', 'urban_construction.construction_noise'],
    ['小区里有人私搭乱建彩钢房', 'urban_construction.illegal_building'],
    ['垃圾桶满了好几天没人清运', 'city_appearance.garbage'],
    ['ＫＴＶ营业到凌晨', 'education_culture.culture_market'],
  ])('%s → %s first', (text, code) => {
    const result = suggester.suggest(text);
    expect(result.suggestions[0]?.code).toBe(code);
    expect(result.lowConfidence).toBe(false);
  });

  it('gives at most 3, best first, named with their parent, confidences in 0..1 that sum to less than 1', () => {
    const result = suggester.suggest('下水道堵塞积水, 路灯不亮, 井盖松动, 垃圾没人清运, 楼道电线私拉');
    expect(result.suggestions).toHaveLength(3);
    const confidences = result.suggestions.map((s) => s.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    for (const c of confidences) expect(c).toBeGreaterThan(0);
    expect(confidences.reduce((a, b) => a + b, 0)).toBeLessThan(1);
    expect(result.suggestions[0]).toEqual({ code: 'public_facility.drainage', name: '公共设施/排水', confidence: expect.any(Number) });
    // Evidence spread over many categories is no confident answer.
    expect(result.lowConfidence).toBe(true);
  });

  it('says it is unsure rather than guess on empty-ish, emoji-only or unrelated text, and takes 10,000 characters', () => {
    for (const text of ['', '   ', '😀😀😀👍🏻', '你好', '我要投诉!!!', '\u200b\u200b', 'a'.repeat(10_000)]) {
      const result = suggester.suggest(text);
      expect(result, text.slice(0, 10)).toEqual({ suggestions: [], lowConfidence: true });
    }
    const long = `${'今天天气很好。'.repeat(1400)}工资被拖欠`;
    expect(long.length).toBeGreaterThan(9_000);
    const started = performance.now();
    expect(suggester.suggest(long).suggestions).toEqual([]); // past the first 4,000 characters nothing is read
    expect(suggester.suggest(`工资被拖欠${long}`).suggestions[0]?.code).toBe('labor.wage_arrears');
    expect(performance.now() - started).toBeLessThan(200);
    expect(suggester.suggest('楼上漏水到我家').lowConfidence).toBe(true);
    expect(LOW_CONFIDENCE).toBeGreaterThan(0);
  });

  it('never suggests an inactive category, and moves a word of a removed category to its parent', () => {
    const rows = catalogueRows()
      .filter((c) => c.code !== 'public_facility.manhole')
      .map((c) => (c.code === 'labor.wage_arrears' ? { ...c, active: false } : c));
    const edited = new KeywordSuggester(rows);
    expect(edited.suggest('井盖丢了').suggestions[0]).toMatchObject({ code: 'public_facility', name: '公共设施' });
    expect(edited.suggest('拖欠工资').suggestions.map((s) => s.code)).not.toContain('labor.wage_arrears');
  });
});

describeEachDb('POST /api/matters/suggest-category', (kind) => {
  const env = useTestEnv(kind);

  it('answers a logged-in citizen from the catalogue in the database, and refuses text over 4,000 characters', async () => {
    const user = await makeUser(env().database.db, { roles: ['citizen'] });
    const session = await loginToken(env().app, user.username, user.password);
    const res = await call(env().app, session, 'POST', '/api/matters/suggest-category', { text: '单位拖欠工资, 还不交社保' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as CategorySuggestions;
    expect(body.suggestions.map((s) => s.code)).toEqual(['labor.wage_arrears', 'labor.social_insurance']);
    expect(body.lowConfidence).toBe(false);
    expect(body.source).toBe('keywords'); // no model trained in this city
    expect((await call(env().app, session, 'POST', '/api/matters/suggest-category', { text: '😀' })).json()).toEqual({ suggestions: [], lowConfidence: true, source: 'keywords' });
    expect((await call(env().app, session, 'POST', '/api/matters/suggest-category', { text: '字'.repeat(4001) })).statusCode).toBe(400);
    expect((await call(env().app, session, 'POST', '/api/matters/suggest-category', {})).statusCode).toBe(400);
    expect((await call(env().app, null, 'POST', '/api/matters/suggest-category', { text: '路灯' })).statusCode).toBe(401);
  });
});
