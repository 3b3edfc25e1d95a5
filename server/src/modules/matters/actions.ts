import { MATTER_TRANSITIONS, type MatterActionBody, type MatterDetail, type MatterState } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { applyTransition, assertMayTake, type Kind } from '../../platform/lifecycle/index.js';
import { canSeeMatter, matterRelations } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { publishAfterCommit } from '../notifications/service.js';
import { assertOwnUploads } from './attachments.js';
import { toDetail } from './view.js';
import { actionAudiences, NOTICES } from './notices.js';
import { notifyMatter } from './notify-matter.js';
import { planFor } from './plans.js';
import { appendEvents, factsOf, loadMatter, loadUnits, moveIfState, type MatterView } from './repository.js';

export const MATTER: Kind = { noun: 'matter', missing: 'Matter not found' };

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
  const visible = loaded && facts && canSeeMatter(actor, facts) ? { number: loaded.matter.number, state: loaded.matter.state as MatterState } : null;
  const note = 'note' in body ? (body.note ?? null) : 'comment' in body ? (body.comment ?? null) : null;
  assertMayTake(MATTER, visible, body.action, MATTER_TRANSITIONS[body.action], facts ? matterRelations(actor, facts) : new Set(), note);
  const { matter } = loaded!;
  const from = visible.state;
  const attachmentIds = 'attachmentIds' in body ? body.attachmentIds : [];
  await assertOwnUploads(ctx, attachmentIds);
  const plan = await planFor(ctx, loaded!, body);
  const now = ctx.clock.now();
  const set = plan.set as { owner_unit_id?: string; assigned_unit_id?: string | null };
  let moved: MatterView | undefined;
  const base = { matter_id: id, at: now, actor_id: actor.id, actor_name: actor.displayName, unit_id: actor.unitId, unit_name: null };

  await applyTransition(
    ctx.db,
    ctx,
    MATTER,
    visible,
    {
      move: async (trx) => {
        moved = await moveIfState(trx, id, [from], { ...plan.set, state: plan.to, updated_at: now });
        return moved !== undefined;
      },
      write: async (trx) => {
        await appendEvents(trx, [
          { ...base, action: body.action, from_state: from, to_state: plan.to, note, data: plan.data ?? null, attachment_ids: attachmentIds },
          ...(plan.followUps ?? []).map((f) => ({ ...base, action: f.action, from_state: from, to_state: f.to, note: f.note ?? null, data: null })),
        ]);
        await plan.write?.(trx);
      },
      audit: {
        action: `matter.${body.action}`,
        entity: 'matter',
        entityId: id,
        before: { state: from, assignedUnitId: matter.assigned_unit_id, ownerUnitId: matter.owner_unit_id, dueAt: matter.due_at },
        after: { state: plan.to, ...plan.data },
      },
      notify: (trx) =>
        notifyMatter(
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
        ),
    },
    publishAfterCommit,
  );
  // The answer is built from the row the guarded UPDATE returned: the matter is read once. The actor
  // sees the result of their own action even when it handed the matter out of their sight (退单, 转办).
  return toDetail(ctx, actor, moved!, await loadUnits(ctx.db, id));
}
