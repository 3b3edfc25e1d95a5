import type { MatterIntake } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { sha256 } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { requireActor } from '../../platform/policy/policy.js';

// Idempotency-Key on POST /api/matters: the key is stored with the fingerprint of the request
// it came with, so a retry (same key, same body) gets the first matter back and a different
// request under a used key is refused, never answered with someone else's matter.

/** JSON with object keys sorted at every depth: one text for one request, whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the validated body (defaults filled in, text trimmed): what the request asks for. */
export const requestFingerprint = (input: MatterIntake) => sha256(canonicalJson(input));

/**
 * The matter a used key created, for a retry of the same request. A key stored before
 * fingerprints (migration 0020) replays as it always did.
 */
export async function replayedMatterId(ctx: Ctx, key: string, fingerprint: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('idempotency_keys')
    .select(['matter_id', 'fingerprint'])
    .where('actor_key', '=', requireActor(ctx.actor).id)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.fingerprint !== null && row.fingerprint !== fingerprint) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; send a new key with a new report', [
      { path: 'headers.idempotency-key', message: 'already used for a different request' },
    ]);
  }
  return row.matter_id;
}
