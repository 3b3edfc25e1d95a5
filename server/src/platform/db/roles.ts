import { sql } from 'kysely';

/** SQL for "the text[] of roles in `column` holds at least one of `roles`". */
export function hasAnyRole(column: string, roles: readonly string[]) {
  return sql<boolean>`${sql.ref(column)} && array[${sql.join([...roles])}]::text[]`;
}
