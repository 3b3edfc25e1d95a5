import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from './csv.js';
import { messageText, parseArgs, readLabelledCsv, runClassify } from './classify-cli.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-classify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

// A tiny training set: subjects and details of two kinds, some with the subject run into the
// detail (empty subject), quoted fields with commas, quotes and line breaks, and a BOM.
const TRAIN = [
  ['id', 'subject', 'detail', 'label'],
  ...Array.from({ length: 12 }, (_, i) => [`t${i}`, i % 2 ? '公交车晚点' : '', `${i % 2 ? '' : '公交车晚点'}${i}路公交车经常晚点，"司机"说堵车,\n请交通部门处理`, '交通运输']),
  ...Array.from({ length: 12 }, (_, i) => [`e${i}`, i % 2 ? '学校乱收费' : '', `${i % 2 ? '' : '学校乱收费'}第${i}中学乱收费，老师体罚学生,\n请教育局处理`, '教育文体']),
];
const TEST = [
  ['id', 'subject', 'detail'],
  ['q1', '公交车又晚点', '公交车晚点，司机态度差'],
  ['q2', '', '学校乱收费，老师还体罚学生'],
  ['q3', '', ''],
  ['q4', '😀😀', '🚗🚗🚗'],
  ['q5', 'Mixed 中文 English 123', '公交 bus 37路, "late" again'],
  ['q6', '', '学校'.repeat(5_000)],
];
const trainFile = write('train.csv', `\ufeff${formatCsv(TRAIN)}`);
const testFile = write('test.csv', formatCsv(TEST).replace(/\n/g, '\r\n'));

describe('classify command', () => {
  it('runs end to end through npm: id,label for every test row, nothing on stdout', () => {
    const out = path.join(dir, 'out', 'pred.csv');
    const run = spawnSync('npm', ['run', '-s', 'classify', '--', '--train', trainFile, '--predict', testFile, '--out', out], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toMatch(/trained on 24 rows \(2 labels\).*wrote 6 predictions/);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const rows = parseCsv(fs.readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['id', 'label']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    expect(rows[1]![1]).toBe('交通运输');
    expect(rows[2]![1]).toBe('教育文体');
    expect(rows[6]![1]).toBe('教育文体');
    for (const row of rows.slice(1)) expect(['交通运输', '教育文体']).toContain(row[1]);
  }, 120_000);

  it('exits non-zero with a clear message when a file is missing', () => {
    const run = spawnSync('npm', ['run', '-s', 'classify', '--', '--train', path.join(dir, 'nope.csv'), '--predict', testFile, '--out', path.join(dir, 'x.csv')], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`training file ${path.join(dir, 'nope.csv')}: no such file`);
    expect(run.stdout).toBe('');
    expect(fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);
  }, 120_000);

  it('names missing columns, empty labels and empty files', () => {
    const out = path.join(dir, 'never.csv');
    const noLabel = write('nolabel.csv', 'id,subject,detail\nt1,a,b\n');
    expect(() => runClassify({ train: noLabel, predict: testFile, out })).toThrow(`training file ${noLabel}: missing column label`);
    const noId = write('noid.csv', 'subject,detail\na,b\n');
    expect(() => runClassify({ train: trainFile, predict: noId, out })).toThrow('missing column id');
    const noText = write('notext.csv', 'id,label\nt1,a\nt2,b\n');
    expect(() => runClassify({ train: noText, predict: testFile, out })).toThrow('needs a subject or a detail column');
    const emptyLabel = write('emptylabel.csv', 'id,subject,detail,label\nt1,a,b,甲\nt2,c,d,\n');
    expect(() => runClassify({ train: emptyLabel, predict: testFile, out })).toThrow('row 3 has an empty label');
    const headerOnly = write('header.csv', 'id,subject,detail,label\n');
    expect(() => runClassify({ train: headerOnly, predict: testFile, out })).toThrow('no rows below the header');
    const oneLabel = write('onelabel.csv', 'id,subject,detail,label\nt1,a,b,甲\nt2,c,d,甲\n');
    expect(() => runClassify({ train: oneLabel, predict: testFile, out })).toThrow(/at least two labels/);
    const gbk = path.join(dir, 'gbk.csv');
    fs.writeFileSync(gbk, Buffer.from([0x69, 0x64, 0x2c, 0x6c, 0x61, 0x62, 0x65, 0x6c, 0x0a, 0xd6, 0xd0, 0x2c, 0xce, 0xc4, 0x0a]));
    expect(() => runClassify({ train: gbk, predict: testFile, out })).toThrow('not UTF-8 text');
    const broken = write('broken.csv', 'id,subject,detail,label\nt1,"unclosed,b,甲\n');
    expect(() => runClassify({ train: broken, predict: testFile, out })).toThrow(/quoted field is never closed/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('writes a header only for a test file without rows', () => {
    const out = path.join(dir, 'empty-pred.csv');
    runClassify({ train: trainFile, predict: write('empty-test.csv', 'id,subject,detail\n'), out });
    expect(fs.readFileSync(out, 'utf8')).toBe('id,label\n');
  });

  it('parses its arguments strictly', () => {
    expect(parseArgs(['--train', 'a.csv', '--predict=b.csv', '--out', 'c.csv'])).toEqual({ train: 'a.csv', predict: 'b.csv', out: 'c.csv' });
    expect(() => parseArgs(['--train', 'a.csv', '--predict', 'b.csv'])).toThrow('missing --out');
    expect(() => parseArgs(['--train', '--predict', 'b.csv', '--out', 'c.csv'])).toThrow('--train needs a file name');
    expect(() => parseArgs(['--train', 'a', '--predict', 'b', '--out', 'c', '--verbose'])).toThrow('unknown argument "--verbose"');
  });

  it('joins subject and detail, or takes detail alone where it holds both', () => {
    expect(messageText('标题', '详情')).toBe('标题\n详情');
    expect(messageText('', '标题详情')).toBe('标题详情');
    expect(messageText('标题', '')).toBe('标题');
    expect(messageText(undefined, undefined)).toBe('');
    expect(readLabelledCsv(trainFile)[0]).toEqual({ text: '公交车晚点0路公交车经常晚点，"司机"说堵车,\n请交通部门处理', label: '交通运输' });
  });
});
