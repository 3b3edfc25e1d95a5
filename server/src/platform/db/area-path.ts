import { sql } from 'kysely';

/** SQL for "the area path in `column` is `path` or lies below it": the area-scope test of policy.inScope. */
export function pathWithin(column: string, path: string) {
  return sql<boolean>`(${sql.ref(column)} = ${path} or ${sql.ref(column)} like ${`${path}.%`})`;
}

/** SQL for "the area path in `column` is an ancestor of `path`" (policy.aboveScope). */
export function pathAbove(column: string, path: string) {
  return sql<boolean>`(${path} like ${sql.ref(column)} || '.%')`;
}
