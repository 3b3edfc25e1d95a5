import type { Open311Key, Open311KeyCreate, Open311KeyCreated } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken } from '../../platform/crypto.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy/actor.js';
import { requireActor } from '../../platform/policy/policy.js';
import { findKey, findLiveKeyByHash, keyRows, type KeyRow } from './repository.js';

// Open311 API keys: administrators issue one per third-party app; the app sends it as api_key
// when it creates a request. The key is shown once; the database keeps its keyed hash and a
// prefix to recognise it by. Revoking is final (a new key is issued instead).

const KEY_PREFIX = 'fq311_';
/** How much of the key the admin page shows: the fixed prefix and 4 random characters. */
const SHOWN = KEY_PREFIX.length + 4;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const toKey = (r: KeyRow): Open311Key => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdBy: r.created_by_name,
  createdAt: iso(r.created_at)!,
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});

export async function listKeys(ctx: Ctx): Promise<Open311Key[]> {
  requireActor(ctx.actor);
  return (await keyRows(ctx.db).orderBy('k.created_at', 'desc').orderBy('k.id').execute()).map(toKey);
}

export async function createKey(ctx: Ctx, input: Open311KeyCreate): Promise<Open311KeyCreated> {
  const actor = requireActor(ctx.actor);
  const key = `${KEY_PREFIX}${randomToken(24)}`;
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('open311_api_keys')
      .values({ name: input.name, key_hash: ctx.cipher.lookupHash(key), prefix: key.slice(0, SHOWN), created_by: actor.id, created_at: ctx.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = toKey((await findKey(trx, id))!);
    // The audit row names the key by its prefix; the key itself is nowhere but in this answer.
    await audit(trx, ctx, { action: 'open311_key.create', entity: 'open311_key', entityId: id, before: null, after: created });
    return { ...created, key };
  });
}

export async function revokeKey(ctx: Ctx, id: string): Promise<Open311Key> {
  requireActor(ctx.actor);
  const before = await findKey(ctx.db, id);
  if (!before) throw notFound('API key');
  if (before.revoked_at) throw conflict('This key is already revoked');
  return ctx.db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('open311_api_keys').set({ revoked_at: ctx.clock.now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw conflict('This key is already revoked');
    const after = toKey((await findKey(trx, id))!);
    await audit(trx, ctx, { action: 'open311_key.revoke', entity: 'open311_key', entityId: id, before: toKey(before), after });
    return after;
  });
}

/**
 * The reporter behind an Open311 request: the API key, acting with no person, no role and no
 * scope; the policy lets it report through the open311 channel and nothing else (mayUseChannel).
 * A missing, unknown or revoked key is the specification's 403.
 */
export async function keyActor(ctx: Pick<Ctx, 'db' | 'cipher'>, apiKey: unknown): Promise<Actor> {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new AppError('FORBIDDEN', 'api_key was not provided -- can’t proceed with create_request');
  const key = await findLiveKeyByHash(ctx.db, ctx.cipher.lookupHash(apiKey.trim()));
  if (!key) throw new AppError('FORBIDDEN', 'Invalid or revoked api_key received -- can’t proceed with create_request');
  return {
    id: key.id,
    username: `open311:${key.prefix}`,
    displayName: `Open311 ${key.name}`,
    roles: [],
    unitId: null,
    scopeAreaCode: '',
    scopePath: '',
    permissions: new Set(['matter.create']),
    apiKeyId: key.id,
  };
}
