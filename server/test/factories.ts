import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { AREA_CODE_LENGTH, AREA_LEVELS, type AreaGeometry, type AreaLevel, type OrgKind, type Role } from '@fengqiao/shared';
import { hashPassword } from '../src/platform/auth/passwords.js';
import type { DB } from '../src/platform/db/schema.js';
import { newAreaRow } from '../src/modules/territory/mapping.js';

// Test data: each call builds what it needs, parents included, with codes no other test uses.

export const rect = (minLon: number, minLat: number, maxLon: number, maxLat: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat], [minLon, minLat]]],
});

const usedCodes = new Set<string>();
const digits = (n: number) => Array.from(crypto.randomBytes(n), (b) => String(b % 10)).join('');

export interface MadeArea {
  code: string;
  name: string;
  level: AreaLevel;
  path: string;
}

export async function makeArea(
  db: Kysely<DB>,
  opts: { level: AreaLevel; parent?: MadeArea; name?: string; geometry?: AreaGeometry | null },
): Promise<MadeArea> {
  const index = AREA_LEVELS.indexOf(opts.level);
  const parent = opts.parent ?? (index > 0 ? await makeArea(db, { level: AREA_LEVELS[index - 1]! }) : undefined);
  let code: string;
  // Random codes collide (1 in 1000 for cities, and a district ending in 00 is its city's own
  // code), so draw again until the code is new to this test process.
  do {
    if (!parent) code = `9${digits(3)}00`;
    else if (opts.level === 'district') code = `${parent.code.slice(0, 4)}${digits(2)}`;
    else code = `${parent.code}${digits(AREA_CODE_LENGTH[opts.level] - parent.code.length)}`;
  } while (usedCodes.has(code) || (opts.level === 'district' && code.endsWith('00')));
  usedCodes.add(code);
  const name = opts.name ?? `${opts.level}-${code}`;
  const row = newAreaRow({ code, name, level: opts.level, geometry: opts.geometry ?? null }, parent ?? null, new Date());
  await db.insertInto('areas').values(row).execute();
  return { code, name, level: opts.level, path: row.path };
}

export async function makeOrgUnit(db: Kysely<DB>, opts: { area?: MadeArea; kind?: OrgKind; name?: string } = {}) {
  const area = opts.area ?? (await makeArea(db, { level: 'street' }));
  const row = await db
    .insertInto('org_units')
    .values({ name: opts.name ?? `unit-${digits(6)}`, kind: opts.kind ?? 'center', area_code: area.code, parent_id: null, categories: [], phone: null })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return { ...row, area };
}

export const TEST_PASSWORD = 'correct horse battery';

export async function makeUser(db: Kysely<DB>, opts: { roles: Role[]; scope?: MadeArea; unitId?: string | null; username?: string }) {
  const scope = opts.scope ?? (await makeArea(db, { level: 'city' }));
  const username = opts.username ?? `u${digits(10)}`;
  const row = await db
    .insertInto('users')
    .values({
      username,
      display_name: `测试用户${username.slice(-4)}`,
      password_hash: await hashPassword(TEST_PASSWORD),
      roles: opts.roles,
      unit_id: opts.unitId ?? null,
      scope_area_code: scope.code,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, username, password: TEST_PASSWORD, scope };
}
