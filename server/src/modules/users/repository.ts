import type { Kysely, Transaction } from 'kysely';
import { pathWithin } from '../../platform/db/area-path.js';
import { hasAnyRole } from '../../platform/db/roles.js';
import { containsPattern, paginate } from '../../platform/db/paging.js';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

function baseQuery(db: Q) {
  return db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.code', 'u.scope_area_code')
    .leftJoin('org_units as o', 'o.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.unit_id',
      'u.scope_area_code',
      'u.phone_masked',
      'u.disabled',
      'u.phone_lookup',
      'u.created_at',
      'a.name as scope_area_name',
      'a.level as scope_area_level',
      'a.path as scope_path',
      'o.name as unit_name',
    ]);
}
export type UserView = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export function findUserView(db: Q, id: string): Promise<UserView | undefined> {
  return baseQuery(db).where('u.id', '=', id).executeTakeFirst();
}

function loginColumns(db: Q) {
  return db.selectFrom('users').select(['id', 'display_name', 'password_hash', 'disabled']);
}

export function findUserForLogin(db: Q, username: string) {
  return loginColumns(db).where('username', '=', username).executeTakeFirst();
}

/** Citizens log in with their mobile number: found by its look-up hash (FieldCipher.lookupHash). */
export function findUserForLoginByPhoneLookup(db: Q, phoneLookup: string) {
  return loginColumns(db).where('phone_lookup', '=', phoneLookup).executeTakeFirst();
}

export function usernameTaken(db: Q, username: string): Promise<boolean> {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst().then(Boolean);
}

export interface UserFilter {
  scopePath: string;
  areaPath?: string | undefined;
  unitId?: string | undefined;
  role?: string | undefined;
  q?: string | undefined;
}

function filtered(db: Q, f: UserFilter) {
  let query = baseQuery(db).where(pathWithin('a.path', f.scopePath));
  if (f.areaPath) query = query.where(pathWithin('a.path', f.areaPath));
  if (f.unitId) query = query.where('u.unit_id', '=', f.unitId);
  if (f.role) query = query.where(hasAnyRole('u.roles', [f.role]));
  if (f.q) {
    const like = containsPattern(f.q);
    query = query.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  return query;
}

export function listUsers(db: Q, f: UserFilter, page: number, pageSize: number) {
  return paginate(filtered(db, f).orderBy('u.username'), page, pageSize);
}
