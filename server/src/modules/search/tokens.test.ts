import { describe, expect, it } from 'vitest';
import { matterDocument, parseSearch, queryWords } from './tokens.js';

// The tokens alone; search.test.ts runs them through both databases.

const lexemes = (doc: string) => new Set([...doc.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")));

describe('search tokens', () => {
  it('stores CJK text as overlapping pairs plus the last character, other words whole', () => {
    expect(matterDocument(null, ['下水道堵塞'])).toBe("'下水' '水道' '道堵' '堵塞' '塞'");
    expect(matterDocument(null, ['WiFi坏了', '坏了'])).toBe("'wifi' '坏了' '了'");
  });

  it('finds a 工单编号 by its serial too', () => {
    expect([...lexemes(matterDocument('20261130000123', []))]).toEqual(['20261130000123', '000123', '123']);
    expect(parseSearch('000123')!.tsquery).toBe("'000123':*");
  });

  it('splits a query where two words meet and keeps single characters with their neighbours', () => {
    expect(queryWords('噪音扰民')).toEqual(['噪音扰民']); // one word in the city's dictionary: a phrase
    expect(queryWords('楼道噪音')).toEqual(['楼道', '噪音']);
    expect(queryWords('乌海市海南区路灯不亮')).toEqual(['乌海市', '海南区', '路灯不亮']);
    expect(queryWords('盖缺失路')).toEqual(['盖缺失路']);
    expect(queryWords('路灯的问题')).toEqual(['路灯', '问题']);
    expect(queryWords('的')).toEqual(['的']);
    expect(queryWords('新桥社区 7号楼')).toEqual(['新桥社区', '7号楼']);
  });

  it('asks for every pair of a word, single characters and the last word by prefix', () => {
    expect(parseSearch('下水')!.tsquery).toBe("'下水'");
    expect(parseSearch('下水道')!.tsquery).toBe("'下水' & '水道'");
    expect(parseSearch('楼道噪音')!.tsquery).toBe("'楼道' & '噪音'"); // no 道噪: the words may stand apart
    expect(parseSearch('绊')!.tsquery).toBe("'绊':*");
    expect(parseSearch('7号楼')!.tsquery).toBe("'7' & '号楼'");
    expect(parseSearch('号楼7')!.tsquery).toBe("'号楼' & '7':*");
  });

  it('normalises the query like the text: traditional, full-width, case', () => {
    expect(queryWords('網格員上報')).toEqual(['网格员', '上报']);
    expect(queryWords('ＷｉＦｉ')).toEqual(['wifi']);
  });

  it('answers null for nothing searchable: empty, blank, emoji, punctuation', () => {
    for (const q of ['', '   ', '😀', '👨‍👩‍👧', '，。！？', '***']) expect(parseSearch(q)).toBeNull();
  });

  it('quotes every lexeme, so quotes and backslashes cannot break out', () => {
    // Separators split them off; they never reach a lexeme, but the quoting holds anyway.
    expect(parseSearch("a'b\\c")!.tsquery).toBe("'a':* & 'b':* & 'c':*");
    expect(matterDocument(null, ["it's"])).toBe("'it' 's'");
  });

  it('bounds long input: 10,000 characters of text or query', () => {
    const long = '路灯不亮'.repeat(2500);
    const doc = matterDocument('20261130000001', [long, '😀'.repeat(10_000), 'x'.repeat(10_000)]);
    expect(doc.length).toBeLessThan(1_000_000); // a tsvector's limit is 1 MB
    expect(lexemes(doc).has('x'.repeat(64))).toBe(true); // a long word is cut at 64 characters
    const q = parseSearch('路灯 '.repeat(3000) + '井盖 下水 噪音'.repeat(1000));
    expect(q!.words.length).toBeLessThanOrEqual(16);
  });

  it('handles mixed scripts: Han, Latin, digits, kana, hangul, Cyrillic', () => {
    expect(queryWords('D7县WiFi维修')).toEqual(['d7县wifi维修']);
    expect([...lexemes(matterDocument(null, ['カタカナ 한국어 Москва']))]).toEqual(['カタ', 'タカ', 'カナ', 'ナ', '한국', '국어', '어', 'москва']);
    expect(parseSearch('한국')!.tsquery).toBe("'한국'");
  });
});
