import type { z } from 'zod';
import { CHAIN_STEPS, chainStepRefusal, type ChainStepCreate, type ChainStepKind, type ChainStepResultInput, type DisputeDetail, type DisputeState } from '@fengqiao/shared';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { runDisputeStep } from './transition.js';

/**
 * The chain after mediation (纠纷调处 → 司法确认 → 诉讼引调/诉前调解 → 诉讼): each step recorded with
 * its dates, institution, 案号 and documents. Which step may follow which is the shared table
 * CHAIN_STEPS; the check runs inside the transaction, after the case row is locked, so two
 * people adding steps at once cannot both start one from the same previous step.
 */
export async function addChainStep(ctx: Ctx, id: string, body: z.infer<typeof ChainStepCreate>): Promise<DisputeDetail> {
  return runDisputeStep(ctx, id, 'add_chain_step', { note: body.note, attachmentIds: body.attachmentIds }, async ({ c }, actor) => ({
    data: { kind: body.kind, institution: body.institution, caseNumber: body.caseNumber ?? null, appliedAt: body.appliedAt },
    write: async (trx) => {
      const last = await trx.selectFrom('dispute_chain_steps').select(['seq', 'kind', 'result']).where('case_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const refusal = chainStepRefusal(body.kind, c.state as DisputeState, last ? { kind: last.kind as ChainStepKind, result: last.result } : null);
      if (refusal) throw conflict(`Cannot add ${body.kind} to case ${c.number}: ${refusal}`);
      await trx
        .insertInto('dispute_chain_steps')
        .values({
          case_id: id,
          seq: (last?.seq ?? 0) + 1,
          kind: body.kind,
          applied_at: body.appliedAt,
          institution: body.institution,
          case_number: body.caseNumber ?? null,
          note: body.note ?? null,
          attachment_ids: body.attachmentIds,
          created_by: actor.id,
          created_at: ctx.clock.now(),
        })
        .execute();
    },
  }));
}

/** The result of a chain step (确认有效 / 驳回, 诉前调解成功 / 不成, 判决 …), recorded once. */
export async function recordChainResult(ctx: Ctx, id: string, stepId: string, body: z.infer<typeof ChainStepResultInput>): Promise<DisputeDetail> {
  return runDisputeStep(ctx, id, 'record_chain_result', { note: body.note, attachmentIds: body.attachmentIds }, async () => {
    const step = await ctx.db.selectFrom('dispute_chain_steps').select(['kind', 'result']).where('id', '=', stepId).where('case_id', '=', id).executeTakeFirst();
    if (!step) throw notFound('Chain step');
    const results = CHAIN_STEPS[step.kind as ChainStepKind].results;
    if (!results.includes(body.result)) throw invalid(`A ${step.kind} ends ${results.join(', ')}`, [{ path: 'result', message: `not a result of ${step.kind}` }]);
    return {
      data: { stepId, kind: step.kind, result: body.result, resultAt: body.resultAt },
      write: async (trx) => {
        const done = await trx
          .updateTable('dispute_chain_steps')
          .set({ result: body.result, result_at: body.resultAt, attachment_ids: sql<string[]>`attachment_ids || ${sql.val(body.attachmentIds)}::uuid[]` })
          .where('id', '=', stepId)
          .where('result', 'is', null)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw conflict(`This ${step.kind} already has its result`);
      },
    };
  });
}
