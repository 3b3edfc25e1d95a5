import type { Transaction } from 'kysely';
import { DISPUTE_TRANSITIONS, type DisputeAction, type DisputeDetail, type DisputeState } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { applyTransition, assertMayTake, type Kind } from '../../platform/lifecycle/index.js';
import type { Actor } from '../../platform/policy/actor.js';
import { disputeRelations } from '../../platform/policy/disputes.js';
import { assertOwnUploads } from '../matters/attachments.js';
import { publishAfterCommit } from '../notifications/service.js';
import { notifyDispute, type DisputeNotice } from './notices.js';
import { visibleCase } from './access.js';
import { appendEvents, factsOf, updateIfState, type LoadedCase } from './repository.js';
import { detailFor } from './view.js';

/** visibleCase answers the 404 itself, with the same words. */
export const DISPUTE: Kind = { noun: 'case', missing: 'Dispute case not found' };

/** What one step does beyond the bare state change. */
export interface DisputePlan {
  /** Columns of dispute_cases to set with the state change. */
  set?: Record<string, unknown>;
  /** Timeline data (also the audit row's `after`). */
  data?: Record<string, unknown>;
  /** Rows of its own (a session, terms, a chain step), written in the same transaction. */
  write?: (trx: Transaction<DB>) => Promise<void>;
  /** Files the step itself made (the agreement PDF): carried on its timeline entry. */
  files?: string[];
  /** Who hears of it, worked out inside the transaction. */
  notices?: (trx: Transaction<DB>) => Promise<Omit<DisputeNotice, 'caseId' | 'number' | 'title'>[]>;
}

/**
 * Takes one step on a case. The transition table says from which states and by whom; the plan
 * says what else changes. The state change is one `UPDATE … WHERE id AND state = from` with its
 * own rows, timeline and audit rows in the same transaction, so of two concurrent steps that
 * change the state exactly one wins and the other gets a 409, while steps that keep the state
 * (two sessions recorded at once) both land.
 */
export async function runDisputeStep(
  ctx: Ctx,
  id: string,
  action: DisputeAction,
  input: { note?: string | null | undefined; attachmentIds?: readonly string[] | undefined },
  build: (loaded: LoadedCase, actor: Actor) => Promise<DisputePlan>,
): Promise<DisputeDetail> {
  const { actor, loaded } = await visibleCase(ctx, id);
  const { c } = loaded;
  const visible = { number: c.number, state: c.state as DisputeState };
  const transition = DISPUTE_TRANSITIONS[action];
  const note = input.note ?? null;
  assertMayTake(DISPUTE, visible, action, transition, disputeRelations(actor, factsOf(loaded)), note);
  const from = visible.state;
  const attachmentIds = [...(input.attachmentIds ?? [])];
  await assertOwnUploads(ctx, attachmentIds);
  const plan = await build(loaded, actor);
  const to: DisputeState = transition.to === 'same' ? from : transition.to;
  const now = ctx.clock.now();

  await applyTransition(
    ctx.db,
    ctx,
    DISPUTE,
    visible,
    {
      move: (trx) => updateIfState(trx, id, [from], c.level, { ...plan.set, state: to, updated_at: now }),
      write: async (trx) => {
        await plan.write?.(trx);
        await appendEvents(trx, [
          { case_id: id, at: now, actor_id: actor.id, actor_name: actor.displayName, action, from_state: from, to_state: to, level: c.level, note, data: plan.data ?? null, attachment_ids: [...attachmentIds, ...(plan.files ?? [])] },
        ]);
      },
      audit: { action: `dispute.${action}`, entity: 'dispute_case', entityId: id, before: { state: from, level: c.level }, after: { state: to, ...plan.data } },
      notify: async (trx) => {
        const users: string[] = [];
        for (const n of (await plan.notices?.(trx)) ?? []) users.push(...(await notifyDispute(trx, ctx.clock, { ...n, caseId: id, number: c.number, title: c.title }, actor.id)));
        return users;
      },
    },
    publishAfterCommit,
  );
  return detailFor(ctx, id);
}
