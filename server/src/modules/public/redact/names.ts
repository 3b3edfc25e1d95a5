import { AFTER_PERSON, COMMON_GIVEN_NAMES, COMPOUND_SURNAMES, GIVEN, NOT_GIVEN, PLACE_AFTER, PLACE_END, SURNAMES, WEAK_GIVEN } from './name-data.js';
import { stars, type Found } from './spans.js';
import { viewOf } from './view.js';
import { pairedNames, slotNames } from './name-slots.js';
import { dictionaryWord, isWord, tokensOf, type Token } from './words.js';

// Personal names, in the view (simplified, so 孫麗華 is found as 孙丽华):
//   - the names the caller knows (the reporter's, a linked dispute's parties'), wherever they
//     stand, also written with spaces between the characters, and their given name alone;
//   - after a cue (我叫, 联系人, 业主 …) or before a title or contact (先生, 主任, 的电话 …);
//   - bare, in running text: a surname that jieba leaves as a word of its own (or a name jieba
//     knows, tagged nr) followed by one or two characters of given names. A place named like a
//     person (向阳社区, 邓小平路) is left alone when a place word follows; the given-name
//     characters keep 王府井, 高新区, 张家界 and the like out. Masking too much is the safe side;
//   - bare, by the slot a name stands in (name-slots.ts): a surname, one or two characters that
//     are no common word, then what follows a person (说, 骂, 拒绝, 的, 、 …); and a name joined
//     by 和, 与, 、 to one found.

/** 王小明 → 王**, 欧阳明月 → 欧***: the first character and at most three stars. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${stars(Math.min(chars.length - 1, 3))}`;
}

const SURNAME_CLASS = `(?:${[...COMPOUND_SURNAMES].join('|')}|[${[...SURNAMES].join('')}])`;
/** What follows a name and is not part of it. */
const NOT_NAME = '(?:的|电话|手机|联系|说|是|在|和|与|及|等|反映|投诉|住|家|先生|女士|师傅|今天|昨天|经常|一直|多次|又|也|就|都|把|被|给|向|对|不|没|已|还|要|会|从|到|于)';

const GIVEN_CLASS = `[${[...GIVEN].join('')}]`;

/** A name follows: 我叫王小明 / 联系人：王小明 / 业主王小明. */
const CUE_BEFORE =
  '我叫|名叫|叫做|本人|姓名|联系人|户主|业主|房东|房主|租户|承租人|出租人|负责人|包工头|老板|老板娘|经理|店主|摊主|车主|当事人|嫌疑人|举报人|投诉人|反映人|申请人|被申请人|受害人|肇事者|肇事人|监护人|法定代表人|法人|代理人|委托人|经办人|收件人';
/** A name precedes: 王建国电话 / 李明先生 / 刘丽华主任. */
const TITLE_AFTER =
  '电话|手机|联系方式|微信|先生|女士|师傅|同志|老师|医生|大夫|护士|大爷|大妈|大娘|大叔|阿姨|叔叔|奶奶|爷爷|经理|主任|书记|科长|局长|处长|队长|所长|站长|村长|组长|社长|校长|院长|厂长|老板|律师|警官|民警|会计|夫妇|一家';

const TITLES = new Set(TITLE_AFTER.split('|'));
const HAN = `(?:(?!${NOT_NAME}|${TITLE_AFTER})[\\u4e00-\\u9fa5])`;
/** The first given character after a cue or before a form of address: 会, 和 … too (孙会蕊, 莫和颖). */
const FIRST = `(?:(?!的|是|在|电话|手机|${TITLE_AFTER})[\\u4e00-\\u9fa5])`;
/** The second character of a given name after a cue: a given-name character, or any that ends the name there (张若生，). */
const SECOND = `(?:${GIVEN_CLASS}|${HAN}(?=$|[^\\u4e00-\\u9fa5]|的|说|是|在|和|与|及|等|反映|投诉|住|家|${TITLE_AFTER}))`;

const CUE = new RegExp(`(?:${CUE_BEFORE})[:\\s]*(${SURNAME_CLASS}${FIRST}${SECOND}?)`, 'g');
/** Contacts and forms of address that only follow a person's name (李明先生, 王建国的电话). */
const STRONG_TITLES = '先生|女士|同志|师傅|电话|手机|联系方式|微信';
const TITLE = new RegExp(`的?(?:${TITLE_AFTER})`, 'g');
const STRONG_TITLE = new RegExp(`^的?(?:${STRONG_TITLES})`);
/** The name just before a title, read in the four characters before it. */
const NAME_BEFORE_STRONG = new RegExp(`${SURNAME_CLASS}${FIRST}${HAN}?$`);
const NAME_BEFORE_TITLE = new RegExp(`${SURNAME_CLASS}${FIRST}${SECOND}?$`);
/** A surname character used as a preposition, conjunction or adverb (向老同志, 于是): no name. */
const FUNCTION_TAGS = new Set(['p', 'c', 'd', 'r', 'u', 'uj', 'ul']);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 王小明 also as 王 小 明 or 王·小明. */
function namePattern(name: string): RegExp {
  return new RegExp([...name].map(escape).join('[\\s·•.\\-_*]{0,2}'), 'gi');
}

function surnameOf(name: string): string {
  return COMPOUND_SURNAMES.has(name.slice(0, 2)) && name.length > 2 ? name.slice(0, 2) : name.slice(0, 1);
}

function knownNameSpans(text: string, known: readonly string[]): Found[] {
  const found: Found[] = [];
  for (const raw of known) {
    const name = viewOf(raw).text.replace(/[\s·•.\-_]/g, '');
    if ([...name].length < 2) continue;
    for (const m of text.matchAll(namePattern(name))) found.push({ start: m.index, end: m.index + m[0].length, mask: maskName(name), keepsFirst: true });
    // The given name alone (丽华 of 孙丽华), when it is two characters or more.
    const given = name.slice(surnameOf(name).length);
    if (/^[\u4e00-\u9fa5]{2,}$/.test(given)) {
      for (const m of text.matchAll(namePattern(given))) found.push({ start: m.index, end: m.index + m[0].length, mask: stars(given.length) });
    }
  }
  return found;
}

/** A word this frequent in jieba's dictionary (华为 373, 白天 1,456) is read as a word before 电话; 海燕 (87) stays a name. */
const COMMON_WORD = 300;

function cueSpans(text: string, startingAt: ReadonlyMap<number, Token>): Found[] {
  const found: Found[] = [];
  const add = (start: number, name: string) => found.push({ start, end: start + name.length, mask: maskName(name), keepsFirst: true });
  for (const m of text.matchAll(CUE)) add(m.index + m[0].lastIndexOf(m[1]!), m[1]!);
  for (const m of text.matchAll(TITLE)) {
    const window = text.slice(Math.max(0, m.index - 4), m.index);
    const strong = STRONG_TITLE.test(m[0]);
    const name = (strong ? NAME_BEFORE_STRONG : NAME_BEFORE_TITLE).exec(window)?.[0];
    if (!name) continue;
    const start = m.index - name.length;
    // Before 主任, 局长 … any given name may stand (张若生主任), but the surname must be a word of its own: not 纪委书记.
    const token = startingAt.get(start);
    // 江天/ns 亚/j 主任: the surname ran into a place word; 纪委/j 书记 and 高校/n 校长 are no names.
    const word = token && !FUNCTION_TAGS.has(token.tag) && (isSurname(token.word) || isPersonTag(token.tag) || (token.word.length === 2 && (token.tag === 'ns' || token.tag === 'nz')));
    // 华为手机, 白天打电话, 高层电话: before 电话/手机 a common word is what was phoned with or when, no name.
    if (strong && !COMPOUND_SURNAMES.has(name.slice(0, 2)) && isWord(name.slice(0, 2), COMMON_WORD)) continue;
    if (strong || word) add(start, name);
  }
  return found;
}

const isHan = (s: string) => /^[\u4e00-\u9fa5]+$/.test(s);
const isPersonTag = (tag: string) => tag.startsWith('nr');
const isSurname = (w: string) => SURNAMES.has(w) || COMPOUND_SURNAMES.has(w);
const PLACE_WORDS = new Set(PLACE_AFTER);
const LONG_PLACE_WORDS = PLACE_AFTER.filter((w) => w.length >= 2);
/** Tags jieba gives a surname before a given name it does not know, besides nr (刘/zg 平积, 张/q 文斌, 黄/a 志平). */
const SURNAME_TAGS = new Set(['zg', 'q', 'a', 'j']);
/** Tags of words that are a surname run into a given name as often as anything else (苏志/ns 华, 乔家/n 杰). */
const NAME_LIKE_TAGS = new Set(['ns', 'nz', 'n']);
/** Places and organisations (东湖/ns): not the rest of a name. */
const PLACE_TAGS = new Set(['ns', 'nt', 'nz']);
const NOT_NAME_TAGS = new Set(['v', 'vn', 'vg', 'vd', 'd', 'p', 'c', 'u', 'uj', 'ul', 'uz', 'ug', 'r', 'm', 'q', 'f', 't', 'y', 'e', 'o']);
const givenChar = (c: string | undefined, strict: boolean) => c !== undefined && c.length === 1 && isHan(c) && !NOT_GIVEN.has(c) && (!strict || GIVEN.has(c));

/**
 * Two-character words jieba's dictionary tags as names, with their frequency: 文明, 阳光, 高峰 are
 * tagged nr too, and are words far more often than names.
 */
function twoCharacterNameFrequency(word: string): number | undefined {
  const entry = word.length === 2 ? dictionaryWord(word) : undefined;
  return entry?.tag.startsWith('nr') ? entry.freq : undefined;
}
/** A dictionary name this frequent is a word (文明 6,584, 高峰 1,556); 李娜 438 and 海燕 87 stay names. */
const WORD_FREQUENCY = 500;

/** The next token when it follows `t` directly. */
const adjacent = (tokens: readonly Token[], k: number) => (tokens[k + 1]?.start === tokens[k]!.end ? tokens[k + 1] : undefined);

/** The end of a bare name starting with token k, or -1. */
function bareNameEnd(tokens: readonly Token[], k: number): number {
  const t = tokens[k]!;
  if (!isHan(t.word) || /\d$/.test(tokens[k - 1]?.word ?? '')) return -1;
  // A name jieba knows: 王建国/nr, 李娜/nr; not 王府井/nr or 高新区/nr (a place character at the end).
  if (isPersonTag(t.tag) && t.word.length >= 2 && t.word.length <= 4) {
    const surname = surnameOf(t.word);
    const given = [...t.word.slice(surname.length)];
    const frequent = t.word.length === 2 && (twoCharacterNameFrequency(t.word) ?? 0) >= WORD_FREQUENCY;
    // The dictionary tags words as names too (许可证, 王法, 陈旧): its names need given-name characters.
    if (isSurname(surname) && given.length <= 2 && given.every((c) => givenChar(c, true)) && !PLACE_END.has(given[given.length - 1]!) && !frequent) return t.end;
  }
  // 马建国/ns: a name the dictionary has as a place or a proper noun, with given-name characters and no place word at the end.
  if (t.word.length === 3 && (t.tag === 'ns' || t.tag === 'nz') && SURNAMES.has(t.word[0]!) && [...t.word.slice(1)].every((c) => givenChar(c, true)) && !PLACE_END.has(t.word[2]!)) return t.end;
  const u = adjacent(tokens, k);
  if (!u || !isHan(u.word)) return -1;
  // 乔家/n 杰/nr, 苏志/ns 华/ns: jieba joined the surname and the first given character.
  if (t.word.length === 2 && SURNAMES.has(t.word[0]!) && GIVEN.has(t.word[1]!) && u.word.length === 1 && (isPersonTag(u.tag) ? givenChar(u.word, false) : NAME_LIKE_TAGS.has(t.tag) && givenChar(u.word, true) && !PLACE_END.has(u.word))) return u.end;
  if (!isSurname(t.word)) return -1;
  const person = isPersonTag(t.tag);
  if (u.word.length === 2) {
    if (COMMON_GIVEN_NAMES.has(u.word)) return u.end;
    // 张/q 秀英/nr, 梁/nr 广明/ns; 方/n 建华/nz, 白/a 建平/n: common given names are words too.
    if ((isPersonTag(u.tag) || person || !FUNCTION_TAGS.has(t.tag)) && [...u.word].every((c) => givenChar(c, !isPersonTag(u.tag))) && !PLACE_WORDS.has(u.word)) return u.end;
    // 李/nr 世说/n: the given name ran into the next word; its first character goes.
    return person && GIVEN.has(u.word[0]!) && !GIVEN.has(u.word[1]!) && !TITLES.has(u.word) && !PLACE_TAGS.has(u.tag) ? u.start + 1 : -1;
  }
  if (u.word.length !== 1) return -1;
  const v = adjacent(tokens, k + 1);
  // A third character that jieba reads as a verb or particle ends the name (黎全|拒不整改), unless it is a given-name character.
  const vGiven = (strict: boolean) =>
    v !== undefined && givenChar(v.word, strict) && !PLACE_END.has(v.word) && (GIVEN.has(v.word) || !NOT_NAME_TAGS.has(v.tag));
  // 刘/nr 平/v 积/n: jieba takes the surname for a name, so any character but a particle follows;
  // 有, 和, 时 … only inside a three-character name (周有纯, 宋时敬), not as one of two (周有).
  if (person || isPersonTag(u.tag)) {
    if (!givenChar(u.word, false)) return -1;
    if (vGiven(!person || WEAK_GIVEN.has(u.word))) return v!.end;
    return WEAK_GIVEN.has(u.word) ? -1 : u.end;
  }
  // 黄/a 志/n 平/a, 任/r 勤/a 彩/n: a surname that is also a word (高, 何, 常 …) needs given-name
  // characters, and for a two-character name a tag jieba gives surnames or a word that follows people.
  // 常/d 壮/v 江/nr: a third character jieba tags as a name makes the three one.
  if (!FUNCTION_TAGS.has(t.tag) && givenChar(u.word, false) && v && isPersonTag(v.tag) && vGiven(false)) return v.end;
  if (!givenChar(u.word, true)) return -1;
  if (vGiven(true)) return v!.end;
  // Not 高/a 达/v 30 (up to 30).
  if (v && /^\d/.test(v.word)) return -1;
  return SURNAME_TAGS.has(t.tag) || u.tag === 'zg' || (v !== undefined && AFTER_PERSON.has(v.word)) ? u.end : -1;
}

function bareNameSpans(text: string, tokens: readonly Token[], startingAt: ReadonlyMap<number, Token>): Found[] {
  const found: Found[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const end = bareNameEnd(tokens, k);
    if (end < 0) continue;
    // The name's own characters start no second name (胡绍桂先生: not 桂先 too).
    const from = k;
    while (k + 1 < tokens.length && tokens[k + 1]!.start < end) k++;
    // 洪桥, 毛坪, 岳庙: a place, whatever follows (but 王海, 李江: place characters that names use too).
    if (PLACE_END.has(text[end - 1]!) && !GIVEN.has(text[end - 1]!)) continue;
    const next = startingAt.get(end);
    // 向阳社区, 邓小平路; and 嘉苑小区, 星沙小学, where the name's last character starts the place word.
    if ((next && PLACE_WORDS.has(next.word)) || LONG_PLACE_WORDS.some((w) => text.startsWith(w, end - 1) || text.startsWith(w, end))) continue;
    const start = tokens[from]!.start;
    found.push({ start, end, mask: maskName(text.slice(start, end)), keepsFirst: true });
  }
  return found;
}

export function findNames(text: string, known: readonly string[]): Found[] {
  const tokens = tokensOf(text);
  const startingAt = new Map(tokens.map((t) => [t.start, t]));
  const found = [...knownNameSpans(text, known), ...cueSpans(text, startingAt), ...bareNameSpans(text, tokens, startingAt)];
  const add = (start: number, end: number) => {
    if (!found.some((f) => f.start <= start && f.end >= end)) found.push({ start, end, mask: maskName(text.slice(start, end)), keepsFirst: true });
  };
  for (const [start, end] of slotNames(text, tokens, startingAt)) add(start, end);
  // Only names of people join a name (the known ones are written any way, and their given names alone are no slot).
  const people = found.filter((f) => f.keepsFirst).map((f): [number, number] => [f.start, f.end]);
  for (const [start, end] of pairedNames(text, people, startingAt)) add(start, end);
  return found;
}
