import { COMMON_GIVEN_NAMES, COMPOUND_SURNAMES, GIVEN, LEFT_GLUE, NAME_JOINERS, PERSON_NEXT, PERSON_NEXT_CHARS, PERSON_VERB_CHARS, PLACE_AFTER, PLACE_END, RELIABLE_NEXT, SLOT_NOT_GIVEN, SURNAMES, WEAK_GIVEN } from './name-data.js';
import { dictionaryWord, isWord, type Token } from './words.js';

// Bare names found by the slot they stand in rather than by jieba's reading of them: a surname
// where a word starts, one or two characters that could be a given name, and then what follows a
// person (说, 打, 骂, 占用, 拒绝, 在, 的, 和, 、, a full stop, the end of the text …). jieba splits a
// name it does not know into characters it tags as anything (马/n 巧干/nr, 谢/v 良/a 学/n), so the
// tags are no evidence here; what keeps ordinary words out is the dictionary: a surname and what
// follows that form a common word (方便, 高度, 安全), or a given part that is one (高水平), are no name.

/**
 * A whole candidate this common in jieba's dictionary is a word, whatever its tag (施压 99, 牛棚
 * 80, 夏令营/nr 66, 付清/nr 60); 文丰 2 or 巧干 6 tell nothing. A word the dictionary tags as a
 * name still passes before what only a person does (孔明干, 马良要).
 */
const WORD_FREQUENCY = 30;
/**
 * A part this common is a word: the given part (高|水平), the surname with the first given
 * character (迟迟|未), or the last given character with what follows (向社|会: 社会).
 */
const PART_FREQUENCY = 100;

/** Next to another name, only a word this common is no name (高度, 安全; but 严明 226, 言行 430, 武艺 1,019). */
const PAIRED_WORD_FREQUENCY = 2000;

const LONG_PLACE_AFTER = PLACE_AFTER.filter((w) => w.length >= 2);
const isHan = (c: string | undefined) => c !== undefined && c >= '\u4e00' && c <= '\u9fa5';
/** PERSON_NEXT by first character. */
const NEXT_BY_FIRST = new Map<string, string[]>();
for (const w of PERSON_NEXT) NEXT_BY_FIRST.set(w[0]!, [...(NEXT_BY_FIRST.get(w[0]!) ?? []), w]);
const personWordAt = (text: string, at: number) => NEXT_BY_FIRST.get(text[at] ?? '')?.some((w) => text.startsWith(w, at)) ?? false;

/** What follows a person, or the end of the text, or anything that is not a Han character. */
function personFollows(text: string, at: number): boolean {
  const c = text[at];
  if (!isHan(c)) return true;
  return PERSON_NEXT_CHARS.has(c!) || personWordAt(text, at);
}

/** What only a person does (说, 骂, 拒绝, 经常 …): not 的, 在, 和 or a comma, which follow places too. */
function personActs(text: string, at: number): boolean {
  const c = text[at];
  return c !== undefined && (PERSON_VERB_CHARS.has(c) || personWordAt(text, at));
}

/** The name text[start, end) (surname of `surnameLength`) read as one, by its characters, the dictionary and what follows. */
function plausible(text: string, start: number, surnameLength: number, end: number, paired: boolean): boolean {
  const surname = text.slice(start, start + surnameLength);
  const given = text.slice(start + surnameLength, end);
  const chars = [...given];
  if (!chars.every((c) => isHan(c) && !SLOT_NOT_GIVEN.has(c))) return false;
  if (paired) return !isWord(surname + given, PAIRED_WORD_FREQUENCY);
  const acts = personActs(text, end);
  // 洪桥, 毛坪, 丁香苑: a place character at the end that names do not use, unless a person's verb follows (刘洋苑说) or the name is one of two (夏娴园、段雨萱).
  const last = chars[chars.length - 1]!;
  if (PLACE_END.has(last) && !GIVEN.has(last) && !acts) return false;
  // 高达20: before a number only what the dictionary does not know.
  if (/\d/.test(text[end] ?? '') && dictionaryWord(surname + given)) return false;
  // 方便, 施压, 夏令营: a word; but 孔明干, 马良要: a name the dictionary knows, right before a person's
  // verb. An adverb is no such evidence: 早高峰经常堵塞 (高峰/nr) is traffic.
  const word = dictionaryWord(surname + given);
  if (word && word.freq >= WORD_FREQUENCY && !(PERSON_VERB_CHARS.has(text[end] ?? '') && word.tag.startsWith('nr'))) return false;
  // 向社|会: the last character starts a word with what follows (社会); not before 说, 在, 家 … (许明|说: 明说).
  if (!RELIABLE_NEXT.has(text[end] ?? '') && isWord(last + (text[end] ?? ''), PART_FREQUENCY)) return false;
  if (chars.length === 2) {
    // 欧阳明月: after a compound surname the given name may be a word.
    if (COMMON_GIVEN_NAMES.has(given) || surnameLength === 2) return true;
    // 高水平, 迟迟未: a common word inside is no name (but 王建国: 建国 is a common given name).
    if (isWord(given, PART_FREQUENCY) || isWord(surname + chars[0], PART_FREQUENCY)) return false;
  }
  return true;
}

/** The surname starting at i, if a word may start there: a token starts there, or a word that ends a clause precedes (我和|龙朋 where jieba reads 和龙). */
function surnameAt(text: string, i: number, startingAt: ReadonlyMap<number, Token>, tokenAt: readonly (Token | undefined)[]): string | undefined {
  const two = text.slice(i, i + 2);
  const surname = COMPOUND_SURNAMES.has(two) ? two : SURNAMES.has(text[i]!) ? text[i] : undefined;
  if (!surname) return undefined;
  const prev = text[i - 1];
  // Not inside a word of letters or digits (A3区, 5号王).
  if (prev !== undefined && !isHan(prev) && /[\p{L}\p{N}]/u.test(prev)) return undefined;
  const boundary = startingAt.has(i) || (prev !== undefined && LEFT_GLUE.has(prev) && tokenAt[i - 1]?.start === i - 1);
  return boundary ? surname : undefined;
}

/** The end of a name starting at i, preferring two given characters when both readings end before a person word. */
function slotEnd(text: string, i: number, surname: string): number {
  const g = i + surname.length;
  const one = personFollows(text, g + 1) && plausible(text, i, surname.length, g + 1, false);
  const two = isHan(text[g + 1]) && personFollows(text, g + 2) && plausible(text, i, surname.length, g + 2, false);
  // 马巧|干的 and 张成|说: the second character is a verb that ends the name; 廖先会|干 and 周有纯|说: a given-name character.
  if (one && two) return GIVEN.has(text[g + 1]!) || WEAK_GIVEN.has(text[g + 1]!) ? g + 2 : g + 1;
  return two ? g + 2 : one ? g + 1 : -1;
}

/**
 * Names joined to a name already found (王伟和严明, 李刚、赵敏、张强): the same slot, with the
 * dictionary asked only about common words, since the other name says what stands there.
 */
export function pairedNames(text: string, names: readonly [number, number][], startingAt: ReadonlyMap<number, Token>): [number, number][] {
  const found: [number, number][] = [];
  const known = new Set(names.map(([start]) => start));
  const queue = [...names];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [start, end] = next;
    const add = (s: number, e: number) => {
      if (known.has(s)) return;
      known.add(s);
      found.push([s, e]);
      queue.push([s, e]);
    };
    // After: 王伟和|严明.
    if (NAME_JOINERS.has(text[end] ?? '')) {
      const s = end + 1;
      const two = text.slice(s, s + 2);
      const surname = COMPOUND_SURNAMES.has(two) ? 2 : SURNAMES.has(text[s] ?? '') ? 1 : 0;
      const e = surname ? [s + surname + 2, s + surname + 1].find((e) => isHan(text[e - 1]) && personFollows(text, e) && plausible(text, s, surname, e, true)) : undefined;
      if (e !== undefined) add(s, e);
    }
    // Before: 严明|和王伟.
    if (start > 1 && NAME_JOINERS.has(text[start - 1]!)) {
      const e = start - 1;
      for (const s of [e - 4, e - 3, e - 2]) {
        if (s < 0 || !(s === 0 || !isHan(text[s - 1]) || startingAt.has(s))) continue;
        const surname = COMPOUND_SURNAMES.has(text.slice(s, s + 2)) && e - s > 2 ? 2 : SURNAMES.has(text[s]!) ? 1 : 0;
        if (surname && e - s - surname <= 2 && plausible(text, s, surname, e, true)) {
          add(s, e);
          break;
        }
      }
    }
  }
  return found;
}

/** Ranges [start, end) of names found by their slot. */
export function slotNames(text: string, tokens: readonly Token[], startingAt: ReadonlyMap<number, Token>): [number, number][] {
  const tokenAt: (Token | undefined)[] = [];
  for (const t of tokens) for (let j = t.start; j < t.end; j++) tokenAt[j] = t;
  const found: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    const surname = surnameAt(text, i, startingAt, tokenAt);
    if (!surname) continue;
    const end = slotEnd(text, i, surname);
    if (end < 0) continue;
    // 嘉苑小区, 丁香花园: the last character starts a place word.
    if (LONG_PLACE_AFTER.some((w) => text.startsWith(w, end - 1) || text.startsWith(w, end))) continue;
    found.push([i, end]);
    i = end - 1;
  }
  return found;
}
