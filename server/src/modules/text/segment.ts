import fs from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Chinese word segmentation: jieba (Rust, prebuilt for each platform inside the npm package)
// with its bundled 350k-word dictionary, plus the project's user dictionary of the city's
// place names, unit names and governance terms (dict/user-dict.txt). Works offline.
// Input is expected normalised (normalize.ts) so that 網格員 and 网格员 segment alike.

const DICT_DIR = new URL('./dict/', import.meta.url);

/** Lines of a dictionary file without blank lines and `#` comments. */
export function readWordList(name: string): string[] {
  return fs
    .readFileSync(new URL(name, DICT_DIR), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

let jieba: Jieba | null = null;
let stopWords: Set<string> | null = null;

/** The segmenter, built on first use (loading the dictionaries takes about 0.2 s). */
function segmenter(): Jieba {
  if (!jieba) {
    const instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(readWordList('user-dict.txt').join('\n'), 'utf8'));
    jieba = instance;
  }
  return jieba;
}

/** Words of the user dictionary (place names, units, governance terms). */
export function userDictionaryWords(): string[] {
  return readWordList('user-dict.txt').map((line) => line.split(/\s+/)[0]!);
}

export function isStopWord(word: string): boolean {
  stopWords ??= new Set(readWordList('stop-words.txt'));
  return stopWords.has(word);
}

export interface SegmentOptions {
  /** Let jieba's HMM guess words missing from the dictionaries (default false: more stable). */
  hmm?: boolean;
}

/** All tokens of `text` in order, whitespace dropped; punctuation and symbols kept. */
export function segment(text: string, options: SegmentOptions = {}): string[] {
  if (!text) return [];
  return segmenter()
    .cut(text, options.hmm ?? false)
    .filter((token) => token.trim() !== '');
}

/** All tokens of `text` in order with jieba's part-of-speech tags (nr: person, ns: place …), whitespace included. */
export function tagWords(text: string, options: SegmentOptions = {}): { word: string; tag: string }[] {
  return text ? segmenter().tag(text, options.hmm ?? false) : [];
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A token carries meaning when it has a letter, digit or Han character (not only punctuation or emoji). */
function meaningful(token: string): boolean {
  const code = token.charCodeAt(0);
  // Fast answers for the usual first characters: Han, ASCII letters and digits, ASCII symbols.
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  if (code < 0x80 && token.length === 1) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return LETTER_OR_DIGIT.test(token);
}

/** Tokens that can tell one matter from another: no stop words, punctuation, symbols or spaces. */
export function contentWords(text: string, options: SegmentOptions = {}): string[] {
  if (!text) return [];
  stopWords ??= new Set(readWordList('stop-words.txt'));
  const out: string[] = [];
  for (const token of segmenter().cut(text, options.hmm ?? false)) {
    if (meaningful(token) && !stopWords.has(token)) out.push(token);
  }
  return out;
}
