import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCsv, parseCsvTable } from '../text/csv.js';
import { parseArgs, parseTime, runHotIssues, UsageError } from './cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-hot-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEADER = ['留言编号', '留言用户', '留言主题', '留言时间', '留言详情', '反对数', '点赞数'];
const write = (name: string, rows: string[][]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `\ufeff${formatCsv([HEADER, ...rows])}`);
  return file;
};

describe('hot-issues command', () => {
  it('reads the message-board columns and writes one row per group, hottest first', () => {
    const input = write('in.csv', [
      ['1', 'U1', 'A市A5区魅力之城小区临街烧烤油烟扰民', '2019/9/5 10:00:00', '魅力之城小区楼下烧烤店油烟直排，噪音很大。', '0', '3'],
      ['2', 'U2', 'A5区魅力之城小区楼下烧烤油烟太大', '2019/9/6 21:10:00', '\n\t\t夜宵烧烤油烟熏得不敢开窗。\n', '0', '1'],
      ['3', 'U3', '魅力之城小区底商烧烤油烟噪音扰民', '2019/09/08', '烧烤摊油烟和噪音扰民。', '1', '0'],
      ['4', 'U4', 'A3区学士路路灯不亮', '2019/9/7 8:00:00', '学士路路灯坏了。', '0', '0'],
      ['5', 'U5', '', '2019/9/7 9:00:00', '', '0', '0'],
      ['6', 'U6', '😀🚧', '2019/9/7 9:30:00', '🔥'.repeat(10), '0', '0'],
      ['7', 'U7', 'WiFi 信號很差', '2019/9/7 9:40:00', '噪音'.repeat(5_000), '0', 'x'],
    ]);
    const out = path.join(dir, 'out', 'clusters.csv');
    const { summary, table } = runHotIssues({ ...parseArgs(['--in', input, '--out', out, '--top', '5']) });
    expect(summary).toMatch(/^hot-issues: 7 rows → 1 groups of 2 or more \(3 rows\) in [\d.]+ s \(\d+ rows\/s\); wrote /);
    const { rows } = parseCsvTable(fs.readFileSync(out, 'utf8'), ['rank', 'heat', 'label', 'message_ids']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rank: '1', count: '3', distinct_users: '3', likes: '4', first: '2019-09-05', last: '2019-09-08', message_ids: '1;2;3' });
    expect(rows[0]!.label).toMatch(/^A市A5区魅力之城小区 · /);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('| 1 | A市A5区魅力之城小区 · ');
  });

  it('explains what is wrong with the arguments or the file', () => {
    expect(() => parseArgs(['--in', 'x.csv'])).toThrow(/missing --out/);
    expect(() => parseArgs(['--in', 'x.csv', '--out', 'y.csv', '--top', '0'])).toThrow(/--top must be a whole number/);
    expect(() => parseArgs(['--bogus'])).toThrow(UsageError);
    expect(() => runHotIssues(parseArgs(['--in', path.join(dir, 'none.csv'), '--out', path.join(dir, 'o.csv')]))).toThrow(/no such file/);
    const bad = write('bad.csv', [['1', 'U1', '标题', 'yesterday', '内容', '0', '0']]);
    expect(() => runHotIssues(parseArgs(['--in', bad, '--out', path.join(dir, 'o.csv')]))).toThrow(/row 2 has an unreadable 留言时间/);
  });

  it('reads the board’s dates as Beijing time', () => {
    expect(parseTime('2019/2/28 11:25:05')!.toISOString()).toBe('2019-02-28T03:25:05.000Z');
    expect(parseTime('2019/08/01')!.toISOString()).toBe('2019-07-31T16:00:00.000Z');
    expect(parseTime('2019-13-01')).toBeNull();
    expect(parseTime('')).toBeNull();
  });
});
