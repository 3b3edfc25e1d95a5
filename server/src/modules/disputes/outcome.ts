import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DisputeDetail, DisputeOutcome, PerformanceRecord } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { conflict, notFound } from '../../platform/errors.js';
import { levelStaff } from './notices.js';
import { runDisputeStep } from './transition.js';

const ACTION_OF = { settled: 'settle', failed: 'fail', withdrawn: 'withdraw', terminated: 'terminate' } as const;

/**
 * The outcome of mediation: 调解成功 with the agreed terms (each with its own 履行期限, tracked
 * from here on), 调解不成 with the path the parties were shown, 撤回 or 终止. The level's staff
 * hear of it.
 */
export async function recordOutcome(ctx: Ctx, id: string, body: DisputeOutcome): Promise<DisputeDetail> {
  return runDisputeStep(ctx, id, ACTION_OF[body.outcome], { note: body.note }, async ({ c }) => {
    const now = ctx.clock.now();
    const notices = async (trx: Transaction<DB>) => [{ event: 'outcome' as const, userIds: await levelStaff(trx, c.level_area_path, c.unit_id) }];
    if (body.outcome === 'settled') {
      return {
        set: { agreed_facts: body.agreedFacts ?? c.facts, ended_at: now },
        data: { outcome: body.outcome, terms: body.terms.length },
        notices,
        write: async (trx) => {
          await trx
            .insertInto('dispute_terms')
            .values(body.terms.map((t, i) => ({ case_id: id, seq: i + 1, text: t.text, due_at: t.dueAt ?? null })))
            .execute();
        },
      };
    }
    return {
      set: { ended_at: now, ...(body.outcome === 'failed' ? { failed_path: body.path } : {}) },
      data: { outcome: body.outcome, ...(body.outcome === 'failed' ? { path: body.path } : {}) },
      notices,
    };
  });
}

/** 履行登记: one term performed (or not yet, undoing a mistaken record), with the date and a note. */
export async function recordPerformance(ctx: Ctx, id: string, termId: string, body: z.infer<typeof PerformanceRecord>): Promise<DisputeDetail> {
  return runDisputeStep(ctx, id, 'record_performance', { note: body.note }, async () => {
    const term = await ctx.db.selectFrom('dispute_terms').select(['seq', 'performed_at']).where('id', '=', termId).where('case_id', '=', id).executeTakeFirst();
    if (!term) throw notFound('Agreement term');
    if (body.performed && term.performed_at) throw conflict(`Term ${term.seq} is already recorded as performed`);
    const at = body.performed ? new Date(body.at ?? ctx.clock.now()) : null;
    return {
      data: { termId, seq: term.seq, performed: body.performed, at: at?.toISOString() ?? null },
      write: async (trx) => {
        let update = trx.updateTable('dispute_terms').set({ performed_at: at, performance_note: body.note ?? null }).where('id', '=', termId);
        // Two people recording the same performance at once: the second is told, not silently re-dated.
        if (body.performed) update = update.where('performed_at', 'is', null);
        const done = await update.executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw conflict(`Term ${term.seq} is already recorded as performed`);
      },
    };
  });
}

/** 结案 once every term of the agreement is performed (checked after the case row is claimed, so no record slips in between). */
export async function closeCase(ctx: Ctx, id: string, note: string | undefined): Promise<DisputeDetail> {
  return runDisputeStep(ctx, id, 'close', { note }, async ({ c }) => ({
    set: { ended_at: ctx.clock.now() },
    write: async (trx) => {
      const open = await trx.selectFrom('dispute_terms').select('seq').where('case_id', '=', id).where('performed_at', 'is', null).orderBy('seq').execute();
      if (open.length) throw conflict(`Case ${c.number} has terms not yet performed (${open.map((t) => t.seq).join(', ')}); record their performance first`);
    },
  }));
}
