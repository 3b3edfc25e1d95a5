import { sql, type SelectQueryBuilder } from 'kysely';

/** One page of an ordered query plus the total count of the unpaged query. */
export async function paginate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: number,
  pageSize: number,
): Promise<{ items: O[]; total: number }> {
  const [items, count] = await Promise.all([
    query.limit(pageSize).offset((page - 1) * pageSize).execute(),
    query.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number((count as { n: number }).n) };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
