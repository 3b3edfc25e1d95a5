import type { MatterActionBody, MatterState, Urgency } from '@fengqiao/shared';
import type { Transaction } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { canSeeMatter } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { addWorkingDays, addWorkingHours } from './calendar/working-time.js';
import { triageFor } from './triage-rules.js';
import { TRIAGE_HOURS } from './intake.js';
import { referenceDataFor } from './reference-data.js';
import { replyFlagsFor } from './reply-check.js';
import { factsOf, findParentCentre, loadMatter, type MatterUnitRow, type MatterView } from './repository.js';

/** What one action does beyond the bare state change: column updates, its own rows, timeline data. */
export interface Plan {
  to: MatterState;
  set: Record<string, unknown>;
  data?: Record<string, unknown>;
  /** Extra timeline entries after the main one (e.g. 重办 after a 不满意 rating). */
  followUps?: { action: string; to: MatterState; note?: string }[];
  write?: (trx: Transaction<DB>) => Promise<void>;
}

export interface Loaded {
  matter: MatterView;
  units: MatterUnitRow[];
}

async function unitName(ctx: Ctx, id: string, path: string): Promise<string> {
  const unit = await ctx.db.selectFrom('org_units').select('name').where('id', '=', id).executeTakeFirst();
  if (!unit) throw invalid('Unknown unit', [{ path, message: 'no such organisation unit' }]);
  return unit.name;
}

async function escalation(ctx: Ctx, m: MatterView, now: Date) {
  const parent = await findParentCentre(ctx.db, m.owner_path);
  if (!parent) throw conflict('There is no higher 综治中心 to escalate to');
  return {
    parent,
    set: {
      owner_unit_id: parent.id,
      assigned_unit_id: null,
      accept_due_at: addWorkingHours(now, TRIAGE_HOURS, await referenceDataFor(ctx.db).calendar()),
      due_at: null,
      stage_started_at: now,
      warning: 'none',
      escalation_count: m.escalation_count + 1,
    },
  };
}

/** The person who replied (or resolved on the spot) may not verify their own work. */
async function assertOtherVerifier(ctx: Ctx, m: MatterView): Promise<void> {
  const last = await ctx.db
    .selectFrom('matter_events')
    .select('actor_id')
    .where('matter_id', '=', m.id)
    .where('action', 'in', ['reply', 'resolved_on_spot'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last?.actor_id && last.actor_id === requireActor(ctx.actor).id) {
    throw new AppError('FORBIDDEN', 'Someone other than the person who replied must verify the result');
  }
}

export async function planFor(ctx: Ctx, { matter: m, units }: Loaded, body: MatterActionBody): Promise<Plan> {
  const now = ctx.clock.now();
  const calendar = () => referenceDataFor(ctx.db).calendar();
  switch (body.action) {
    case 'dispatch': {
      const category = (await referenceDataFor(ctx.db).categories()).get(body.categoryCode);
      if (!category?.active) throw invalid('Unknown category', [{ path: 'categoryCode', message: `no active category ${body.categoryCode}` }]);
      const urgency = (body.urgency ?? m.urgency) as Urgency;
      const name = await unitName(ctx, body.unitId, 'unitId');
      const d = await triageFor(ctx.db, now, body.categoryCode, urgency, m.area_path, body.unitId);
      return {
        to: 'dispatched',
        set: {
          category_code: body.categoryCode,
          urgency,
          assigned_unit_id: body.unitId,
          accept_due_at: d.acceptDueAt,
          due_at: d.dueAt,
          stage_started_at: now,
          warning: 'none',
          routing_rule_id: d.routing.ruleId,
          routing_explanation: d.routing.explanation,
        },
        data: { unitId: body.unitId, unitName: name, categoryCode: body.categoryCode, urgency, dueAt: d.dueAt.toISOString() },
      };
    }
    case 'accept':
      return { to: 'handling', set: { accept_due_at: null, warning: 'none' } };
    case 'return':
      return {
        to: 'pending_triage',
        set: { assigned_unit_id: null, accept_due_at: addWorkingHours(now, TRIAGE_HOURS, await calendar()), due_at: null, stage_started_at: now, warning: 'none' },
        data: { unitId: m.assigned_unit_id },
      };
    case 'transfer': {
      if (body.unitId === m.assigned_unit_id) throw invalid('The matter is already with that unit', [{ path: 'unitId', message: 'choose another unit' }]);
      const name = await unitName(ctx, body.unitId, 'unitId');
      const d = await triageFor(ctx.db, now, m.category_code, m.urgency as Urgency, m.area_path, body.unitId);
      return {
        to: 'dispatched',
        set: { assigned_unit_id: body.unitId, accept_due_at: d.acceptDueAt, stage_started_at: now, warning: 'none' },
        data: { fromUnitId: m.assigned_unit_id, unitId: body.unitId, unitName: name },
      };
    }
    case 'request_extension':
      if (m.extension_requested_at) throw conflict('An extension request is already waiting for a decision');
      return { to: 'handling', set: { extension_days: body.days, extension_note: body.note, extension_requested_at: now }, data: { days: body.days } };
    case 'decide_extension': {
      if (!m.extension_requested_at || !m.extension_days) throw conflict('There is no extension request to decide');
      const dueAt = body.approve && m.due_at ? addWorkingDays(new Date(m.due_at), m.extension_days, await calendar()) : m.due_at;
      return {
        to: 'handling',
        set: { extension_days: null, extension_note: null, extension_requested_at: null, due_at: dueAt, ...(body.approve ? { warning: 'none' } : {}) },
        data: { approve: body.approve, days: m.extension_days, dueAt: dueAt ? new Date(dueAt).toISOString() : null },
      };
    }
    case 'escalate': {
      const { parent, set } = await escalation(ctx, m, now);
      return { to: 'pending_triage', set, data: { toUnitId: parent.id, toUnitName: parent.name } };
    }
    case 'add_assist':
    case 'summon': {
      const role = body.action === 'add_assist' ? 'assist' : 'summon';
      const names = await Promise.all(body.unitIds.map((id, i) => unitName(ctx, id, `unitIds.${i}`)));
      const dueAt = body.action === 'summon' ? new Date(now.getTime() + body.reportWithinHours * 3600_000) : null;
      return {
        to: m.state as MatterState,
        set: {},
        data: { units: body.unitIds.map((id, i) => ({ id, name: names[i] })), ...(dueAt ? { dueAt: dueAt.toISOString() } : {}) },
        write: async (trx) => {
          await trx
            .insertInto('matter_units')
            .values(body.unitIds.map((unit_id) => ({ matter_id: m.id, unit_id, role, due_at: dueAt, reported_at: null, created_at: now })))
            .onConflict((oc) => oc.columns(['matter_id', 'unit_id', 'role']).doNothing())
            .execute();
        },
      };
    }
    case 'report_in': {
      const unitId = requireActor(ctx.actor).unitId!;
      const summons = units.find((u) => u.role === 'summon' && u.unit_id === unitId);
      if (summons?.reported_at) throw conflict('Your unit has already reported in');
      const late = summons?.due_at ? now > new Date(summons.due_at) : false;
      return {
        to: m.state as MatterState,
        set: {},
        data: { unitId, late },
        write: async (trx) => {
          await trx.updateTable('matter_units').set({ reported_at: now }).where('matter_id', '=', m.id).where('unit_id', '=', unitId).where('role', '=', 'summon').execute();
        },
      };
    }
    case 'reply':
      // The reply check's flags (shown to the person before they submitted anyway) stay on the timeline entry.
      return { to: 'replied', set: { stage_started_at: now, warning: 'none' }, data: { replyFlags: await replyFlagsFor(ctx, m, body.note ?? '') } };
    case 'verify_pass':
      await assertOtherVerifier(ctx, m);
      return { to: 'closed', set: { closed_at: now, warning: 'none' } };
    case 'verify_fail':
      await assertOtherVerifier(ctx, m);
      return { to: 'handling', set: { stage_started_at: now } };
    case 'rate':
      return planRating(ctx, m, body, now);
    case 'supervise': {
      const dueAt = body.dueAt ? new Date(body.dueAt) : null;
      const actor = requireActor(ctx.actor);
      return {
        to: m.state as MatterState,
        set: { supervised: true },
        data: dueAt ? { dueAt: dueAt.toISOString() } : {},
        write: async (trx) => {
          await trx.insertInto('matter_supervisions').values({ matter_id: m.id, by_id: actor.id, by_name: actor.displayName, note: body.note ?? '', due_at: dueAt, at: now }).execute();
        },
      };
    }
    case 'void':
      return { to: 'voided', set: { warning: 'none' } };
    case 'withdraw':
      return { to: 'withdrawn', set: { warning: 'none' } };
    case 'merge':
      return planMerge(ctx, m, body.targetId, now);
    case 'comment':
    case 'follow_up':
      return { to: m.state as MatterState, set: {} };
  }
}

async function planRating(ctx: Ctx, m: MatterView, body: Extract<MatterActionBody, { action: 'rate' }>, now: Date): Promise<Plan> {
  const rated = { rating: body.rating, rating_comment: body.comment ?? null };
  if (body.rating !== 'unsatisfied') return { to: 'rated', set: { ...rated, rated_at: now }, data: { rating: body.rating } };
  if (m.reopen_count === 0) {
    // 不满意 the first time: 重办 by the same unit, with a fresh handling deadline.
    const d = await triageFor(ctx.db, now, m.category_code, m.urgency as Urgency, m.area_path, m.assigned_unit_id);
    return {
      to: 'handling',
      set: { rating_comment: body.comment ?? null, reopen_count: 1, closed_at: null, due_at: d.dueAt, stage_started_at: now, warning: 'none' },
      data: { rating: body.rating },
      followUps: [{ action: 'reopened', to: 'handling' }],
    };
  }
  // 不满意 again: the next level up takes it over.
  const { parent, set } = await escalation(ctx, m, now);
  return {
    to: 'pending_triage',
    set: { ...set, ...rated, closed_at: null },
    data: { rating: body.rating, toUnitId: parent.id, toUnitName: parent.name },
    followUps: [{ action: 'escalate', to: 'pending_triage', note: 'escalated after a second unsatisfied rating' }],
  };
}

async function planMerge(ctx: Ctx, m: MatterView, targetId: string, now: Date): Promise<Plan> {
  const actor = requireActor(ctx.actor);
  if (targetId === m.id) throw invalid('A matter cannot be merged into itself', [{ path: 'targetId', message: 'choose another matter' }]);
  const target = await loadMatter(ctx.db, targetId);
  if (!target || !canSeeMatter(actor, factsOf(target.matter, target.units))) {
    throw invalid('The target matter was not found', [{ path: 'targetId', message: 'not found' }]);
  }
  if (['rated', 'voided', 'withdrawn', 'merged'].includes(target.matter.state)) {
    throw invalid('Merge into an open matter', [{ path: 'targetId', message: `the target is ${target.matter.state}` }]);
  }
  return {
    to: 'merged',
    set: { merged_into: targetId, warning: 'none' },
    data: { targetId, targetNumber: target.matter.number },
    write: async (trx) => {
      // Whoever reported the merged matter follows the surviving one, so nobody loses sight of it.
      if (m.reporter_user_id) {
        await trx.insertInto('matter_followers').values({ matter_id: targetId, user_id: m.reporter_user_id }).onConflict((oc) => oc.doNothing()).execute();
      }
      await trx
        .insertInto('matter_events')
        .values({
          matter_id: targetId,
          at: now,
          actor_id: actor.id,
          actor_name: actor.displayName,
          unit_id: actor.unitId,
          unit_name: null,
          action: 'merged_in',
          from_state: null,
          to_state: null,
          note: null,
          data: JSON.stringify({ sourceId: m.id, sourceNumber: m.number }),
        })
        .execute();
    },
  };
}
