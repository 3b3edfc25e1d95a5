import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCsv, parseCsvTable } from './csv.js';
import { parseArgs, parseBoardTime, replyTimeStats, runReplyCheck, workdaysBetween } from './reply-check-cli.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-reply-check-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

// Invented board rows with the export's columns: a good reply, formula, a referral, an empty
// reply, emoji, mixed scripts and a 10,000-character reply; quotes, commas and line breaks.
const HEADER = ['留言编号', '留言用户', '留言主题', '留言时间', '留言详情', '答复意见', '答复时间'];
const ROWS = [
  ['1', 'U1', '5号楼路灯不亮', '2019/4/25 9:32:09', '新桥小区5号楼前路灯坏了一周', '经现场核实，5号楼前两盏路灯灯泡损坏，已于4月26日更换，恢复照明。', '2019/4/26 10:00:00'],
  ['2', 'U2', '停车费为什么涨价', '2019/04/01 08:00:00', '物业停车费涨到200元，"合法吗"？', '您好！您的留言已收悉，感谢您对我们工作的支持！', '2019/5/10 09:00:00'],
  ['3', 'U3', '井盖丢失', '2019/5/6 9:00', '幸福路公交站旁井盖丢失,\n很危险', '您好，您反映的问题已转市政管理处调查处理，谢谢。', '2019/5/6 16:00'],
  ['4', 'U4', '空回复', '2019/5/1 9:00', '没有人回复', '', ''],
  ['5', 'U5', '😀😀', '2019/5/1 9:00', '🚗🚗🚗', '👍', '2019/4/30 9:00'],
  ['6', 'U6', 'Mixed 中文 bus 37路', '2019/5/1 9:00', '37路 bus late again', 'Bus 37路 已于5月3日 增加 2 台车，经核实 late 问题已解决 OK', '2019/5/8 9:00'],
  ['7', 'U7', '长回复', '2019/5/1 9:00', '路灯问题', '经核实，路灯已于5月3日修复。'.repeat(700), 'not a date'],
];

describe('reply-check command', () => {
  it('writes one row per message with flags, evidence, scores and reply time', () => {
    const input = write('replies.csv', `\ufeff${formatCsv([HEADER, ...ROWS])}`.replace(/\n(?=\d,)/g, '\r\n'));
    const out = path.join(dir, 'out', 'flags.csv');
    const summary = runReplyCheck({ in: input, out, corpus: true });
    expect(summary).toMatch(/^reply-check: 7 replies, \d+ flagged \(too_short \d+, boilerplate \d+/);
    const { rows } = parseCsvTable(fs.readFileSync(out, 'utf8'), ['留言编号', 'flags']);
    expect(rows.map((r) => r['留言编号'])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const flags = Object.fromEntries(rows.map((r) => [r['留言编号'], r.flags!.split(';').filter(Boolean)]));
    expect(flags['1']).toEqual([]);
    expect(flags['2']).toEqual(expect.arrayContaining(['boilerplate', 'no_concrete_answer']));
    expect(flags['3']).toContain('no_concrete_answer');
    expect(flags['4']).toEqual(['too_short']);
    expect(flags['5']).toEqual(['too_short']);
    expect(flags['6']).toEqual([]);
    expect(flags['7']).not.toContain('too_short');
    expect(rows[0]!.reply_days).toBe('1.0');
    expect(rows[0]!.reply_workdays).toBe('1');
    expect(rows[1]!.evidence).toContain('boilerplate: ');
    // No reply time, a reply stamped before the question, and a broken date: left blank.
    expect([rows[3]!.reply_days, rows[4]!.reply_workdays, rows[6]!.reply_days]).toEqual(['', '', '']);
  });

  it('runs through npm with nothing on stdout, and fails with one line for a bad file', () => {
    const input = write('ok.csv', formatCsv([HEADER, ...ROWS.slice(0, 3)]));
    const out = path.join(dir, 'npm-flags.csv');
    const ok = spawnSync('npm', ['run', '-s', 'reply-check', '--', '--in', input, '--out', out, '--no-corpus'], { cwd: repoRoot, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
    expect(ok.stderr).toMatch(/^reply-check: 3 replies/);
    expect(fs.existsSync(out)).toBe(true);
    const noColumn = write('bad.csv', '留言编号,留言主题\n1,x\n');
    const bad = spawnSync('npm', ['run', '-s', 'reply-check', '--', '--in', noColumn, '--out', path.join(dir, 'never.csv')], { cwd: repoRoot, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('答复意见');
    expect(fs.existsSync(path.join(dir, 'never.csv'))).toBe(false);
  });

  it('parses its arguments strictly', () => {
    expect(parseArgs(['--in', 'a.csv', '--out=b.csv'])).toEqual({ in: 'a.csv', out: 'b.csv', corpus: true });
    expect(parseArgs(['--no-corpus', '--in=a.csv', '--out', 'b.csv']).corpus).toBe(false);
    expect(() => parseArgs(['--in', 'a.csv'])).toThrow(/missing --out/);
    expect(() => parseArgs(['--in', '--out', 'b.csv'])).toThrow(/needs a file name/);
    expect(() => parseArgs(['--input', 'a.csv'])).toThrow(/unknown argument/);
    expect(() => runReplyCheck({ in: path.join(dir, 'missing.csv'), out: path.join(dir, 'x.csv'), corpus: true })).toThrow(/no such file/);
    const latin1 = path.join(dir, 'latin1.csv');
    fs.writeFileSync(latin1, Buffer.from([0x41, 0xe9, 0x0a]));
    expect(() => runReplyCheck({ in: latin1, out: path.join(dir, 'x.csv'), corpus: true })).toThrow(/not UTF-8/);
  });
});

describe('reply time', () => {
  it('reads the board’s date formats and counts Monday–Friday days', () => {
    expect(parseBoardTime('2019/4/25 9:32:09')?.toISOString()).toBe('2019-04-25T09:32:09.000Z');
    expect(parseBoardTime('2019-04-08 08:37')?.toISOString()).toBe('2019-04-08T08:37:00.000Z');
    expect(parseBoardTime('2019/4/25')?.toISOString()).toBe('2019-04-25T00:00:00.000Z');
    for (const bad of ['', '2019/2/30 9:00', '25/4/2019', '答复时间']) expect(parseBoardTime(bad)).toBeNull();
    // Friday 2019-04-26 → Monday 2019-04-29: one working day; the same day: none.
    expect(workdaysBetween(new Date('2019-04-26T10:00:00Z'), new Date('2019-04-29T09:00:00Z'))).toBe(1);
    expect(workdaysBetween(new Date('2019-04-26T10:00:00Z'), new Date('2019-04-26T18:00:00Z'))).toBe(0);
    expect(workdaysBetween(new Date('2019-04-01T10:00:00Z'), new Date('2019-04-22T10:00:00Z'))).toBe(15);
  });

  it('gives median, p90, share over 15 working days, and leaves out replies stamped before the question', () => {
    const d = (s: string) => new Date(s);
    const stats = replyTimeStats([
      { askedAt: d('2019-04-01T00:00:00Z'), repliedAt: d('2019-04-01T12:00:00Z') },
      { askedAt: d('2019-04-01T00:00:00Z'), repliedAt: d('2019-04-03T00:00:00Z') },
      { askedAt: d('2019-04-01T00:00:00Z'), repliedAt: d('2019-04-30T00:00:00Z') },
      { askedAt: d('2019-04-05T00:00:00Z'), repliedAt: d('2019-04-01T00:00:00Z') },
      { askedAt: null, repliedAt: d('2019-04-01T00:00:00Z') },
    ]);
    expect(stats).toEqual({ rows: 3, medianDays: 2, p90Days: 29, overFifteenWorkdays: 1, sameDay: 1, negative: 1 });
  });
});
