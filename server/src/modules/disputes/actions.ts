import type { DisputeActionBody, DisputeDetail } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { authorize } from '../../platform/policy/policy.js';
import type { BlobStore } from '../files/storage.js';
import { generateAgreement } from './agreement.js';
import { addChainStep, recordChainResult } from './chain.js';
import { escalateCase } from './escalation.js';
import { addSession, assessRisk, assignMediators, recordSession } from './mediation.js';
import { closeCase, recordOutcome, recordPerformance } from './outcome.js';

/**
 * POST /api/disputes/:id/actions: one step on a case, handed to its use case. 指派 needs the
 * level's management grant (dispute.manage), checked before the case is read so a role without
 * it is told 403, never a 404 that would say whether the case exists.
 */
export async function actOnDispute(ctx: Ctx, store: BlobStore, id: string, body: DisputeActionBody): Promise<DisputeDetail> {
  switch (body.action) {
    case 'assign': {
      authorize(ctx.actor, 'dispute.manage');
      const { action: _, ...assign } = body;
      return assignMediators(ctx, id, assign);
    }
    case 'schedule_session': {
      const { action: _, ...session } = body;
      return addSession(ctx, id, session);
    }
    case 'record_session': {
      const { action: _, sessionId, ...record } = body;
      return recordSession(ctx, id, sessionId, record);
    }
    case 'assess_risk': {
      const { action: _, ...risk } = body;
      return assessRisk(ctx, id, risk);
    }
    case 'settle': {
      const { action: _, ...settled } = body;
      return recordOutcome(ctx, id, { outcome: 'settled', ...settled });
    }
    case 'fail':
      return recordOutcome(ctx, id, { outcome: 'failed', path: body.path, note: body.note });
    case 'withdraw':
      return recordOutcome(ctx, id, { outcome: 'withdrawn', note: body.note });
    case 'terminate':
      return recordOutcome(ctx, id, { outcome: 'terminated', note: body.note });
    case 'escalate':
      return escalateCase(ctx, id, { reason: body.reason, note: body.note });
    case 'record_performance': {
      const { action: _, termId, ...performance } = body;
      return recordPerformance(ctx, id, termId, performance);
    }
    case 'generate_agreement':
      return generateAgreement(ctx, store, id);
    case 'close':
      return closeCase(ctx, id, body.note);
    case 'add_chain_step': {
      const { action: _, ...step } = body;
      return addChainStep(ctx, id, step);
    }
    case 'record_chain_result': {
      const { action: _, stepId, ...result } = body;
      return recordChainResult(ctx, id, stepId, result);
    }
  }
}
