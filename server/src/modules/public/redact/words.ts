import { dict } from '@node-rs/jieba/dict.js';
import { tagWords, userDictionaryWords } from '../../text/segment.js';

// jieba's view of a text for the name detectors: its tokens with tags and positions, and how
// common a word is in its dictionary (文明 6,584 is a word; 巧干 6 is not one anybody writes).

export interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

export function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const { word, tag } of tagWords(text)) {
    const start = text.startsWith(word, at) ? at : text.indexOf(word, at);
    if (start < 0) continue;
    tokens.push({ word, tag, start, end: start + word.length });
    at = start + word.length;
  }
  return tokens;
}

export interface DictionaryWord {
  freq: number;
  tag: string;
}

/** Words rarer than this are not kept. */
const RARE = 30;

/** Whether `w` is a dictionary word at least this frequent. */
export const isWord = (w: string, frequency: number) => (dictionaryWord(w)?.freq ?? 0) >= frequency;

let words: Map<string, DictionaryWord> | null = null;
/** Words of two or three characters from jieba's dictionary (of frequency 30 or more, and names) and the city's user dictionary. */
export function dictionaryWord(word: string): DictionaryWord | undefined {
  if (!words) {
    words = new Map();
    for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
      const [w, freq, tag] = line.split(' ');
      const entry = { freq: Number(freq), tag: tag?.trim() ?? '' };
      // Rare words tell nothing (below every threshold of the name detectors), but names of two characters do.
      if (w && (w.length === 2 || w.length === 3) && (entry.freq >= RARE || (w.length === 2 && entry.tag.startsWith('nr')))) words.set(w, entry);
    }
    // The city's places, units and terms are words whatever their frequency.
    for (const w of userDictionaryWords()) words.set(w, { freq: Number.MAX_SAFE_INTEGER, tag: 'ns' });
  }
  return words.get(word);
}
