import {
  OPEN_DISPUTE_STATES,
  type DisputeDetail,
  type DisputeListItem,
  type DisputeState,
} from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { allowedDisputeActions, mayRevealParties } from '../../platform/policy/disputes.js';
import { attachmentsOf } from '../files/service.js';
import { factsOf, listEvents, type CaseView } from './repository.js';
import { visibleCase } from './access.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
type Item = DisputeListItem;

export function toListItem(c: CaseView, now: Date): DisputeListItem {
  const open = OPEN_DISPUTE_STATES.includes(c.state as DisputeState);
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    source: c.source as Item['source'],
    type: c.type as Item['type'],
    state: c.state as Item['state'],
    riskLevel: c.risk_level as Item['riskLevel'],
    volatile: c.volatile,
    mediationType: c.mediation_type as Item['mediationType'],
    level: c.level as Item['level'],
    levelArea: { code: c.level_area_code, name: c.level_area_name },
    areaName: c.area_name,
    unit: c.unit_id ? { id: c.unit_id, name: c.unit_name ?? '' } : null,
    studio: c.studio_id ? { id: c.studio_id, name: c.studio_name ?? '' } : null,
    levelDueAt: iso(c.level_due_at),
    overdue: open && c.level_due_at !== null && new Date(c.level_due_at) < now,
    amountYuan: c.amount_fen === null ? null : Number(c.amount_fen) / 100,
    peopleInvolved: c.people_involved,
    escalationCount: c.escalation_count,
    createdAt: iso(c.created_at)!,
    updatedAt: iso(c.updated_at)!,
  };
}

/** One case with its parties (masked), sessions, agreement, chain, timeline and the viewer's next steps. */
export async function detailFor(ctx: Ctx, id: string): Promise<DisputeDetail> {
  const { actor, loaded } = await visibleCase(ctx, id);
  const { c, mediators } = loaded;
  const now = ctx.clock.now();
  const [parties, sessions, terms, chain, events] = await Promise.all([
    ctx.db.selectFrom('dispute_parties').selectAll().where('case_id', '=', id).orderBy('seq').execute(),
    ctx.db.selectFrom('dispute_sessions').selectAll().where('case_id', '=', id).orderBy('at').orderBy('created_at').execute(),
    ctx.db.selectFrom('dispute_terms').selectAll().where('case_id', '=', id).orderBy('seq').execute(),
    ctx.db.selectFrom('dispute_chain_steps').selectAll().where('case_id', '=', id).orderBy('seq').execute(),
    listEvents(ctx.db, id),
  ]);
  const fileIds = [...new Set([...(c.agreement_file_id ? [c.agreement_file_id] : []), ...chain.flatMap((s) => s.attachment_ids)])];
  const files = new Map((await attachmentsOf(ctx, fileIds)).map((f) => [f.id, f]));
  const facts = factsOf(loaded);
  return {
    ...toListItem(c, now),
    facts: c.facts,
    address: c.address,
    areaCode: c.area_code,
    matterId: c.matter_id,
    parties: parties.map((p) => ({
      id: p.id,
      role: p.role as 'applicant' | 'respondent',
      kind: p.kind as 'person' | 'organisation',
      name: p.name_shown,
      idNumberMasked: p.id_number_masked,
      phoneMasked: p.phone_masked,
    })),
    mediators: mediators.map((m) => ({ id: m.user_id, name: m.name, assignedAt: iso(m.assigned_at)!, releasedAt: iso(m.released_at) })),
    sessions: sessions.map((s) => ({
      id: s.id,
      at: iso(s.at)!,
      place: s.place,
      onSite: s.on_site,
      participants: s.participants,
      minutes: s.minutes,
      heldAt: iso(s.held_at),
      level: s.level as Item['level'],
      recordedBy: s.recorded_by_name,
      version: s.version,
    })),
    failedPath: c.failed_path as DisputeDetail['failedPath'],
    agreedFacts: c.agreed_facts,
    terms: terms.map((t) => ({
      id: t.id,
      text: t.text,
      dueAt: iso(t.due_at),
      performedAt: iso(t.performed_at),
      performanceNote: t.performance_note,
      overdue: t.performed_at === null && t.due_at !== null && new Date(t.due_at) < now,
    })),
    agreement: (c.agreement_file_id && files.get(c.agreement_file_id)) || null,
    chain: chain.map((s) => ({
      id: s.id,
      kind: s.kind as DisputeDetail['chain'][number]['kind'],
      appliedAt: iso(s.applied_at)!,
      institution: s.institution,
      caseNumber: s.case_number,
      result: s.result as DisputeDetail['chain'][number]['result'],
      resultAt: iso(s.result_at),
      note: s.note,
      attachments: s.attachment_ids.flatMap((f) => (files.has(f) ? [files.get(f)!] : [])),
    })),
    timeline: events.map((e) => ({
      id: Number(e.id),
      at: iso(e.at)!,
      actorName: e.actor_name,
      action: e.action as DisputeDetail['timeline'][number]['action'],
      fromState: e.from_state as DisputeState | null,
      toState: e.to_state as DisputeState | null,
      level: e.level as Item['level'],
      note: e.note,
      data: (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as Record<string, unknown> | null,
      attachmentIds: e.attachment_ids,
    })),
    actions: allowedDisputeActions(actor, facts),
    canRevealParties: mayRevealParties(actor, facts),
  };
}
