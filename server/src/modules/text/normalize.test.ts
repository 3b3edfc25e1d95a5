import { describe, expect, it } from 'vitest';
import { normalizeNumbers, normalizeText, parseChineseNumber, toHalfWidth, toSimplified } from './normalize.js';

describe('toHalfWidth', () => {
  it('turns full-width letters, digits and punctuation into ASCII and lowers case', () => {
    expect(toHalfWidth('ＡＢＣ１２３，ｘｙｚ！（备注）')).toBe('abc123,xyz!(备注)');
  });

  it('keeps Chinese punctuation that has no half-width twin', () => {
    expect(toHalfWidth('你好。《条例》、第一')).toBe('你好。《条例》、第一');
  });

  it('collapses spaces (ideographic ones too), keeps line breaks, trims', () => {
    expect(toHalfWidth('  物业\u3000\u3000费 \t 太高 \r\n\r\n 怎么办  ')).toBe('物业 费 太高\n怎么办');
  });

  it('drops invisible characters and lone surrogates but keeps emoji whole', () => {
    expect(toHalfWidth('噪\u200b音\ufeff扰民\u0007')).toBe('噪音扰民');
    expect(toHalfWidth('坏\ud83d了')).toBe('坏了');
    expect(toHalfWidth('家 👨‍👩‍👧 😀')).toBe('家 👨‍👩‍👧 😀');
  });

  it('decodes spreadsheet escapes such as _x000D_ into line breaks', () => {
    expect(toHalfWidth('尊敬的领导:_x000D_\n你好')).toBe('尊敬的领导:\n你好');
  });

  it('answers the empty string for empty or blank text', () => {
    expect(toHalfWidth('')).toBe('');
    expect(toHalfWidth(' \u3000\n ')).toBe('');
  });
});

describe('toSimplified', () => {
  it('converts traditional characters and phrases', () => {
    expect(toSimplified('網格員反映後來這裡的路燈壞了')).toBe('网格员反映后来这里的路灯坏了');
    expect(toSimplified('乾淨的環境')).toBe('干净的环境');
  });

  it('leaves simplified text alone, even where a traditional phrase table would not', () => {
    const simplified = '村民打坏了墙体，著名的干部在皇后大道处理';
    expect(toSimplified(simplified)).toBe(simplified);
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['十二', 12], ['二十', 20], ['三十五', 35], ['一百零五', 105], ['两千零二十', 2020], ['三万五千', 35000],
    ['两万五', 25000], ['三百五', 350], ['一千二百万', 12_000_000], ['三亿五千万', 350_000_000], ['二〇一九', 2019],
  ])('%s = %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['十一五', '千万', '万一', '百百', '三十多', ''])('%s is not one number', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});

describe('normalizeNumbers', () => {
  it('turns numbers written in Chinese into digits', () => {
    expect(normalizeNumbers('今年三十五岁，二〇一九年起欠薪两万五千元，第三十二条')).toBe('今年35岁，2019年起欠薪25000元，第32条');
  });

  it('keeps words made of numeral characters', () => {
    for (const word of ['一些', '统一', '千万别', '万一', '五一', '三四年', '一两天', '十分感谢', '三三两两']) {
      expect(normalizeNumbers(word)).toBe(word);
    }
  });

  it('reads a four-digit year digit by digit only before 年', () => {
    expect(normalizeNumbers('二零一九年')).toBe('2019年');
    expect(normalizeNumbers('一二三四')).toBe('一二三四');
  });

  it('drops thousands separators', () => {
    expect(normalizeNumbers('补偿1,200,000元，面积3.5平方')).toBe('补偿1200000元，面积3.5平方');
  });
});

describe('normalizeText', () => {
  it('combines width, traditional forms and numbers', () => {
    expect(normalizeText('ＡＢＣ小區物業費漲了三百元')).toBe('abc小区物业费涨了300元');
  });

  it('can skip the simplified and number steps', () => {
    expect(normalizeText('物業費三百元', { simplified: false, numbers: false })).toBe('物業費三百元');
  });

  it('handles 10,000 characters of mixed scripts quickly', () => {
    const text = 'Ｗi-Fi信號差，請問怎麼辦？😀 abc123 二十五 '.repeat(400).slice(0, 10_000);
    const started = performance.now();
    const out = normalizeText(text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(out).toContain('wi-fi信号差,请问怎么办?😀 abc123 25');
  });
});
