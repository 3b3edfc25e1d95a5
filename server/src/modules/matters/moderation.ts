import { sql } from 'kysely';
import type { MatterDetail, MatterModeration } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { canSeeMatter } from '../../platform/policy/matters.js';
import { mayModerate } from '../../platform/policy/moderation.js';
import { requireActor } from '../../platform/policy/policy.js';
import { photoFileOf } from '../public/photos.js';
import { factsOf, loadMatter, type MatterView } from './repository.js';
import { detailFor } from './view.js';

// Moderation of a public post: what the public sees changes, the matter does not. A hidden or
// abusive post leaves the feed and its page answers 404, while the reporter and the staff keep
// working on it; a redaction replaces the public text only. Each one is audited with its reason,
// in the transaction that makes it, and each update carries its own precondition, so of two
// moderators doing the same thing at once one gets the 409.

const publicity = (m: Pick<MatterView, 'public_hidden' | 'public_abuse' | 'public_title' | 'public_description' | 'public_hidden_photo_ids'>) => ({
  hidden: m.public_hidden,
  abuse: m.public_abuse,
  publicTitle: m.public_title,
  publicDescription: m.public_description,
  hiddenPhotoIds: m.public_hidden_photo_ids,
});

export async function moderateMatter(ctx: Ctx, id: string, body: MatterModeration): Promise<MatterDetail> {
  const actor = requireActor(ctx.actor);
  const loaded = await loadMatter(ctx.db, id);
  const facts = loaded ? factsOf(loaded.matter, loaded.units) : null;
  if (!loaded || !facts || !canSeeMatter(actor, facts)) throw new AppError('NOT_FOUND', 'Matter not found');
  if (!mayModerate(actor, facts)) throw new AppError('FORBIDDEN', 'Only the owning centre’s dispatchers or the 指挥中心 in scope may moderate this post');
  const m = loaded.matter;
  if (!m.public) throw conflict(`Matter ${m.number} is not public: there is nothing to moderate`);
  if (body.action === 'hide_photo') await assertPhotoOf(ctx, m, body.fileId);

  await ctx.db.transaction().execute(async (trx) => {
    const update = trx.updateTable('matters').where('id', '=', id);
    let changed;
    switch (body.action) {
      case 'hide':
        changed = await update.set({ public_hidden: true }).where('public_hidden', '=', false).returningAll().executeTakeFirst();
        if (!changed) throw conflict(`Matter ${m.number} is already hidden`);
        break;
      case 'unhide':
        changed = await update
          .set({ public_hidden: false, public_abuse: false })
          .where((eb) => eb.or([eb('public_hidden', '=', true), eb('public_abuse', '=', true)]))
          .returningAll()
          .executeTakeFirst();
        if (!changed) throw conflict(`Matter ${m.number} is not hidden`);
        break;
      case 'mark_abuse':
        changed = await update.set({ public_abuse: true }).where('public_abuse', '=', false).returningAll().executeTakeFirst();
        if (!changed) throw conflict(`Matter ${m.number} is already marked as abusive`);
        break;
      case 'redact':
        changed = await update
          .set((eb) => ({
            public_title: body.title ?? eb.ref('public_title'),
            public_description: body.description ?? eb.ref('public_description'),
          }))
          .returningAll()
          .executeTakeFirstOrThrow();
        break;
      case 'hide_photo':
        changed = await update
          .set({ public_hidden_photo_ids: sql<string[]>`array_append(public_hidden_photo_ids, ${body.fileId}::uuid)` })
          .where(sql<boolean>`not (${body.fileId}::uuid = any(public_hidden_photo_ids))`)
          .returningAll()
          .executeTakeFirst();
        if (!changed) throw conflict('That photo is already hidden');
        break;
    }
    await audit(trx, ctx, {
      action: `matter.moderate.${body.action}`,
      entity: 'matter',
      entityId: id,
      before: publicity(m),
      after: { ...publicity(changed), reason: body.reason },
    });
  });
  return detailFor(ctx, id);
}

/** Only a photo the public page shows (or showed, before it was hidden) can be hidden. */
async function assertPhotoOf(ctx: Ctx, m: MatterView, fileId: string): Promise<void> {
  if ((m.public_hidden_photo_ids ?? []).includes(fileId)) throw conflict('That photo is already hidden');
  if (!(await photoFileOf(ctx.db, m, fileId))) throw invalid('Not a photo of this post', [{ path: 'fileId', message: 'no such photo on the public page' }]);
}
