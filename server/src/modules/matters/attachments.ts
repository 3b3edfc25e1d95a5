import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { canSeeMatter } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { registerFileVisibility } from '../files/service.js';
import { factsOf, loadMatter } from './repository.js';

/**
 * Only files the actor uploaded may be attached: otherwise attaching someone else's file id
 * would show it to everyone who sees the matter.
 */
export async function assertOwnUploads(ctx: Ctx, ids: readonly string[], path = 'attachmentIds'): Promise<void> {
  if (ids.length === 0) return;
  const actor = requireActor(ctx.actor);
  const own = await ctx.db.selectFrom('files').select('id').where('id', 'in', [...ids]).where('uploaded_by', '=', actor.id).execute();
  const found = new Set(own.map((f) => f.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalid('Attach files you uploaded', [{ path: `${path}.${missing}`, message: 'no such upload of yours' }]);
}

/** A file attached to a matter is readable by everyone who may see that matter. */
registerFileVisibility(async (ctx, fileId) => {
  const actor = ctx.actor;
  if (!actor) return false;
  const rows = await ctx.db
    .selectFrom('matter_events')
    .select('matter_id')
    .distinct()
    .where(sql<boolean>`${fileId}::uuid = any(attachment_ids)`)
    .limit(20)
    .execute();
  for (const { matter_id } of rows) {
    const loaded = await loadMatter(ctx.db, matter_id);
    if (loaded && canSeeMatter(actor, factsOf(loaded.matter, loaded.units))) return true;
  }
  return false;
});
