import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { FieldCipher } from '../../platform/crypto.js';
import { containsPattern } from '../../platform/db/paging.js';
import type { DB } from '../../platform/db/schema.js';
import { documentSource, namesOf, publicDocument } from './documents.js';
import { parseSearch, type ParsedSearch } from './tokens.js';

// A search as a condition on `matters as m`. Indexed matters are matched by their documents
// through the GIN index. A matter the index does not hold as it is now (created since the
// indexer's watermark and not reached yet, or queued by a change) is matched directly, so a
// search finds a matter the moment it is committed:
//   - staff: ILIKE of every query word on its number, title, description and address;
//   - public: its public document is built here, from the redacted text, and matched by the same
//     tsquery (never raw text: a search must not find words the public page masks).
// Those matches are looked up first, as ids, and so are the indexed ones when there are few
// (up to FEW_MATCHES): the list's queries then carry `m.id = any(ids)` and fetch just those rows.
// Only a search with more matches is left to the planner as `m.id in (select … tokens @@ q)`,
// where it walks the newest matters and probes each. Left to it, a rare word outside the
// statistics' commonest lexemes was estimated at thousands of rows and one 工单编号 walked every
// matter (21 s at a million); a union with the not yet indexed ones made it fetch every match.
// A search with nothing searchable in it (emoji or punctuation only) finds nothing.

type MatterEb = ExpressionBuilder<DB & { m: DB['matters'] }, 'm'>;
/** A condition on `matters as m`. */
export type SearchCondition = (eb: MatterEb) => Expression<SqlBool>;

/** The newest this many not yet indexed public matters are matched directly; older ones wait for the indexer. */
export const PENDING_PUBLIC_LIMIT = 200;
/**
 * Up to this many indexed matches are handed to the list's queries as ids. The look-up reads
 * matches until one more than this, so for a common word it costs in proportion: at 1,000 it was
 * half of a 路灯 search's database time on the 100,000-matter bench (decision 0004).
 */
const FEW_MATCHES = 200;

const nothing: SearchCondition = () => sql<SqlBool>`false`;

/**
 * SQL: `p` is a matter created since the indexer's watermark without a document yet. The
 * watermark is read first where the caller can (the planner then sees its value; as a sub-select
 * it is estimated as a third of the table and the few new matters become a full scan).
 */
function unindexed(since: Date | null | 'unread'): RawBuilder<unknown> {
  const from =
    since === 'unread' ? sql`coalesce((select indexed_before from matter_search_state where id = 1), '-infinity')` : since ? sql`${since}::timestamptz` : sql`'-infinity'::timestamptz`;
  return sql`p.created_at >= ${from} and not exists (select 1 from matter_search s where s.matter_id = p.id)`;
}

async function searchWatermark(db: Kysely<DB>): Promise<Date | null> {
  const row = await db.selectFrom('matter_search_state').select('indexed_before').where('id', '=', 1).executeTakeFirst();
  return row?.indexed_before ?? null;
}

/**
 * SQL: every query word is in `p`'s number, title, description or address. The four are matched
 * as one text joined by line breaks, which no word holds (words are split at white space): the
 * same answer, and planned in a third of the time, since the planner has no statistics to
 * scan for an expression (an OR of four ILIKEs took ~1 ms to plan, more than running it).
 */
function wordsIn(search: ParsedSearch) {
  const text = sql`concat_ws(E'\n', p.number, p.title, p.description, p.address)`;
  return sql.join(
    search.words.map((w) => sql`${text} ilike ${containsPattern(w)}`),
    sql` and `,
  );
}

/** SQL: ids of matters not indexed as they are now whose text holds every word. */
function pendingMatches(search: ParsedSearch, since: Date | null | 'unread') {
  return sql<{ id: string }>`select p.id from matters p where ${unindexed(since)} and ${wordsIn(search)}
    union all
    select p.id from matter_search_queue q join matters p on p.id = q.matter_id where ${wordsIn(search)}`;
}

/** SQL: the first FEW_MATCHES + 1 of `indexed`'s matter ids. */
const firstOf = (indexed: RawBuilder<unknown>) => sql<{ matter_id: string }>`select x.matter_id from (${indexed}) x limit ${FEW_MATCHES + 1}`;

/**
 * The search as the list's condition, from what the look-ups found: the ids when few match
 * (`m.id = any(…)`), else the index condition left to the planner, with the not yet indexed
 * matches added (`pending`: their ids, or, when there are many, the query finding them).
 */
function conditionFrom(indexed: RawBuilder<unknown>, found: string[], pending: string[] | RawBuilder<{ id: string }>): SearchCondition {
  if (Array.isArray(pending) && found.length + pending.length <= FEW_MATCHES) {
    const ids = [...new Set([...found, ...pending])];
    return ids.length ? (eb) => eb('m.id', '=', sql<string>`any(${ids}::uuid[])`) : nothing;
  }
  const others = Array.isArray(pending) ? (pending.length ? sql`select unnest(${pending}::uuid[])` : null) : pending;
  return (eb) => eb('m.id', 'in', others ? sql<string>`(${indexed} union all ${others})` : sql<string>`(${indexed})`);
}

const staffIndexed = (search: ParsedSearch) => sql`select s.matter_id from matter_search s where s.tokens @@ ${search.tsquery}::tsquery`;

/** Looks up what a staff search needs before the list's queries run (see staffTextMatch). */
export async function prepareStaffSearch(db: Kysely<DB>, q: string): Promise<SearchCondition> {
  const search = parseSearch(q);
  if (!search) return nothing;
  const pending = pendingMatches(search, await searchWatermark(db));
  const indexed = staffIndexed(search);
  // Both look-ups in one round trip. Many pending only while the indexer catches up (a
  // backfill): then they stay a sub-query.
  const { rows } = await sql<{ pending: boolean; id: string }>`
    (select true as pending, x.id from (${pending}) x limit ${FEW_MATCHES + 1})
    union all
    (select false as pending, y.matter_id from (${firstOf(indexed)}) y)`.execute(db);
  const pendingIds = rows.filter((r) => r.pending).map((r) => r.id);
  const found = rows.filter((r) => !r.pending).map((r) => r.id);
  return conditionFrom(indexed, found, pendingIds.length <= FEW_MATCHES ? pendingIds : pending);
}

/**
 * Staff lists: the document matches, or (not indexed yet) every word is in the number, title,
 * description or address. `prepared`: prepareStaffSearch's answer; without it (a caller that
 * cannot wait for the look-up) everything is matched inside the one query: the same answer,
 * planned without knowing how many match.
 */
export function staffTextMatch(q: string, prepared?: SearchCondition): SearchCondition {
  if (prepared) return prepared;
  const search = parseSearch(q);
  if (!search) return nothing;
  return (eb) => eb('m.id', 'in', sql<string>`(${staffIndexed(search)} union all ${pendingMatches(search, 'unread')})`);
}

/**
 * The public feed: the public document matches (found through the GIN index of the documents,
 * which hold the public words too). `narrow` is the feed's other conditions (public, visible,
 * filters): the not yet indexed matters among them are matched here first.
 */
export async function publicTextMatch(ctx: { db: Kysely<DB>; cipher: FieldCipher }, q: string, narrow: SearchCondition): Promise<SearchCondition> {
  const search = parseSearch(q);
  if (!search) return nothing;
  const since = await searchWatermark(ctx.db);
  const pending = await documentSource(ctx.db)
    .where(narrow)
    .where((eb) => eb('m.id', 'in', sql<string>`(select p.id from matters p where ${unindexed(since)} union all select matter_id from matter_search_queue)`))
    .orderBy('m.created_at', 'desc')
    .limit(PENDING_PUBLIC_LIMIT)
    .execute();
  let matched: string[] = [];
  if (pending.length > 0) {
    const names = await namesOf(ctx.db, ctx.cipher, pending);
    const { rows } = await sql<{ id: string }>`
      select d.id from unnest(${pending.map((r) => r.id)}::uuid[], ${pending.map((r) => publicDocument(r, names.get(r.id) ?? []))}::tsvector[]) as d(id, doc)
      where d.doc @@ ${search.tsquery}::tsquery`.execute(ctx.db);
    matched = rows.map((r) => r.id);
  }
  const indexed = sql`select s.matter_id from matter_search s
    where s.tokens @@ ${search.tsquery}::tsquery and s.public_tokens @@ ${search.tsquery}::tsquery
      and not exists (select 1 from matter_search_queue q where q.matter_id = s.matter_id)`;
  const { rows } = await firstOf(indexed).execute(ctx.db);
  return conditionFrom(indexed, rows.map((r) => r.matter_id), matched);
}
