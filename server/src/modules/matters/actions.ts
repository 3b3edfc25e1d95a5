import { hasVisibleText, MATTER_TRANSITIONS, type MatterActionBody, type MatterDetail, type MatterState } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { canSeeMatter, matterRelations, mayTake } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { publishAfterCommit } from '../notifications/service.js';
import { assertOwnUploads } from './attachments.js';
import { detailFor } from './view.js';
import { actionAudiences, NOTICES } from './notices.js';
import { notifyMatter } from './notify-matter.js';
import { planFor } from './plans.js';
import { appendEvents, factsOf, loadMatter, updateIfState } from './repository.js';

/**
 * Takes one lifecycle action. The transition table says from which states and by whom; the
 * plan says what else changes; the state change is one `UPDATE … WHERE id AND state = from`
 * with its timeline and audit rows in the same transaction, so of two concurrent actions on one
 * matter exactly one wins and the other gets a 409.
 */
export async function actOnMatter(ctx: Ctx, id: string, body: MatterActionBody): Promise<MatterDetail> {
  const actor = requireActor(ctx.actor);
  const loaded = await loadMatter(ctx.db, id);
  const facts = loaded ? factsOf(loaded.matter, loaded.units) : null;
  if (!loaded || !facts || !canSeeMatter(actor, facts)) throw new AppError('NOT_FOUND', 'Matter not found');
  const { matter } = loaded;
  const transition = MATTER_TRANSITIONS[body.action];
  const from = matter.state as MatterState;
  if (!(transition.from as readonly MatterState[]).includes(from)) {
    throw conflict(`Cannot ${body.action} matter ${matter.number}: it is ${from} (allowed from ${transition.from.join(', ')})`);
  }
  if (!mayTake(body.action, matterRelations(actor, facts))) {
    throw new AppError('FORBIDDEN', `Only ${transition.by.join(' or ')} may ${body.action} this matter`);
  }
  const note = 'note' in body ? (body.note ?? null) : 'comment' in body ? (body.comment ?? null) : null;
  if ('needsNote' in transition && transition.needsNote && !hasVisibleText(note)) {
    throw invalid(`Say why (${body.action} needs a note)`, [{ path: 'note', message: 'required for this action' }]);
  }
  const attachmentIds = 'attachmentIds' in body ? body.attachmentIds : [];
  await assertOwnUploads(ctx, attachmentIds);
  const plan = await planFor(ctx, loaded, body);
  const now = ctx.clock.now();

  const notified = await ctx.db.transaction().execute(async (trx) => {
    const moved = await updateIfState(trx, id, [from], { ...plan.set, state: plan.to, updated_at: now });
    if (!moved) throw conflict(`Matter ${matter.number} changed while you were working on it; reload and try again`);
    const base = { matter_id: id, at: now, actor_id: actor.id, actor_name: actor.displayName, unit_id: actor.unitId, unit_name: null };
    await appendEvents(trx, [
      { ...base, action: body.action, from_state: from, to_state: plan.to, note, data: plan.data ?? null, attachment_ids: attachmentIds },
      ...(plan.followUps ?? []).map((f) => ({ ...base, action: f.action, from_state: from, to_state: f.to, note: f.note ?? null, data: null })),
    ]);
    await plan.write?.(trx);
    await audit(trx, ctx, {
      action: `matter.${body.action}`,
      entity: 'matter',
      entityId: id,
      before: { state: from, assignedUnitId: matter.assigned_unit_id, ownerUnitId: matter.owner_unit_id, dueAt: matter.due_at },
      after: { state: plan.to, ...plan.data },
    });
    const set = plan.set as { owner_unit_id?: string; assigned_unit_id?: string | null };
    return notifyMatter(
      trx,
      ctx.db,
      ctx.clock,
      {
        matterId: id,
        number: matter.number,
        title: matter.title,
        kind: `matter.${body.action}`,
        body: NOTICES[body.action]?.body ?? body.action,
        audiences: actionAudiences(body),
        ownerUnitId: set.owner_unit_id ?? matter.owner_unit_id,
        assignedUnitId: 'assigned_unit_id' in set ? (set.assigned_unit_id ?? null) : matter.assigned_unit_id,
        areaPath: matter.area_path,
        reporterUserId: matter.reporter_user_id,
      },
      actor.id,
    );
  });
  publishAfterCommit(notified);
  return detailFor(ctx, id, true);
}
