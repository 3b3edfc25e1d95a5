import { Converter } from 'opencc-js/t2cn';

// Text normalisation before segmentation and classification: one form for what citizens type
// in many forms (full-width letters and digits, traditional characters, Chinese numerals).
// Runs offline: OpenCC's traditional→simplified tables ship inside the opencc-js package.

/** Traditional (OpenCC standard) → mainland simplified, phrases first, then characters. */
let converter: ((text: string) => string) | null = null;
/** 1 for each BMP character that OpenCC changes when it stands alone: a traditional form. */
let traditionalBmp: Uint8Array | null = null;
/** The same answer for characters outside the BMP, filled in as they are met. */
const traditionalAstral = new Map<string, boolean>();

function convert(text: string): string {
  return (converter ??= Converter({ from: 't', to: 'cn' }))(text);
}

/** Built on first use from OpenCC itself (about 30k CJK code points, some tens of ms). */
function traditionalTable(): Uint8Array {
  if (!traditionalBmp) {
    const table = new Uint8Array(0x10000);
    for (const [from, to] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]] as const) {
      for (let code = from; code <= to; code++) {
        const c = String.fromCharCode(code);
        if (convert(c) !== c) table[code] = 1;
      }
    }
    traditionalBmp = table;
  }
  return traditionalBmp;
}

function isTraditional(c: string): boolean {
  if (c.length === 1) return traditionalTable()[c.charCodeAt(0)] === 1;
  let known = traditionalAstral.get(c);
  if (known === undefined) traditionalAstral.set(c, (known = convert(c) !== c));
  return known;
}

/**
 * Traditional characters become simplified ones (後來這裡 → 后来这里). OpenCC's phrase tables are
 * written for traditional input and rewrite a few simplified phrases too (打坏 → 打坯), so only
 * characters that are traditional on their own change; text without any (nearly every
 * message) is returned as it is, without running OpenCC at all.
 */
export function toSimplified(text: string): string {
  const table = traditionalTable();
  let found = false;
  for (let i = 0; i < text.length && !found; i++) {
    const code = text.charCodeAt(i);
    found = table[code] === 1 || (code >= 0xd800 && code <= 0xdbff);
  }
  if (!found) return text;
  const out = convert(text);
  const before = [...text];
  const after = [...out];
  if (before.length !== after.length) return out;
  for (let i = 0; i < before.length; i++) if (after[i] !== before[i] && !isTraditional(before[i]!)) after[i] = before[i]!;
  return after.join('');
}

/**
 * Full-width → half-width and compatibility forms → plain ones (NFKC: ＡＢＣ１２３ → ABC123,
 * ① → 1, ㎡ → m2), lower case, invisible characters removed, runs of spaces collapsed.
 * Chinese punctuation that has no half-width twin (。、《》) stays.
 */
export function toHalfWidth(text: string): string {
  return (
    text
      // Spreadsheets escape characters as _xHHHH_ (a carriage return exported as _x000D_).
      .replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/\r\n?/g, '\n')
      .normalize('NFKC')
      .toLowerCase()
      // Zero-width characters (but the joiner inside emoji), BOMs, soft hyphens and C0/C1
      // controls other than tab and newline.
      .replace(/[\u200b\u200c\u200e\u200f\u2060\ufeff\u00ad\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
      // A lone surrogate (broken emoji from a truncated string) cannot be encoded: drop it.
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/[ \t\u00a0\u3000]+/g, ' ')
      .replace(/ *\n[\s]*/g, '\n')
      .trim()
  );
}

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
const UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };
const NUMERAL_RUN = /[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿]{2,}/g;

/**
 * Value of a Chinese numeral such as 一千零五 (1005), 二十 (20), 十二 (12), 两万五 (25,000, the
 * colloquial dropped unit), 二〇一九 (2019, digit by digit); null when the run is not one
 * well-formed number (十一五, 千万 "be sure to", 万一 "in case").
 */
export function parseChineseNumber(run: string): number | null {
  const chars = [...run];
  if (chars.length === 0 || !chars.every((c) => c in DIGIT || c in UNIT || c in BIG_UNIT)) return null;
  if (chars.every((c) => c in DIGIT)) return Number(chars.map((c) => DIGIT[c]).join(''));
  let total = 0; // value of the completed 亿 and 万 sections
  let section = 0; // value below the current 万
  let digit: number | null = null;
  let lastUnit: number | null = null; // units inside a section must fall: 三千五百, never 十百
  let zeroBetween = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const d = DIGIT[c];
    const unit = UNIT[c];
    if (d !== undefined) {
      if (d === 0) {
        if (digit !== null) return null;
        zeroBetween = true;
      } else {
        if (digit !== null) return null; // two digits in a row: 十一五
        digit = d;
      }
    } else if (unit !== undefined) {
      // Only 十 may stand without a digit, and only first (十二); 千万 is a word, not a number.
      if (digit === null && !(unit === 10 && i === 0)) return null;
      if (lastUnit !== null && unit >= lastUnit) return null;
      section += (digit ?? 1) * unit;
      lastUnit = unit;
      digit = null;
      zeroBetween = false;
    } else {
      const big = BIG_UNIT[c]!;
      const value = section + (digit ?? 0);
      if (value === 0) return null; // 万一, 亿万
      total += value * big;
      section = 0;
      digit = null;
      lastUnit = null;
      zeroBetween = false;
    }
  }
  if (digit !== null) {
    // 三百五 is 350 and 两万五 25,000: a final digit right after a unit above 十 takes the next
    // lower unit, unless a zero stood between them (三百零五 is 305).
    const prev = chars[chars.length - 2] ?? '';
    const prevUnit = UNIT[prev] ?? BIG_UNIT[prev];
    if (!zeroBetween && prevUnit !== undefined && prevUnit > 10) total += (digit * prevUnit) / 10;
    else section += digit;
  }
  return total + section;
}

/**
 * Chinese numerals that clearly are numbers become Arabic digits (三十五岁 → 35岁, 二〇一九年 →
 * 2019年, 两万五千元 → 25000元); words built from numeral characters stay (一些, 统一, 千万,
 * 五一, 三四年). Thousands separators go (1,000 → 1000).
 */
export function normalizeNumbers(text: string): string {
  return text
    .replace(NUMERAL_RUN, (run, offset: number, whole: string) => {
      const chars = [...run];
      const digitsOnly = chars.every((c) => c in DIGIT);
      // Digit by digit is a number only with a zero in it (二〇一九, 一零一) or as a year of four.
      if (digitsOnly && !/[〇零]/.test(run) && !(chars.length === 4 && whole[offset + run.length] === '年')) return run;
      const value = parseChineseNumber(run);
      return value === null || !Number.isSafeInteger(value) ? run : String(value);
    })
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

export interface NormalizeOptions {
  /** Convert traditional characters to simplified (default true). */
  simplified?: boolean;
  /** Convert Chinese numerals to digits (default true). */
  numbers?: boolean;
}

/** The whole normalisation: width and case, then traditional → simplified, then numbers. */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  let out = toHalfWidth(text);
  if (options.simplified !== false) out = toSimplified(out);
  if (options.numbers !== false) out = normalizeNumbers(out);
  return out;
}
