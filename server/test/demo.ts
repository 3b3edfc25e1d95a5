import type { Kysely } from 'kysely';
import type { FieldCipher } from '../src/platform/crypto.js';
import type { DB } from '../src/platform/db/schema.js';
import { DEMO_PASSWORD } from '../src/seed/demo-city.js';
import { loadDemoCityIfEmpty } from '../src/seed/load-demo-city.js';

export { DEMO_PASSWORD };

/** Loads the demo city and returns handles on a few of its records for tests. */
export async function loadDemo(db: Kysely<DB>, cipher: FieldCipher) {
  // Without the demo posts (seed-demo-posts.ts): tests count and search the matters they make.
  await loadDemoCityIfEmpty(db, cipher, { seed: 20261130, scale: 1, posts: false });
  const user = (username: string) =>
    db
      .selectFrom('users as u')
      .innerJoin('areas as a', 'a.code', 'u.scope_area_code')
      .select(['u.id', 'u.username', 'u.unit_id', 'a.code as scope_code', 'a.path as scope_path'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
  const gridWorker = await user('wanggeyuan');
  const dispatcher = await user('diaodu');
  const otherDispatcher = await user('diaodu2');
  const otherStreetGrid = await db
    .selectFrom('areas')
    .select(['code', 'geometry'])
    .where('level', '=', 'grid')
    .where('path', 'like', `${otherDispatcher.scope_path}.%`)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const otherStreetUnit = await db.selectFrom('org_units').select('id').where('area_code', '=', otherDispatcher.scope_code).executeTakeFirstOrThrow();
  return { gridWorker, dispatcher, otherDispatcher, otherStreetGrid, otherStreetUnit };
}
export type Demo = Awaited<ReturnType<typeof loadDemo>>;
