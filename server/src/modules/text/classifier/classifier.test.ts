import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../seed/random.js';
import { predict, suggest, trainClassifier, type ClassifierModel, type TrainingRow } from './classifier.js';
import { macroF1, stratifiedFolds } from './evaluate.js';
import { deserializeModel, serializeModel } from './model-io.js';

// A small labelled set the test builds itself: three categories, each message a few phrases of
// its own category among phrases every category shares.
const PHRASES: Record<string, string[]> = {
  交通运输: ['公交车晚点严重', '出租车拒载', '红绿灯坏了', '路口拥堵', '客运站票价上涨', '驾驶员开车打电话', '公交线路调整'],
  教育文体: ['学校乱收费', '老师体罚学生', '幼儿园入园难', '学区划片不合理', '校外培训机构跑路', '学生课业负担重', '图书馆开放时间短'],
  环境保护: ['工厂排放废气', '河道污水直排', '夜间施工噪音', '垃圾焚烧有异味', '养猪场臭气熏天', '扬尘污染严重', '化工厂偷排废水'],
};
const SHARED = ['请领导关注', '希望尽快解决', '已经反映多次', '市民很无奈', '请相关部门处理'];

function message(label: string, random: () => number): string {
  const own = PHRASES[label]!;
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  return [pick(SHARED), pick(own), pick(own), pick(SHARED)].join('，') + '。';
}

function dataset(perLabel: number, seed: number): TrainingRow[] {
  const random = mulberry32(seed);
  return Object.keys(PHRASES).flatMap((label) => Array.from({ length: perLabel }, () => ({ text: message(label, random), label })));
}

const rows = dataset(30, 1);
const model = trainClassifier(rows);

const expectWellFormed = (m: ClassifierModel, text: string) => {
  const answer = suggest(m, text);
  expect(answer.predictions.map((p) => p.label).sort()).toEqual([...m.labels].sort());
  const sum = answer.predictions.reduce((s, p) => s + p.confidence, 0);
  expect(sum).toBeCloseTo(1, 6);
  for (let i = 1; i < answer.predictions.length; i++) expect(answer.predictions[i - 1]!.confidence).toBeGreaterThanOrEqual(answer.predictions[i]!.confidence);
  for (const p of answer.predictions) expect(Number.isFinite(p.confidence)).toBe(true);
  return answer;
};

describe('trainClassifier and predict on a small built set', () => {
  it('learns the labels and ranks them by confidence', () => {
    expect(model.labels).toEqual(['交通运输', '教育文体', '环境保护']);
    const answer = expectWellFormed(model, '小区旁边的化工厂晚上偷排废水，河道污水直排，气味难闻');
    expect(answer.predictions[0]!.label).toBe('环境保护');
    expect(answer.lowConfidence).toBe(false);
    expect(predict(model, '公交车经常晚点，线路也调整了')[0]!.label).toBe('交通运输');
    expect(predict(model, '孩子的学校乱收费，老师还体罚学生')[0]!.label).toBe('教育文体');
  });

  it('classifies unseen messages of the same kind well', () => {
    const test = dataset(20, 99);
    const guessed = test.map((r) => predict(model, r.text)[0]!.label);
    expect(macroF1(test.map((r) => r.label), guessed).macroF1).toBeGreaterThan(0.95);
  });

  it('reads traditional characters and full-width text like simplified', () => {
    expect(predict(model, '學校亂收費，老師體罰學生')[0]!.label).toBe('教育文体');
  });

  it('flags empty text, emoji only and punctuation only as low confidence with the training prior', () => {
    for (const text of ['', '   ', '😀😀🚗', '。，！？…', '\u200b']) {
      const answer = expectWellFormed(model, text);
      expect(answer.lowConfidence).toBe(true);
      for (const p of answer.predictions) expect(p.confidence).toBeCloseTo(1 / 3, 6);
    }
  });

  it('flags text unlike anything in training as low confidence', () => {
    expect(suggest(model, 'zzzz qqqq 12345').lowConfidence).toBe(true);
  });

  it('answers for 10,000-character text and mixed scripts without trouble', () => {
    const long = '工厂排放废气，ＰＭ2.5 超标😀 factory smoke 二十四小时！'.repeat(300).slice(0, 10_000);
    const started = performance.now();
    const answer = expectWellFormed(model, long);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(answer.predictions[0]!.label).toBe('环境保护');
    expectWellFormed(model, 'Bus 37路 公交车 late again!!! 😡 WiFi密码？');
  });

  it('is reproducible: the same rows train the same model', () => {
    const again = trainClassifier(rows);
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));
    expect(Array.from(again.neighbours!.postings)).toEqual(Array.from(model.neighbours!.postings));
    expect(again.temperature).toBe(model.temperature);
  });

  it('refuses training data it cannot learn from, with a clear message', () => {
    expect(() => trainClassifier([])).toThrow('no training rows');
    expect(() => trainClassifier([{ text: 'a', label: '甲' }, { text: 'b', label: '甲' }])).toThrow(/at least two labels/);
    expect(() => trainClassifier([{ text: 'a', label: '甲' }, { text: 'b', label: ' ' }])).toThrow(/row 2 has no label/);
  });

  it('learns something even from two rows', () => {
    const tiny = trainClassifier([
      { text: '公交车晚点', label: '交通' },
      { text: '学校乱收费', label: '教育' },
    ]);
    expect(predict(tiny, '公交车又晚点了')[0]!.label).toBe('交通');
  });
});

describe('model storage', () => {
  it('round-trips through JSON with identical predictions', () => {
    const json = serializeModel(model);
    const loaded = deserializeModel(json);
    for (const text of ['工厂排放废气', '公交车晚点', '', '学校乱收费😀']) {
      expect(suggest(loaded, text)).toEqual(suggest(model, text));
    }
  });

  it('rejects what is not a stored model', () => {
    expect(() => deserializeModel('not json')).toThrow('not JSON');
    expect(() => deserializeModel('{"format":"other"}')).toThrow('not a text classifier model');
    const stored = JSON.parse(serializeModel(model));
    expect(() => deserializeModel(JSON.stringify({ ...stored, version: 99 }))).toThrow(/version 99/);
    expect(() => deserializeModel(JSON.stringify({ ...stored, idf: 'AAAAAA==' }))).toThrow('array lengths do not match');
    // A posting that names a message the index does not have.
    const postings = Buffer.from(stored.neighbours.postings, 'base64');
    postings.writeInt32LE(1_000_000, 0);
    const bad = { ...stored, neighbours: { ...stored.neighbours, postings: postings.toString('base64') } };
    expect(() => deserializeModel(JSON.stringify(bad))).toThrow('neighbour arrays do not match');
  });

  it('still reads a version 1 model, which answers from its machines alone', () => {
    const { neighbours: _, ...rest } = JSON.parse(serializeModel(model));
    const loaded = deserializeModel(JSON.stringify({ ...rest, version: 1 }));
    expect(loaded.neighbours).toBeNull();
    const machinesOnly = { ...model, neighbours: null };
    for (const text of ['工厂排放废气', '公交车晚点']) expect(suggest(loaded, text)).toEqual(suggest(machinesOnly, text));
  });
});

describe('evaluation helpers', () => {
  it('computes macro-F1 and accuracy', () => {
    const scores = macroF1(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(scores.accuracy).toBe(0.75);
    // a: precision 1, recall 0.5 → 2/3; b: precision 2/3, recall 1 → 0.8
    expect(scores.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });

  it('makes stratified folds that cover every row once', () => {
    const labels = [...Array(50).fill('a'), ...Array(10).fill('b')] as string[];
    const folds = stratifiedFolds(labels, 5, 42);
    expect(folds.flat().sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    for (const fold of folds) expect(fold.filter((i) => labels[i] === 'b')).toHaveLength(2);
  });
});
