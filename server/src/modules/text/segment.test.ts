import { describe, expect, it } from 'vitest';
import { DISTRICTS, CITY } from '../../seed/demo-city-names.js';
import { normalizeText } from './normalize.js';
import { contentWords, isStopWord, segment, userDictionaryWords } from './segment.js';

describe('segment', () => {
  it('keeps the user dictionary’s place names, unit names and governance terms whole', () => {
    const text = '乌海市海南区拉僧仲街道新桥社区网格员反映噪音扰民和占道经营，住建局和市场监管局要处理欠薪';
    const tokens = segment(text);
    for (const word of ['乌海市', '海南区', '拉僧仲街道', '新桥社区', '网格员', '噪音扰民', '占道经营', '住建局', '市场监管局', '欠薪']) {
      expect(tokens).toContain(word);
    }
    expect(tokens.join('')).toBe(text);
  });

  it('has every district, street and seeded community of the demo city in the user dictionary', () => {
    const words = new Set(userDictionaryWords());
    const names = [CITY.name, ...DISTRICTS.flatMap((d) => [d.name, ...d.streets.flatMap((s) => [s.name, ...s.communities])])];
    expect(names.filter((n) => !words.has(n))).toEqual([]);
  });

  it('answers no tokens for empty or blank text', () => {
    expect(segment('')).toEqual([]);
    expect(segment('   \n ')).toEqual([]);
    expect(contentWords('')).toEqual([]);
  });

  it('keeps emoji as tokens but not as content words', () => {
    expect(segment('😀😀').length).toBeGreaterThan(0);
    expect(contentWords('😀🚗，。！')).toEqual([]);
  });

  it('segments mixed Chinese, English and digits after normalisation', () => {
    const words = contentWords(normalizeText('請問ＷｉＦｉ和iPhone 15的維修點在D7縣哪裡？'));
    expect(words).toEqual(['wifi', 'iphone', '15', '维修点', 'd7', '县']);
    expect(words).not.toContain('请问');
  });

  it('drops stop words and punctuation from content words', () => {
    expect(isStopWord('的')).toBe(true);
    expect(isStopWord('物业')).toBe(false);
    expect(contentWords('我们小区的物业费太高了！')).toEqual(expect.arrayContaining(['小区', '物业费']));
    expect(contentWords('我们小区的物业费太高了！')).not.toContain('的');
  });

  it('cuts 10,000 characters without trouble', () => {
    const text = '小区楼下烧烤店油烟扰民，夜里噪音很大。'.repeat(600).slice(0, 10_000);
    const tokens = segment(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens).toContain('油烟扰民');
  });
});
