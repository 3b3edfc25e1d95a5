import crypto from 'node:crypto';
import { z } from 'zod';
import type { DisputeAssign, DisputeDetail, DisputeLevel, RiskAssessment, SessionCreate, SessionRecord } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { hasAnyRole } from '../../platform/db/roles.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { alertAbove, needsAlert } from './escalation.js';
import { mediatorsOf } from './notices.js';
import { runDisputeStep } from './transition.js';

/** Roles that may be named to mediate: mediators, and staff who mediate as part of their job. */
const MEDIATING_ROLES = ['mediator', 'community_staff', 'grid_leader', 'grid_worker', 'dispatcher', 'dept_handler', 'case_leader'];
const STUDIO_KINDS = ['studio', 'mediation_committee', 'judicial_office'];

/**
 * 指派: names who mediates, replacing the previous choice (mediators no longer named are
 * released and keep read access). The named mediators and the studio's members hear of it.
 */
export async function assignMediators(ctx: Ctx, id: string, body: DisputeAssign): Promise<DisputeDetail> {
  const people = body.mediatorIds.length
    ? await ctx.db.selectFrom('users').select('id').where('id', 'in', body.mediatorIds).where('disabled', '=', false).where(hasAnyRole('roles', MEDIATING_ROLES)).execute()
    : [];
  const missing = body.mediatorIds.findIndex((m) => !people.some((p) => p.id === m));
  if (missing >= 0) throw invalid('Unknown mediator', [{ path: `mediatorIds.${missing}`, message: 'no active staff member who may mediate' }]);
  if (body.studioId) {
    const studio = await ctx.db.selectFrom('org_units').select('kind').where('id', '=', body.studioId).executeTakeFirst();
    if (!studio || !STUDIO_KINDS.includes(studio.kind)) throw invalid('Unknown studio', [{ path: 'studioId', message: 'a 工作室, 调委会 or 司法所' }]);
  }
  const chosen = [...new Set(body.mediatorIds)];
  return runDisputeStep(ctx, id, 'assign', { note: body.note }, async ({ mediators }) => {
    const now = ctx.clock.now();
    const active = mediators.filter((m) => !m.released_at).map((m) => m.user_id);
    return {
      set: { studio_id: body.studioId ?? null },
      data: { mediatorIds: chosen, studioId: body.studioId ?? null },
      write: async (trx) => {
        const released = active.filter((m) => !chosen.includes(m));
        if (released.length) await trx.updateTable('dispute_mediators').set({ released_at: now }).where('case_id', '=', id).where('user_id', 'in', released).where('released_at', 'is', null).execute();
        const added = chosen.filter((m) => !active.includes(m));
        if (added.length) await trx.insertInto('dispute_mediators').values(added.map((user_id) => ({ case_id: id, user_id, assigned_at: now }))).execute();
      },
      notices: async (trx) => [{ event: 'assign', userIds: await mediatorsOf(trx, id, body.studioId ?? null) }],
    };
  });
}

/**
 * A session: scheduled (no minutes yet) or recorded as held (minutes given). Each is a row of
 * its own, so two people recording sessions of one case at once both keep theirs.
 */
export async function addSession(ctx: Ctx, id: string, body: SessionCreate): Promise<DisputeDetail> {
  const held = body.minutes !== undefined;
  const sessionId = crypto.randomUUID();
  return runDisputeStep(ctx, id, held ? 'record_session' : 'schedule_session', { attachmentIds: body.attachmentIds }, async ({ c }, actor) => {
    const now = ctx.clock.now();
    return {
      data: { sessionId, at: body.at, place: body.place, onSite: body.onSite },
      write: async (trx) => {
        await trx
          .insertInto('dispute_sessions')
          .values({
            id: sessionId,
            case_id: id,
            level: c.level,
            at: body.at,
            place: body.place,
            on_site: body.onSite,
            participants: JSON.stringify(body.participants),
            minutes: body.minutes ?? null,
            held_at: held ? body.at : null,
            recorded_by: held ? actor.id : null,
            recorded_by_name: held ? actor.displayName : null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      },
    };
  });
}

/**
 * 调解笔录 of a scheduled session. The caller sends the version it read; if someone changed the
 * session since, the write is refused (409) instead of silently replacing their minutes.
 */
export async function recordSession(ctx: Ctx, id: string, sessionId: string, body: SessionRecord): Promise<DisputeDetail> {
  return runDisputeStep(ctx, id, 'record_session', { attachmentIds: body.attachmentIds }, async (_loaded, actor) => {
    const session = await ctx.db.selectFrom('dispute_sessions').select(['at', 'held_at']).where('id', '=', sessionId).where('case_id', '=', id).executeTakeFirst();
    if (!session) throw notFound('Session');
    const now = ctx.clock.now();
    return {
      data: { sessionId, version: body.version + 1 },
      write: async (trx) => {
        const updated = await trx
          .updateTable('dispute_sessions')
          .set({
            minutes: body.minutes,
            ...(body.participants ? { participants: JSON.stringify(body.participants) } : {}),
            held_at: body.heldAt ?? session.held_at ?? session.at,
            recorded_by: actor.id,
            recorded_by_name: actor.displayName,
            version: body.version + 1,
            updated_at: now,
          })
          .where('id', '=', sessionId)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw conflict('Someone recorded this session after you opened it; reload to see their minutes, then add yours');
      },
    };
  });
}

/** 风险研判: a new risk level or 易激化 flag; becoming 重大 or 易激化 alerts the level above at once. */
export async function assessRisk(ctx: Ctx, id: string, body: z.infer<typeof RiskAssessment>): Promise<DisputeDetail> {
  return runDisputeStep(ctx, id, 'assess_risk', { note: body.note }, async ({ c }, actor) => {
    const now = ctx.clock.now();
    const rising = needsAlert(body.riskLevel, body.volatile) && !needsAlert(c.risk_level, c.volatile);
    return {
      set: { risk_level: body.riskLevel, volatile: body.volatile },
      data: { riskLevel: body.riskLevel, volatile: body.volatile, before: { riskLevel: c.risk_level, volatile: c.volatile } },
      notices: async (trx) => (rising ? alertAbove(trx, { ...c, risk_level: body.riskLevel, volatile: body.volatile }, c.level as DisputeLevel, now, actor) : []),
    };
  });
}
