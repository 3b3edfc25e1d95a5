// Recall of three ways to search Chinese text, on real citizen messages, for bench/search.ts:
//   LIKE       the list before the index: the query as typed (spaces too), case-sensitive, as a
//              substring of the raw text;
//   words      a jieba word index: the text's cut_for_search words (sub-words of long words
//              included), the query's words (jieba cut), every one must be among them;
//   index      this platform's index (modules/search): normalised character pairs, the query split
//              into words by jieba, every pair of every word must be there.
// Reference: the messages whose normalised text holds every space-separated part of the
// normalised query as a substring (what a person means by "the text says that"). `crossing`: the
// share of reference messages where every occurrence of a one-part query cuts across jieba's
// words (海南 in 上海|南路): a substring match that is probably not what was meant.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { sql, type Kysely } from 'kysely';
import { parseSearch, matterDocument } from '../server/src/modules/search/tokens.js';
import { normalizeText } from '../server/src/modules/text/normalize.js';
import { readWordList } from '../server/src/modules/text/segment.js';
import type { DB } from '../server/src/platform/db/schema.js';
import { QUERIES, type Message } from './search-data.js';

export interface RecallRow {
  kind: string;
  queries: number;
  reference: number;
  recall: Record<'like' | 'words' | 'index', number>;
  /** Matches outside the reference (the index: words apart that were typed together). */
  extra: Record<'like' | 'words' | 'index', number>;
  crossing: number;
}

const WORDISH = /[\p{L}\p{N}]/u;

/** Every occurrence of `part` in `text` cuts across a word of `tokens` (neither inside one word nor aligned with words). */
function crossesEverywhere(tokens: string[], text: string, part: string): boolean {
  const starts = new Set<number>();
  const ends: number[] = [];
  let at = 0;
  for (const t of tokens) {
    starts.add(at);
    at += t.length;
    ends.push(at);
  }
  for (let i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
    const end = i + part.length;
    const wordEnd = ends.find((e) => e > i) ?? text.length;
    if (end <= wordEnd || (starts.has(i) && ends.includes(end))) return false;
  }
  return true;
}

export async function evaluateRecall(db: Kysely<DB>, messages: Message[]): Promise<RecallRow[]> {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(readWordList('user-dict.txt').join('\n'), 'utf8'));
  const raw = messages.map((m) => `${m.title} ${m.text}`);
  const normalized = raw.map((t) => normalizeText(t));
  const wordSets = normalized.map((t) => new Set(jieba.cutForSearch(t, false)));

  await sql`create temp table recall_docs (i int primary key, doc tsvector not null)`.execute(db);
  for (let k = 0; k < raw.length; k += 1000) {
    const slice = raw.slice(k, k + 1000);
    await sql`insert into recall_docs select * from unnest(${slice.map((_, j) => k + j)}::int[], ${slice.map((t) => matterDocument(null, [t]))}::tsvector[])`.execute(db);
  }

  const rows: RecallRow[] = [];
  for (const [kind, queries] of Object.entries(QUERIES)) {
    const row: RecallRow = { kind, queries: queries.length, reference: 0, recall: { like: 0, words: 0, index: 0 }, extra: { like: 0, words: 0, index: 0 }, crossing: 0 };
    const found = { like: 0, words: 0, index: 0 };
    let crossing = 0;
    let single = 0;
    for (const q of queries) {
      const parts = normalizeText(q).split(' ').filter(Boolean);
      const reference = new Set(normalized.flatMap((t, i) => (parts.every((p) => t.includes(p)) ? [i] : [])));
      const queryWords = jieba.cut(normalizeText(q), false).filter((w) => WORDISH.test(w));
      const parsed = parseSearch(q);
      const indexHits = parsed ? (await sql<{ i: number }>`select i from recall_docs where doc @@ ${parsed.tsquery}::tsquery`.execute(db)).rows.map((r) => r.i) : [];
      const hits = {
        like: raw.flatMap((t, i) => (t.includes(q) ? [i] : [])),
        words: wordSets.flatMap((set, i) => (queryWords.length > 0 && queryWords.every((w) => set.has(w)) ? [i] : [])),
        index: indexHits,
      };
      row.reference += reference.size;
      for (const method of ['like', 'words', 'index'] as const) {
        const inRef = hits[method].filter((i) => reference.has(i)).length;
        found[method] += inRef;
        row.extra[method] += hits[method].length - inRef;
      }
      if (parts.length === 1) {
        for (const i of reference) {
          single++;
          if (crossesEverywhere(jieba.cut(normalized[i]!, false), normalized[i]!, parts[0]!)) crossing++;
        }
      }
    }
    for (const method of ['like', 'words', 'index'] as const) row.recall[method] = row.reference ? found[method] / row.reference : 1;
    row.crossing = single ? crossing / single : 0;
    rows.push(row);
  }
  await sql`drop table recall_docs`.execute(db);
  return rows;
}
