import { normalizeText } from '../text/normalize.js';
import { segment } from '../text/segment.js';

// What a matter's text becomes in the search index, and what a search becomes as a query
// (docs/text/search.md). Both sides normalise alike (width, case, traditional → simplified,
// Chinese numerals), then:
//   - Han, kana and hangul runs (written without spaces) are stored as their overlapping
//     character pairs plus the run's last character, so a substring of two or more characters
//     is found by its pairs (下水 in 下水道, 乌海 in 乌海市) and one character as the prefix of a
//     pair (绊 → 绊倒);
//   - other letters and digits are stored as whole words (wifi, 12, 20261130000123), matched by
//     prefix; a 工单编号 also under its serial, with and without leading zeros (000123, 123);
//   - a query is split into words by jieba where two words of two or more characters meet
//     (噪音扰民 → 噪音 & 扰民, so the two apart match too); single characters and digits stay
//     glued to their neighbours (盖缺失路 stays one word, 盖井 never matches 井盖). Particles
//     (的, 和 …) and spaces separate words. Every lexeme of every word must be there.
// No positions are stored: on real messages phrase matching changed 0.5 % of the answers and
// cost a third more space (docs/text/search.md), and without it the GIN index answers exactly,
// with no recheck of the rows. The tsvector and tsquery are written here as literals of quoted
// lexemes: no text search configuration is involved (the effect is `simple` over these tokens).

/** Scripts written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
/** A longer word (a pasted URL, a run of letters) is cut: a lexeme has a size limit (2 KB). */
const MAX_WORD = 64;
/** A query is short (40 characters in the API); a bound anyway on how many words it ANDs. */
const MAX_QUERY_WORDS = 16;
/**
 * Particles that separate query words (路灯的问题 → 路灯 & 问题). Deliberately not the
 * classifier's stop words: 不, 没有, 楼下, 部门 … change or carry what a person searches for.
 */
const PARTICLES = new Set(['的', '了', '着', '过', '和', '与', '及', '或', '之', '地', '得', '吗', '呢', '吧', '啊', '呀']);
const isParticle = (token: string) => PARTICLES.has(token);

type Kind = 'cjk' | 'word';
/** A maximal run of one kind: text.slice(start, end). */
interface Run {
  kind: Kind;
  start: number;
  end: number;
}

/** The kind of the character at code point `code`; ASCII and CJK unified ideographs without a regular expression. */
function kindOf(code: number): Kind | null {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? 'word' : null;
  if (code >= 0x4e00 && code <= 0x9fff) return 'cjk';
  const c = String.fromCodePoint(code);
  return CJK.test(c) ? 'cjk' : WORD.test(c) ? 'word' : null;
}

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let joined = false; // the previous character continues into this one's run
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const next = i + (code > 0xffff ? 2 : 1);
    const kind = kindOf(code);
    const last = runs[runs.length - 1];
    if (kind && joined && last!.kind === kind) last!.end = next;
    else if (kind) runs.push({ kind, start: i, end: next });
    joined = kind !== null;
    i = next;
  }
  return runs;
}

/** Where each character of a CJK run starts, and where the run ends. */
function characterBounds(text: string, run: Run): number[] {
  const bounds: number[] = [];
  for (let i = run.start; i < run.end; i += text.codePointAt(i)! > 0xffff ? 2 : 1) bounds.push(i);
  bounds.push(run.end);
  return bounds;
}

function wordOf(text: string, run: Run): { word: string; cut: boolean } {
  const word = text.slice(run.start, run.end);
  if (word.length <= MAX_WORD) return { word, cut: false };
  return { word: Array.from(word).slice(0, MAX_WORD).join(''), cut: true };
}

/** A quoted lexeme. Lexemes hold only letters, digits and marks; quotes and backslashes are escaped all the same. */
const quote = (lexeme: string) => (/['\\]/.test(lexeme) ? `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${lexeme}'`);

/** 20261130000123 is also found as 000123 and 123 (its serial after the date). */
function matterNumberAliases(word: string): string[] {
  if (!/^\d{9,}$/.test(word)) return [];
  const serial = word.slice(8);
  const trimmed = serial.replace(/^0+/, '');
  return trimmed && trimmed !== serial ? [serial, trimmed] : [serial];
}

function addLexemes(lexemes: Set<string>, raw: string, aliases?: (word: string) => string[]): void {
  const text = normalizeText(raw);
  for (const run of runsOf(text)) {
    if (run.kind === 'word') {
      const { word } = wordOf(text, run);
      lexemes.add(word);
      if (aliases) for (const alias of aliases(word)) lexemes.add(alias);
      continue;
    }
    const bounds = characterBounds(text, run);
    for (let k = 0; k + 2 < bounds.length; k++) lexemes.add(text.slice(bounds[k], bounds[k + 2]));
    lexemes.add(text.slice(bounds[bounds.length - 2], run.end));
  }
}

/** The searchable text of a matter as a tsvector literal: its number, then each text field (empty ones are fine). */
export function matterDocument(number: string | null, fields: readonly (string | null | undefined)[]): string {
  const lexemes = new Set<string>();
  if (number) addLexemes(lexemes, number, matterNumberAliases);
  for (const field of fields) if (field) addLexemes(lexemes, field);
  return Array.from(lexemes, quote).join(' ');
}

/** One query word (no separators inside) as tsquery terms: its pairs, words (the last by prefix), single characters by prefix. */
function termsOf(word: string): string[] {
  const runs = runsOf(word);
  return runs.flatMap((run, i) => {
    if (run.kind === 'word') {
      const { word: w, cut } = wordOf(word, run);
      return [`${quote(w)}${i === runs.length - 1 || cut ? ':*' : ''}`];
    }
    const bounds = characterBounds(word, run);
    if (bounds.length === 2) return [`${quote(word.slice(run.start, run.end))}:*`];
    const pairs: string[] = [];
    for (let k = 0; k + 2 < bounds.length; k++) pairs.push(quote(word.slice(bounds[k], bounds[k + 2])));
    return pairs;
  });
}

const isCjkWord = (token: string) => [...token].length >= 2 && [...token].every((c) => CJK.test(c));

/**
 * Words of a query: separators split it; inside a piece without separators jieba's words are
 * cut apart only where two CJK words of two or more characters meet, and particles go.
 */
export function queryWords(q: string): string[] {
  const normalized = normalizeText(q);
  const words: string[] = [];
  for (const piece of normalized.split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (!piece) continue;
    const tokens = segment(piece);
    // A query of particles only (的) still searches for what was typed.
    if (tokens.every(isParticle)) {
      words.push(piece);
      continue;
    }
    let word = '';
    let previous = '';
    for (const token of tokens) {
      if (isParticle(token)) {
        if (word) words.push(word);
        word = previous = '';
        continue;
      }
      if (word && isCjkWord(previous) && isCjkWord(token)) {
        words.push(word);
        word = '';
      }
      word += token;
      previous = token;
    }
    if (word) words.push(word);
  }
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

export interface ParsedSearch {
  /** tsquery literal: every term of every word, ANDed. */
  tsquery: string;
  /** The normalised words, for LIKE on matters not indexed yet. */
  words: string[];
}

/** A search as a tsquery; null when it holds nothing searchable (empty, emoji or punctuation only). */
export function parseSearch(q: string): ParsedSearch | null {
  const words = queryWords(q);
  const terms = [...new Set(words.flatMap(termsOf))];
  if (terms.length === 0) return null;
  return { tsquery: terms.join(' & '), words };
}
