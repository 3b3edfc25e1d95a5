import type { Kysely } from 'kysely';
import type { Role } from '@fengqiao/shared';
import type { Clock } from '../clock.js';
import { randomToken, sha256 } from '../crypto.js';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policy/actor.js';
import { permissionsOf } from '../policy/policy.js';

export type SessionKind = 'cookie' | 'bearer';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Only the SHA-256 of a token is stored, so a leaked database cannot be replayed as sessions. */
export async function createSession(
  db: Kysely<DB>,
  userId: string,
  kind: SessionKind,
  clock: Clock,
  ttlHours: number,
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken(18);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  // Expired sessions of this user go when they log in again, so the table does not grow forever.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), user_id: userId, kind, csrf_token: csrfToken, created_at: now, expires_at: expiresAt })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Kysely<DB>, token: string): Promise<void> {
  cache.delete(sha256(token));
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

/**
 * Every API request needs its actor; reading the session, user and scope for each one cost a
 * round trip per request. A hit is kept for CACHE_MS: logout and any change to a user in this
 * process take effect at once (forgetUserSessions), changes made by another server process
 * within CACHE_MS.
 */
const CACHE_MS = 5_000;
const CACHE_MAX = 20_000;
const cache = new Map<string, { value: SessionActor; expiresAt: Date; until: number }>();

/** Drops a user's cached sessions (password, roles, scope, unit or disabled state changed). */
export function forgetUserSessions(userId: string): void {
  for (const [key, entry] of cache) if (entry.value.actor.id === userId) cache.delete(key);
}

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
  kind: SessionKind;
}

export async function findSessionActor(db: Kysely<DB>, token: string, clock: Clock): Promise<SessionActor | null> {
  const key = sha256(token);
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.expiresAt > clock.now() ? hit.value : null;
  const found = await loadSessionActor(db, key, clock);
  if (found) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, { ...found, until: Date.now() + CACHE_MS });
  } else cache.delete(key);
  return found?.value ?? null;
}

async function loadSessionActor(db: Kysely<DB>, tokenHash: string, clock: Clock): Promise<{ value: SessionActor; expiresAt: Date } | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('areas as a', 'a.code', 'u.scope_area_code')
    .select([
      's.kind',
      's.csrf_token',
      's.expires_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.unit_id',
      'u.scope_area_code',
      'u.disabled',
      'a.path',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled || new Date(row.expires_at) <= clock.now()) return null;
  const roles = row.roles as Role[];
  const value: SessionActor = {
    kind: row.kind,
    csrfToken: row.csrf_token,
    actor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles,
      unitId: row.unit_id,
      scopeAreaCode: row.scope_area_code,
      scopePath: row.path,
      permissions: permissionsOf(roles),
    },
  };
  return { value, expiresAt: new Date(row.expires_at) };
}
