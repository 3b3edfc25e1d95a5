import { sql, type Kysely } from 'kysely';
import { hashPassword } from '../platform/auth/passwords.js';
import { maskPhone, type FieldCipher } from '../platform/crypto.js';
import type { DB } from '../platform/db/schema.js';
import { newAreaRow } from '../modules/territory/mapping.js';
import { seedDemoRoutingRules } from '../modules/matters/seed-reference.js';
import { seedDemoContacts } from '../modules/contacts/seed.js';
import { seedDemoDisputes } from '../modules/disputes/seed.js';
import { seedDemoPosts } from '../modules/matters/seed-demo-posts.js';
import { insertAreas } from '../modules/territory/repository.js';
import { DEMO_PASSWORD, generateDemoCity, type DemoCity } from './demo-city.js';

export interface LoadResult {
  loaded: boolean;
  areas: number;
  orgUnits: number;
  users: number;
}

/**
 * Loads the demo city once, into an empty database. An advisory lock makes two servers starting
 * together on one PostgreSQL load it once; the whole load is one transaction.
 */
export async function loadDemoCityIfEmpty(db: Kysely<DB>, cipher: FieldCipher, opts: { seed: number; scale: number; posts?: boolean }): Promise<LoadResult> {
  const nothing = { loaded: false, areas: 0, orgUnits: 0, users: 0 };
  // Every start after the first: no city to generate and no passwords to hash.
  if (await db.selectFrom('areas').select('code').limit(1).executeTakeFirst()) return nothing;
  const city = generateDemoCity(opts);
  const passwordHashes = await Promise.all(city.users.map(() => hashPassword(DEMO_PASSWORD)));
  const result = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(20261130)`.execute(trx);
    const existing = await trx.selectFrom('areas').select('code').limit(1).executeTakeFirst();
    if (existing) return nothing; // another process loaded it meanwhile
    await insertCity(trx, city, cipher, passwordHashes);
    await seedDemoRoutingRules(trx);
    await seedDemoContacts(trx);
    await seedDemoDisputes(trx, cipher);
    return { loaded: true, areas: city.areas.length, orgUnits: city.orgUnits.length, users: city.users.length };
  });
  // After the commit: the matter use cases open their own transactions. A demo post that fails must not stop the server.
  if (result.loaded && opts.posts !== false) await seedDemoPosts(db, cipher).catch((err: unknown) => console.error('demo posts not seeded:', err));
  return result;
}

async function insertCity(db: Kysely<DB>, city: DemoCity, cipher: FieldCipher, passwordHashes: string[]): Promise<void> {
  const now = new Date();
  const placed = new Map<string, { code: string; path: string }>();
  const rows = city.areas.map((a) => {
    const parent = a.parentCode ? placed.get(a.parentCode) : null;
    if (a.parentCode && !parent) throw new Error(`demo city: ${a.code} comes before its parent ${a.parentCode}`);
    const row = newAreaRow(a, parent ?? null, now);
    placed.set(a.code, row);
    return row;
  });
  await insertAreas(db, rows);

  const unitIds = new Map<string, string>();
  for (const u of city.orgUnits) {
    const parentId = u.parentKey ? unitIds.get(u.parentKey) : null;
    const row = await db
      .insertInto('org_units')
      .values({ name: u.name, kind: u.kind, area_code: u.areaCode, parent_id: parentId ?? null, categories: u.categories, phone: u.phone, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    unitIds.set(u.key, row.id);
  }

  await db
    .insertInto('users')
    .values(
      city.users.map((u, i) => ({
        username: u.username,
        display_name: u.displayName,
        password_hash: passwordHashes[i]!,
        roles: u.roles,
        unit_id: u.unitKey ? (unitIds.get(u.unitKey) ?? null) : null,
        scope_area_code: u.scopeAreaCode,
        phone_enc: u.phone ? cipher.encrypt(u.phone) : null,
        phone_masked: u.phone ? maskPhone(u.phone) : null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
