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
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
  kind: SessionKind;
}

export async function findSessionActor(db: Kysely<DB>, token: string, clock: Clock): Promise<SessionActor | null> {
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
    .where('s.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled || new Date(row.expires_at) <= clock.now()) return null;
  const roles = row.roles as Role[];
  return {
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
}
