import fs from 'node:fs';
import path from 'node:path';
import { REPLY_FLAGS, type ReplyCheckResult } from '@fengqiao/shared';
import { UsageError } from './classify-cli.js';
import { CsvError, formatCsv, parseCsvTable } from './csv.js';
import { checkReply, ReplyCorpus } from './reply-check.js';

// `npm run -s reply-check -- --in replies.csv --out flags.csv [--no-corpus]`: checks every reply
// of a message-board export (留言编号, 留言主题, 留言详情, 答复意见, optional 留言时间, 答复时间)
// and writes one row per message: its flags, their evidence, the scores and the reply time.
// The whole file is the corpus (formula clauses, copies) unless --no-corpus. Nothing on stdout;
// a summary on stderr; exit code 1 with one line on stderr for anything the user can fix.

const USAGE = 'usage: npm run -s reply-check -- --in replies.csv --out flags.csv [--no-corpus]';
const COLUMNS = { id: '留言编号', title: '留言主题', detail: '留言详情', reply: '答复意见', askedAt: '留言时间', repliedAt: '答复时间' } as const;

export interface ReplyCheckArgs {
  in: string;
  out: string;
  corpus: boolean;
}

export function parseArgs(argv: readonly string[]): ReplyCheckArgs {
  const found: Partial<Record<'in' | 'out', string>> = {};
  let corpus = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-corpus') {
      corpus = false;
      continue;
    }
    const match = /^--(in|out)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (!value || value.startsWith('--')) throw new UsageError(`--${match[1]} needs a file name\n${USAGE}`);
    found[match[1] as 'in' | 'out'] = value;
  }
  if (!found.in || !found.out) throw new UsageError(`missing ${[found.in ? '' : '--in', found.out ? '' : '--out'].filter(Boolean).join(', ')}\n${USAGE}`);
  return { in: found.in, out: found.out, corpus };
}

export interface ReplyRow {
  id: string;
  title: string;
  detail: string;
  reply: string;
  askedAt: string;
  repliedAt: string;
}

export function readReplies(file: string): ReplyRow[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`input file ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`input file ${file}: not UTF-8 text (save it as UTF-8 CSV)`);
  }
  try {
    return parseCsvTable(text, [COLUMNS.id, COLUMNS.reply]).rows.map((r) => ({
      id: r[COLUMNS.id]!.trim(),
      title: (r[COLUMNS.title] ?? '').trim(),
      detail: (r[COLUMNS.detail] ?? '').trim(),
      reply: r[COLUMNS.reply]!.trim(),
      askedAt: (r[COLUMNS.askedAt] ?? '').trim(),
      repliedAt: (r[COLUMNS.repliedAt] ?? '').trim(),
    }));
  } catch (error) {
    if (error instanceof CsvError) throw new UsageError(`input file ${file}: ${error.message}`);
    throw error;
  }
}

/** 2019/4/25 9:32:09, 2019-04-25 09:32, 2019/4/25: read as wall-clock time (UTC arithmetic). */
export function parseBoardTime(s: string): Date | null {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
  return Number.isNaN(d.getTime()) || d.getUTCDate() !== +m[3]! ? null : d;
}

/** Monday to Friday days after the asking day up to the reply day (public holidays not known here). */
export function workdaysBetween(from: Date, to: Date): number {
  const day = (d: Date) => Math.floor(d.getTime() / 86_400_000);
  let n = 0;
  for (let d = day(from) + 1; d <= day(to); d++) {
    const weekday = new Date(d * 86_400_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) n++;
  }
  return n;
}

export interface ReplyTimeStats {
  rows: number;
  medianDays: number;
  p90Days: number;
  overFifteenWorkdays: number;
  sameDay: number;
  /** Reply stamped before the message: a data error, left out of the figures. */
  negative: number;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export function replyTimeStats(pairs: readonly { askedAt: Date | null; repliedAt: Date | null }[]): ReplyTimeStats {
  const days: number[] = [];
  let over = 0;
  let sameDay = 0;
  let negative = 0;
  for (const { askedAt, repliedAt } of pairs) {
    if (!askedAt || !repliedAt) continue;
    const d = (repliedAt.getTime() - askedAt.getTime()) / 86_400_000;
    if (d < 0) {
      negative++;
      continue;
    }
    days.push(d);
    if (workdaysBetween(askedAt, repliedAt) > 15) over++;
    if (askedAt.toISOString().slice(0, 10) === repliedAt.toISOString().slice(0, 10)) sameDay++;
  }
  days.sort((a, b) => a - b);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return { rows: days.length, medianDays: r1(quantile(days, 0.5)), p90Days: r1(quantile(days, 0.9)), overFifteenWorkdays: over, sameDay, negative };
}

export interface ReplyCheckRun {
  rows: ReplyRow[];
  results: ReplyCheckResult[];
}

/** Checks every row; with `corpus` the file's own replies are the corpus. */
export function checkRows(rows: readonly ReplyRow[], corpus: boolean): ReplyCheckResult[] {
  let built: ReplyCorpus | undefined;
  if (corpus) {
    built = new ReplyCorpus();
    for (const r of rows) built.add({ title: r.title, detail: r.detail }, r.reply);
  }
  return rows.map((r) => checkReply({ question: { title: r.title, detail: r.detail }, reply: r.reply }, { corpus: built, selfInCorpus: corpus }));
}

const OUT_HEADER = ['留言编号', 'flags', 'evidence', 'length', 'content_chars', 'template_share', 'relevance', 'key_term_coverage', 'questions_asked', 'questions_addressed', 'copies', 'reply_days', 'reply_workdays'];

export function runReplyCheck(args: ReplyCheckArgs): string {
  const started = performance.now();
  const rows = readReplies(args.in);
  const results = checkRows(rows, args.corpus);
  const out: string[][] = [OUT_HEADER];
  const counts = new Map<string, number>(REPLY_FLAGS.map((f) => [f, 0]));
  let flagged = 0;
  const times = rows.map((r) => ({ askedAt: parseBoardTime(r.askedAt), repliedAt: parseBoardTime(r.repliedAt) }));
  rows.forEach((row, i) => {
    const { flags, scores } = results[i]!;
    if (flags.length) flagged++;
    for (const f of flags) counts.set(f.code, counts.get(f.code)! + 1);
    const { askedAt, repliedAt } = times[i]!;
    const days = askedAt && repliedAt ? ((repliedAt.getTime() - askedAt.getTime()) / 86_400_000).toFixed(1) : '';
    out.push([
      row.id,
      flags.map((f) => f.code).join(';'),
      flags.map((f) => `${f.code}: ${f.evidence.join(' / ')}`).join(' | '),
      String(scores.length),
      String(scores.contentChars),
      String(scores.templateShare),
      String(scores.relevance),
      String(scores.keyTermCoverage),
      String(scores.questionsAsked),
      String(scores.questionsAddressed),
      String(scores.copies),
      days,
      askedAt && repliedAt && repliedAt >= askedAt ? String(workdaysBetween(askedAt, repliedAt)) : '',
    ]);
  });
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  const temporary = `${args.out}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, formatCsv(out));
  fs.renameSync(temporary, args.out);
  const t = replyTimeStats(times);
  const perFlag = [...counts].map(([code, n]) => `${code} ${n}`).join(', ');
  return (
    `reply-check: ${rows.length} replies, ${flagged} flagged (${perFlag}) in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `reply time median ${t.medianDays} d, p90 ${t.p90Days} d, over 15 working days ${t.overFifteenWorkdays} of ${t.rows}; wrote ${args.out}`
  );
}

export function main(argv: readonly string[]): number {
  try {
    process.stderr.write(`${runReplyCheck(parseArgs(argv))}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`reply-check: ${error instanceof UsageError ? error.message : (error as Error).stack}\n`);
    return 1;
  }
}
