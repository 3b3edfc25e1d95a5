import { describe, expect, it } from 'vitest';
import { catalogueRows } from '../matters/catalogue.js';
import { evaluateAndTrain, holdoutIndices, scoreHoldout } from './evaluation.js';
import { chooseLabels, labelMatcher } from './labels.js';
import { deserializeModel } from '../text/classifier/model-io.js';
import { suggest } from '../text/classifier/classifier.js';
import { labelledTexts } from '../../../test/classification.js';

// Which level each text trains, how imported labels meet the catalogue, and the held-out score.

const catalogue = new Map(catalogueRows().map((c) => [c.code, c]));
const texts = (code: string, n: number, text = '内容') => Array.from({ length: n }, (_, i) => ({ text: `${text}${i}`, code }));

describe('chooseLabels', () => {
  it('keeps a second level with enough texts, folds a thin one into its parent, and drops what stays too thin', () => {
    const choice = chooseLabels(
      [...texts('labor.wage_arrears', 10), ...texts('labor.contract', 3), ...texts('labor', 7), ...texts('transport.bus', 4), ...texts('environment', 12)],
      catalogue,
      10,
    );
    expect(choice.labels).toEqual([
      { code: 'environment', count: 12 },
      { code: 'labor', count: 10 },
      { code: 'labor.wage_arrears', count: 10 },
    ]);
    expect(choice.tooFew).toEqual([{ code: 'transport', count: 4 }]);
    expect(choice.rows).toHaveLength(32);
    expect(choice.rows.filter((r) => r.label === 'labor')).toHaveLength(10);
  });

  it('never learns an inactive category, skips texts that are empty or of unknown codes, and needs two texts at least', () => {
    const edited = new Map(catalogue);
    edited.set('labor.wage_arrears', { ...catalogue.get('labor.wage_arrears')!, active: false });
    edited.set('environment', { ...catalogue.get('environment')!, active: false });
    const choice = chooseLabels(
      [...texts('labor.wage_arrears', 5), ...texts('environment.noise', 5), ...texts('no.such', 5), ...texts('transport', 3, '   ').map((t) => ({ ...t, text: '  ' })), ...texts('transport', 1)],
      edited,
      0,
    );
    // Wage arrears (off) count for 劳动和社会保障; noise's parent is off too, so noise stays alone.
    expect(choice.labels).toEqual([
      { code: 'environment.noise', count: 5 },
      { code: 'labor', count: 5 },
    ]);
    expect(choice.tooFew).toEqual([{ code: 'transport', count: 1 }]);
  });
});

describe('labelMatcher', () => {
  const match = labelMatcher(catalogueRows());
  it.each([
    ['城乡建设', 'urban_construction'],
    [' 城乡建设 ', 'urban_construction'],
    ['labor.wage_arrears', 'labor.wage_arrears'],
    ['LABOR.WAGE_ARREARS', 'labor.wage_arrears'],
    ['劳动和社会保障/拖欠工资', 'labor.wage_arrears'],
    ['劳动和社会保障 / 拖欠工资', 'labor.wage_arrears'],
    ['拖欠工资', 'labor.wage_arrears'],
    ['交通运输', 'transport'],
  ])('%s → %s', (label, code) => expect(match(label)).toBe(code));

  it('answers null for unknown, empty, emoji and ambiguous second-level names', () => {
    // 劳资纠纷 is unique, but no second-level name is shared in the seed catalogue: add one.
    const twice = labelMatcher([...catalogueRows(), { code: 'market.wage_arrears', name: '拖欠工资', parentCode: 'market', active: true }]);
    expect(twice('拖欠工资')).toBeNull();
    for (const label of ['外星人入侵', '', '   ', '😀', 'x'.repeat(10_000)]) expect(match(label)).toBeNull();
  });
});

describe('held-out evaluation', () => {
  it('holds out every fifth text of each label and scores macro-F1, accuracy and the low-confidence split', () => {
    const rows = [...Array.from({ length: 10 }, () => ({ text: 'a', label: 'x' })), ...Array.from({ length: 6 }, () => ({ text: 'b', label: 'y' }))];
    expect([...holdoutIndices(rows)]).toEqual([4, 9, 14]);
    const { metrics, f1 } = scoreHoldout([
      { truth: 'x', guess: 'x', lowConfidence: false },
      { truth: 'x', guess: 'y', lowConfidence: true },
      { truth: 'y', guess: 'y', lowConfidence: false },
    ]);
    expect(f1).toEqual(new Map([['x', 2 / 3], ['y', 2 / 3]]));
    expect(metrics).toEqual({ holdoutRows: 3, macroF1: 2 / 3, accuracy: 2 / 3, lowConfidenceShare: 1 / 3, confidentAccuracy: 1 });
  });

  it('trains a model that predicts what it learned, with a score, or without one when nothing can be held out', () => {
    const rows = labelledTexts({ 'labor.wage_arrears': 15, 'transport.bus': 15 }).map((m) => ({ text: `${m.title}\n${m.description}`, label: m.categoryCode }));
    const outcome = evaluateAndTrain(rows);
    expect(outcome.labels).toEqual([
      { code: 'labor.wage_arrears', count: 15, f1: expect.any(Number) },
      { code: 'transport.bus', count: 15, f1: expect.any(Number) },
    ]);
    expect(outcome.metrics!.holdoutRows).toBe(6);
    const model = deserializeModel(outcome.modelJson);
    expect(suggest(model, '老板拖欠工资').predictions[0]!.label).toBe('labor.wage_arrears');
    expect(evaluateAndTrain(rows.filter((_, i) => i % 15 < 3)).metrics).toBeNull();
  });
});
