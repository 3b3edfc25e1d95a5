import { stars, type Found } from './spans.js';

// Numbers that identify a person, in the view (digits already ASCII): mobile and landline
// numbers, ID numbers, and any other long run of digits. A number may be written in groups
// (138 1234 5678, 138-1234-5678, 138.1234.5678, 1101 0119 9003 0712 34, （010）12345678), so runs
// of digit groups are read as a whole and cut into what they hold. Dates, times and 工单编号 stay;
// so do quantities (1200000元) and short numbers (3天, 2路, 12345热线). Any other run of 7 or more
// digits is masked: when in doubt, mask.

/** Separators inside a written number. */
const HARD = ' \\t\\u00a0.\\-_/\\\\·•・‧∙—–―~:|()';
/** Separators that also write lists (1、2、3) and thousands (1,000): only a phone or ID number is read across them. */
const SOFT = ',、。;';
const RUN = new RegExp(`\\d+(?:[${HARD}${SOFT}]{1,3}\\d+)*(?:[${HARD}]{0,3}[Xx](?![A-Za-z]))?`, 'g');
const SOFT_CHAR = new RegExp(`[${SOFT}]`);

interface Group {
  /** Digits, and the check character X of an ID number. */
  digits: string;
  start: number;
  end: number;
  /** The separator before it (empty for the first). */
  before: string;
}

function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  let before = '';
  for (const m of run.matchAll(/\d+|[Xx]|[^\dXx]+/g)) {
    const at = offset + m.index;
    if (/^\d+$/.test(m[0])) {
      groups.push({ digits: m[0], start: at, end: at + m[0].length, before });
      before = '';
    } else if (/^[Xx]$/.test(m[0])) {
      const last = groups[groups.length - 1]!;
      last.digits += 'X';
      last.end = at + 1;
    } else before = m[0];
  }
  return groups;
}

const MOBILE = /^(?:0086|86)?(1[3-9]\d{9})$/;
const LANDLINE = /^0[1-9]\d{8,10}$/;
const ID18 = /^\d{17}[\dX]$/;
const MATTER_NUMBER = /^20\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{6,8}$/;

const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
const isYear = (s: string) => /^(?:19|20)\d\d$/.test(s);
/** yymmdd of a 15-digit ID number. */
const validYymmdd = (s: string) => validDay(1900 + Number(s.slice(0, 2)), Number(s.slice(2, 4)), Number(s.slice(4, 6)));

type Sensitive = 'mobile' | 'landline' | 'id' ;

function sensitiveKind(digits: string): Sensitive | null {
  if (MOBILE.test(digits)) return 'mobile';
  if (ID18.test(digits) || (/^\d{15}$/.test(digits) && validYymmdd(digits.slice(6, 12)))) return 'id';
  if (LANDLINE.test(digits)) return 'landline';
  return null;
}

/** 13,800,000,000 is an amount, not a phone number read across its commas. */
function looksLikeThousands(groups: readonly Group[]): boolean {
  return groups.length > 1 && groups[0]!.digits.length <= 3 && groups.slice(1).every((g) => g.digits.length === 3 && g.before.trim() === ',');
}

/** 6222、0202、1234、5678 is a card number in groups; 1、2、3 and 2019、2020 are lists. */
const joinsAcrossSoft = (a: Group, b: Group) => [a, b].every((g) => g.digits.length >= 3 && !isYear(g.digits));

/** How many groups from `i` a date, a time or a 工单编号 takes (0: none). */
function keptLength(text: string, groups: readonly Group[], i: number): number {
  const g = (k: number) => groups[i + k];
  const sep = (k: number) => g(k)?.before.trim() ?? '';
  const dateSep = (k: number) => ['-', '/', '.', ''].includes(sep(k)) && !SOFT_CHAR.test(g(k)!.before);
  const first = g(0)!;
  if (MATTER_NUMBER.test(first.digits)) return 1;
  if (isYear(first.digits) && text.startsWith('年', first.end)) return 1;
  if (/^\d{8}$/.test(first.digits) && isYear(first.digits.slice(0, 4)) && validDay(Number(first.digits.slice(0, 4)), Number(first.digits.slice(4, 6)), Number(first.digits.slice(6)))) return 1;
  if (isYear(first.digits) && g(1) && /^\d{1,2}$/.test(g(1)!.digits) && dateSep(1)) {
    const y = Number(first.digits);
    const m = Number(g(1)!.digits);
    if (g(2) && /^\d{1,2}$/.test(g(2)!.digits) && sep(2) === sep(1) && validDay(y, m, Number(g(2)!.digits))) return 3;
    if (m >= 1 && m <= 12) return 2;
  }
  // hh:mm and hh:mm:ss
  if (/^\d{1,2}$/.test(first.digits) && Number(first.digits) <= 24 && g(1) && /^\d{2}$/.test(g(1)!.digits) && sep(1) === ':' && Number(g(1)!.digits) <= 59) {
    return g(2) && /^\d{2}$/.test(g(2)!.digits) && sep(2) === ':' ? 3 : 2;
  }
  return 0;
}

/** Measures, amounts and counts written after a number: 1200000元, 3.5米, 2000000平方米. */
const QUANTITY_AFTER = /^\s?(?:元|块|角|万|亿|千|百|美元|港币|米|千米|公里|厘米|毫米|km|cm|mm|m2|m|平|亩|公顷|吨|斤|公斤|kg|克|g|升|毫升|ml|l|度|千瓦|kw|瓦|w|伏|人|户|次|个|件|辆|台|套|间|天|日|小时|分钟|秒|年|月|周|岁|笔|张|份|株|棵|只|头|条|本|册|字|页|倍|%|‰)/i;
const CURRENCY_BEFORE = /[¥$€£]\s?$/;

function isQuantity(text: string, groups: readonly Group[]): boolean {
  if (groups.length > 2 || (groups.length === 2 && groups[1]!.before !== '.')) return false;
  const last = groups[groups.length - 1]!;
  return QUANTITY_AFTER.test(text.slice(last.end, last.end + 4)) || CURRENCY_BEFORE.test(text.slice(Math.max(0, groups[0]!.start - 2), groups[0]!.start));
}

function maskOf(kind: Sensitive | 'other', digits: string, groups: readonly Group[]): string {
  switch (kind) {
    case 'mobile': {
      const core = MOBILE.exec(digits)![1]!;
      return `${core.slice(0, 3)}****${core.slice(-4)}`;
    }
    case 'landline': {
      const written = groups.length > 1 && /^0\d{2,3}$/.test(groups[0]!.digits) ? groups[0]!.digits.length : 0;
      const areaLength = written || (/^0[12]/.test(digits) ? 3 : 4);
      const local = digits.slice(areaLength);
      return `${digits.slice(0, areaLength)}-${stars(local.length - 2)}${local.slice(-2)}`;
    }
    case 'id':
      // The shape only: region, birth date and the last digits all identify.
      return `${digits[0]}${stars(digits.length - 2)}${digits[digits.length - 1]}`;
    default:
      return `${digits.slice(0, 2)}${stars(digits.length - 4)}${digits.slice(-2)}`;
  }
}

const joinDigits = (groups: readonly Group[]) => groups.map((g) => g.digits).join('');

/** The longest run of groups from `i` that is a phone or ID number. */
function sensitiveAt(groups: readonly Group[], i: number): { length: number; kind: Sensitive } | null {
  let best: { length: number; kind: Sensitive } | null = null;
  let digits = '';
  for (let j = i; j < groups.length && digits.length <= 20; j++) {
    digits += groups[j]!.digits;
    const window = groups.slice(i, j + 1);
    const kind = sensitiveKind(digits);
    if (kind && !looksLikeThousands(window)) best = { length: j - i + 1, kind };
  }
  return best;
}

function maskRun(text: string, groups: Group[], out: Found[]): void {
  const found: Found[] = [];
  let shownDigits = 0;
  let leftover: Group[] = [];
  const flush = () => {
    const digits = joinDigits(leftover);
    if (digits.length >= 7 && !isQuantity(text, leftover)) {
      found.push({ start: leftover[0]!.start, end: leftover[leftover.length - 1]!.end, mask: maskOf(digits.length === 18 ? 'id' : 'other', digits, leftover) });
    } else if (leftover.length && !isQuantity(text, leftover) && !SOFT_CHAR.test(leftover[0]!.before)) shownDigits += digits.length;
    // (3天 after a phone number, or 1 in "，1楼", is a thing of its own, not the rest of a card number.)
    leftover = [];
  };
  for (let i = 0; i < groups.length; ) {
    const hit = sensitiveAt(groups, i);
    if (hit) {
      flush();
      const window = groups.slice(i, i + hit.length);
      let start = window[0]!.start;
      // +86 138…, （0473）1234567: the sign and the bracket go with the number.
      if (text[start - 1] === '+' || (text[start - 1] === '(' && window.some((g) => g.before.includes(')')))) start -= 1;
      found.push({ start, end: window[window.length - 1]!.end, mask: maskOf(hit.kind, joinDigits(window), window) });
      i += hit.length;
      continue;
    }
    const kept = keptLength(text, groups, i);
    if (kept) {
      flush();
      i += kept;
      continue;
    }
    if (leftover.length && SOFT_CHAR.test(groups[i]!.before) && !joinsAcrossSoft(leftover[leftover.length - 1]!, groups[i]!)) flush();
    leftover.push(groups[i]!);
    i++;
  }
  flush();
  // 6222 0202 1234 5678 901 is one long number, not a landline inside it with the rest shown.
  const all = joinDigits(groups);
  if (found.length && shownDigits && all.length >= 12) out.push({ start: groups[0]!.start, end: groups[groups.length - 1]!.end, mask: maskOf('other', all, groups) });
  else out.push(...found);
}

/** A number the writer masked only in part (110101********1234): still an ID number's region and last digits. */
const HALF_MASKED_ID = /(?<![\dA-Za-z*])\d{1,6}\*{4,}\d{0,4}[\dX]?(?![\dA-Za-z*])/gi;

export function findNumbers(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(RUN)) maskRun(text, groupsOf(m[0], m.index), found);
  for (const m of text.matchAll(HALF_MASKED_ID)) {
    if (m[0].length === 15 || m[0].length === 18) found.push({ start: m.index, end: m.index + m[0].length, mask: maskOf('id', m[0], []) });
  }
  return found;
}
