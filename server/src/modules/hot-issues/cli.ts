import fs from 'node:fs';
import path from 'node:path';
import { CsvError, formatCsv, parseCsvTable } from '../text/csv.js';
import { detectHotIssues, type HotIssue, type HotMessage } from './engine.js';

// `npm run -s hot-issues -- --in hot_issues.csv --out clusters.csv [--top 10] [--window-days N] [--link-days N]`
// Reads message-board rows (留言编号, 留言用户, 留言主题, 留言时间, 留言详情, 反对数, 点赞数), writes one
// row per hot issue, hottest first, and with --top N prints those N as a Markdown table on stdout.
// One summary line (rows, groups, seconds, rows/s) on stderr; exit code 1 with a message on error.

export class UsageError extends Error {
  override name = 'UsageError';
}

const USAGE = 'usage: npm run -s hot-issues -- --in MESSAGES.csv --out CLUSTERS.csv [--top N] [--window-days N] [--link-days N]';
const COLUMNS = { id: '留言编号', user: '留言用户', title: '留言主题', time: '留言时间', text: '留言详情', likes: '点赞数' } as const;

export interface HotIssueArgs {
  in: string;
  out: string;
  top: number;
  /** The window ends at the newest message; by default it reaches back to the oldest. */
  windowDays: number | null;
  linkDays: number;
}

export function parseArgs(argv: readonly string[]): HotIssueArgs {
  const found: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--(in|out|top|window-days|link-days)(?:=(.*))?$/.exec(argv[i]!);
    if (!match) throw new UsageError(`unknown argument ${JSON.stringify(argv[i])}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (!value || value.startsWith('--')) throw new UsageError(`--${match[1]} needs a value\n${USAGE}`);
    found[match[1]!] = value;
  }
  if (!found.in || !found.out) throw new UsageError(`missing ${['in', 'out'].filter((k) => !found[k]).map((k) => `--${k}`).join(', ')}\n${USAGE}`);
  const number = (name: string, fallback: number | null) => {
    if (found[name] === undefined) return fallback;
    const n = Number(found[name]);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of 1 or more, got ${JSON.stringify(found[name])}`);
    return n;
  };
  return { in: found.in, out: found.out, top: number('top', 0)!, windowDays: number('window-days', null), linkDays: number('link-days', 30)! };
}

/** 2019/2/28 11:25:05, 2019/08/01 or 2019-02-28T11:25 in Asia/Shanghai time; null when unreadable. */
export function parseTime(value: string): Date | null {
  const m = /^\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  return new Date(Date.UTC(y, mo - 1, d, h - 8, mi, s));
}

export function readMessages(file: string): HotMessage[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code ? (error as Error).message : 'not UTF-8 text (save it as UTF-8 CSV)'}`);
  }
  let rows;
  try {
    rows = parseCsvTable(text, [COLUMNS.id, COLUMNS.title, COLUMNS.time]).rows;
  } catch (error) {
    if (error instanceof CsvError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  return rows.map((row, i) => {
    const time = parseTime(row[COLUMNS.time]!);
    if (!time) throw new UsageError(`${file}: row ${i + 2} has an unreadable ${COLUMNS.time} ${JSON.stringify(row[COLUMNS.time])}`);
    return {
      id: row[COLUMNS.id]!.trim(),
      title: row[COLUMNS.title]!.trim(),
      text: (row[COLUMNS.text] ?? '').trim(),
      time,
      reporter: row[COLUMNS.user]?.trim() || null,
      likes: Number(row[COLUMNS.likes]) || 0,
    };
  });
}

const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The newest message ends the window; by default the window reaches back to the oldest. */
export function clusterMessages(messages: readonly HotMessage[], args: Pick<HotIssueArgs, 'windowDays' | 'linkDays'>): HotIssue[] {
  if (messages.length === 0) return [];
  const times = messages.map((m) => m.time.getTime());
  const newest = Math.max(...times);
  const windowDays = args.windowDays ?? Math.ceil((newest - Math.min(...times)) / 86_400_000) + 1;
  return detectHotIssues(messages, { now: new Date(newest), windowDays, linkDays: args.linkDays });
}

export function clustersCsv(issues: readonly HotIssue[]): string {
  const rows = issues.map((h, i) => [
    String(i + 1), h.heat.toFixed(1), h.label, h.place ?? '', String(h.count), String(h.reporters), String(h.likes),
    day(h.firstAt), day(h.lastAt), h.employer ?? '', h.memberIds.join(';'),
  ]);
  return formatCsv([['rank', 'heat', 'label', 'place', 'count', 'distinct_users', 'likes', 'first', 'last', 'employer', 'message_ids'], ...rows]);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function topTable(issues: readonly HotIssue[], n: number): string {
  const head = '| # | 热点 (label) | 地点 (place) | 留言数 | 用户数 | 时间范围 | 点赞 | 热度 | 例 (留言编号) |\n|---|---|---|---|---|---|---|---|---|';
  const lines = issues.slice(0, n).map((h, i) =>
    `| ${i + 1} | ${cell(h.label)} | ${cell(h.place ?? '')} | ${h.count} | ${h.reporters} | ${day(h.firstAt)} – ${day(h.lastAt)} | ${h.likes} | ${h.heat.toFixed(1)} | ${h.memberIds.slice(0, 3).join(', ')} |`,
  );
  return [head, ...lines].join('\n');
}

export function runHotIssues(args: HotIssueArgs): { summary: string; table: string } {
  const started = performance.now();
  const messages = readMessages(args.in);
  const issues = clusterMessages(messages, args);
  const seconds = (performance.now() - started) / 1000;
  // Written beside the target and renamed, so a failed run never leaves half a file.
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  const temporary = `${args.out}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, clustersCsv(issues));
  fs.renameSync(temporary, args.out);
  const grouped = issues.reduce((s, h) => s + h.count, 0);
  return {
    summary: `hot-issues: ${messages.length} rows → ${issues.length} groups of 2 or more (${grouped} rows) in ${seconds.toFixed(1)} s (${Math.round(messages.length / seconds)} rows/s); wrote ${args.out}`,
    table: args.top > 0 ? topTable(issues, args.top) : '',
  };
}

export function main(argv: readonly string[]): number {
  try {
    const { summary, table } = runHotIssues(parseArgs(argv));
    if (table) process.stdout.write(`${table}\n`);
    process.stderr.write(`${summary}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`hot-issues: ${error instanceof UsageError ? error.message : (error as Error).stack}\n`);
    return 1;
  }
}
