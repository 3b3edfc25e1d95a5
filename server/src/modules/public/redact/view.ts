import { parseChineseNumber, toSimplified } from '../../text/normalize.js';

// The text the redactor matches on, with the way back to what the citizen wrote. Citizens write
// a phone number as 一三八…, １３８…, 138­1234 (an invisible soft hyphen) or 幺三八…, an e-mail with a
// full-width ＠, a name in traditional characters: each character of the view is the NFKC form
// of one source character, simplified, with Chinese numerals as digits, and knows the source
// range it came from. The output is built from the source, so outside masked spans it keeps the
// citizen's own characters (text/normalize.ts is the classifier's view and is left as it is).

export interface TextView {
  /** The normalised text. */
  text: string;
  /** Source range [from[i], to[i]) of the view's i-th UTF-16 unit. */
  from: number[];
  to: number[];
}

/** Characters that show nothing: dropped, so 138<ZWSP>1234 is one run of digits. */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f]/;

const DIGIT_OF: Record<string, string> = {
  零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
  壹: '1', 贰: '2', 叁: '3', 肆: '4', 伍: '5', 陆: '6', 柒: '7', 捌: '8', 玖: '9',
};
const UNITS = '十拾百佰千仟万';
const NUMERAL_RUN = new RegExp(`[${Object.keys(DIGIT_OF).join('')}${UNITS}]+`, 'g');

interface Piece {
  text: string;
  from: number;
  to: number;
}

/** Width, compatibility forms and traditional characters, one source character at a time. */
function characters(source: string): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < source.length; ) {
    const cp = source.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const ch = source.slice(i, i + len);
    if (!INVISIBLE.test(ch)) {
      for (const out of ch.normalize('NFKC')) {
        const code = out.codePointAt(0)!;
        pieces.push({ text: code >= 0x3400 && code <= 0x9fff ? toSimplified(out) : out, from: i, to: i + len });
      }
    }
    i += len;
  }
  return pieces;
}

/** What a lone numeral of an address is followed by: 二单元, 三号楼, 五层, 八栋, 三#. */
const ADDRESS_AFTER = /^(?:单元|号|栋|幢|座|层|室|门|#)/;

/**
 * A digit follows (一3812345678), an address word, or a digit precedes and no Chinese character
 * follows (1529２一.一９…); 13812345678一直打不通 keeps its 一.
 */
function loneNumeralIsDigit(pieces: readonly Piece[], first: number, last: number): boolean {
  const before = pieces[first - 1]?.text ?? '';
  const after = pieces.slice(last + 1, last + 3).map((p) => p.text).join('');
  return /^\d/.test(after) || ADDRESS_AFTER.test(after) || (/\d$/.test(before) && !/^[\u3400-\u9fff]/.test(after));
}

/**
 * Chinese numerals as digits: digit by digit (一三八 → 138, 五零一 → 501) or, with units, as the
 * number they write (五百零一 → 501, 十二 → 12), the digits then standing for the whole run.
 * A run that is no well-formed number (千万, 三四百) keeps its units and loses only its digits.
 */
function numerals(pieces: Piece[]): Piece[] {
  const joined = pieces.map((p) => p.text).join('');
  // Index of the piece each UTF-16 unit of `joined` belongs to.
  const owner: number[] = [];
  pieces.forEach((p, k) => {
    for (let u = 0; u < p.text.length; u++) owner.push(k);
  });
  const out: Piece[] = [];
  let next = 0;
  for (const m of joined.matchAll(NUMERAL_RUN)) {
    const first = owner[m.index]!;
    const last = owner[m.index + m[0].length - 1]!;
    out.push(...pieces.slice(next, first));
    const run = pieces.slice(first, last + 1);
    // 陆 and 伍 alone are surnames more often than digits (陆 is the capital 6); 一直, 一楼的, 三天 are
    // words: a lone numeral is a digit only among digits or in an address (二单元, 三号楼, 五层).
    if (m[0].length === 1 && !(m[0] in DIGIT_OF && '零〇一二三四五六七八九'.includes(m[0]) && loneNumeralIsDigit(pieces, first, last)) && !UNITS.includes(m[0])) {
      out.push(...run);
      next = last + 1;
      continue;
    }
    const hasUnit = [...m[0]].some((c) => UNITS.includes(c));
    const value = hasUnit ? parseChineseNumber(m[0].replaceAll('幺', '一')) : null;
    if (value !== null && Number.isSafeInteger(value)) {
      for (const d of String(value)) out.push({ text: d, from: run[0]!.from, to: run[run.length - 1]!.to });
    } else {
      for (const p of run) out.push({ ...p, text: DIGIT_OF[p.text] ?? p.text });
    }
    next = last + 1;
  }
  out.push(...pieces.slice(next));
  return out;
}

export function viewOf(source: string): TextView {
  const view: TextView = { text: '', from: [], to: [] };
  const parts: string[] = [];
  for (const p of numerals(characters(source))) {
    parts.push(p.text);
    for (let u = 0; u < p.text.length; u++) {
      view.from.push(p.from);
      view.to.push(p.to);
    }
  }
  view.text = parts.join('');
  return view;
}

/** The source range of the view's [start, end). */
export function sourceRange(view: TextView, start: number, end: number): [number, number] {
  return [view.from[start]!, view.to[end - 1]!];
}
