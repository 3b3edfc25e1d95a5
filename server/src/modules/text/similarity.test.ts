import { describe, expect, it } from 'vitest';
import { cosine, Idf, termVector, textTerms, topTerms } from './similarity.js';

describe('text similarity', () => {
  const a = '新桥小区3号楼下水管道破裂，污水流到路上';
  const b = '新桥小区三号楼下水道破了，污水漫到马路';
  const c = '学校门口早上堵车严重，希望增派交警';

  it('scores the same problem in other words well above an unrelated one', () => {
    const idf = new Idf();
    for (const t of [a, b, c]) idf.add(textTerms(t));
    const [va, vb, vc] = [a, b, c].map((t) => termVector(textTerms(t), idf));
    expect(cosine(va!, vb!)).toBeGreaterThan(0.25);
    expect(cosine(va!, vc!)).toBeLessThan(0.1);
    expect(cosine(va!, va!)).toBeCloseTo(1, 6);
  });

  it('answers empty text, emoji, mixed scripts and 10,000 characters without failing', () => {
    expect(textTerms('')).toEqual([]);
    expect(termVector(textTerms('😀😀 🚧')).size).toBe(0);
    expect(cosine(termVector([]), termVector(textTerms(a)))).toBe(0);
    expect(textTerms('WiFi 信號很差 ok')).toEqual(expect.arrayContaining(['wifi', '信号']));
    const long = '噪音扰民'.repeat(2_500);
    const v = termVector(textTerms(long));
    expect(v.size).toBeGreaterThan(0);
    expect(topTerms(v, 2)).toContain('噪音扰民');
  });
});
