import { sql } from 'kysely';
import { OPEN_DISPUTE_STATES, type DisputeMeeting, type MeetingAgenda, type MeetingAgendaQuery, type MeetingCreate, type MeetingListQuery } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { pathWithin } from '../../platform/db/area-path.js';
import { paginate } from '../../platform/db/paging.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { mayHoldMeeting } from '../../platform/policy/disputes.js';
import { inScope, requireActor } from '../../platform/policy/policy.js';
import { localDay } from '../matters/calendar/working-time.js';
import { areaOrNotFound } from '../territory/public.js';
import { appendEvents, caseQuery } from './repository.js';

// 联席会: a 镇/街道's joint meeting goes through its open cases (the agenda) and records a decision
// on each; every decision is written onto its case's timeline in the meeting's transaction.

const DAY = 86_400_000;
const iso = (d: Date | string) => new Date(d).toISOString();
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY;
const OPEN = [...OPEN_DISPUTE_STATES];

/** The area a meeting is of: 404 outside the caller's scope, 403 for staff who do not hold meetings, 400 below a 镇/街道. */
async function meetingArea(ctx: Ctx, code: string | undefined, { street }: { street: boolean }) {
  const actor = requireActor(ctx.actor);
  const area = await areaOrNotFound(ctx.db, code ?? actor.scopeAreaCode, { visible: (p) => inScope(actor, p) });
  if (!mayHoldMeeting(actor, area.path)) throw new AppError('FORBIDDEN', '联席会 are held by the centre staff of the 镇/街道');
  if (street && area.level !== 'street') throw invalid('A 联席会 is held by a 镇/街道', [{ path: 'areaCode', message: `this area is a ${area.level}` }]);
  return { actor, area };
}

/**
 * The agenda: every open case at or under the 镇/街道, 重大 → 较大 → 一般, 易激化 first within a
 * risk level, then the oldest first, with who mediates and what the last meeting decided.
 */
export async function meetingAgenda(ctx: Ctx, q: MeetingAgendaQuery): Promise<MeetingAgenda> {
  const { area } = await meetingArea(ctx, q.areaCode, { street: true });
  const date = q.date ?? localDay(ctx.clock.now());
  const cases = await caseQuery(ctx.db)
    .where(pathWithin('d.area_path', area.path))
    .where('d.state', 'in', OPEN)
    .orderBy(sql`case d.risk_level when 'major' then 0 when 'serious' then 1 else 2 end`)
    .orderBy('d.volatile', 'desc')
    .orderBy('d.created_at')
    .orderBy('d.number')
    .execute();
  const ids = cases.map((c) => c.id);
  const [mediators, decisions] = ids.length
    ? await Promise.all([
        ctx.db.selectFrom('dispute_mediators as dm').innerJoin('users as u', 'u.id', 'dm.user_id').select(['dm.case_id', 'u.display_name']).where('dm.case_id', 'in', ids).where('dm.released_at', 'is', null).orderBy('dm.id').execute(),
        ctx.db
          .selectFrom('dispute_meeting_decisions as md')
          .innerJoin('dispute_meetings as m', 'm.id', 'md.meeting_id')
          .distinctOn('md.case_id')
          .select(['md.case_id', 'm.held_on', 'md.decision', 'md.assignee'])
          .where('md.case_id', 'in', ids)
          .orderBy('md.case_id')
          .orderBy('m.held_on', 'desc')
          .orderBy('md.id', 'desc')
          .execute(),
      ])
    : [[], []];
  const last = new Map(decisions.map((d) => [d.case_id, { date: d.held_on, decision: d.decision, assignee: d.assignee }]));
  return {
    areaCode: area.code,
    areaName: area.name,
    date,
    items: cases.map((c) => ({
      caseId: c.id,
      number: c.number,
      title: c.title,
      type: c.type as MeetingAgenda['items'][number]['type'],
      level: c.level as MeetingAgenda['items'][number]['level'],
      riskLevel: c.risk_level as MeetingAgenda['items'][number]['riskLevel'],
      volatile: c.volatile,
      state: c.state as MeetingAgenda['items'][number]['state'],
      ageDays: Math.max(0, dayNumber(date) - dayNumber(localDay(new Date(c.created_at)))),
      areaName: c.area_name,
      mediators: mediators.filter((m) => m.case_id === c.id).map((m) => m.display_name),
      lastDecision: last.get(c.id) ?? null,
    })),
  };
}

async function meetingView(ctx: Ctx, id: string): Promise<DisputeMeeting | null> {
  const m = await ctx.db
    .selectFrom('dispute_meetings as m')
    .innerJoin('areas as a', 'a.code', 'm.area_code')
    .selectAll('m')
    .select('a.name as area_name')
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!m) return null;
  const decisions = await ctx.db
    .selectFrom('dispute_meeting_decisions as md')
    .innerJoin('dispute_cases as d', 'd.id', 'md.case_id')
    .select(['md.case_id', 'd.number', 'd.title', 'md.decision', 'md.assignee'])
    .where('md.meeting_id', '=', id)
    .orderBy('md.seq')
    .execute();
  return {
    id: m.id,
    areaCode: m.area_code,
    areaName: m.area_name,
    date: m.held_on,
    attendees: m.attendees,
    decisions: decisions.map((d) => ({ caseId: d.case_id, number: d.number, title: d.title, decision: d.decision, assignee: d.assignee })),
    createdBy: m.created_by_name,
    createdAt: iso(m.created_at),
  };
}

/**
 * Records a meeting held and its decisions. Each case must be open and under the 镇/街道 when the
 * transaction locks it; one that is not refuses the whole meeting (400 naming it), so a meeting is
 * recorded with all of its decisions or not at all.
 */
export async function createMeeting(ctx: Ctx, body: MeetingCreate): Promise<DisputeMeeting> {
  const { actor, area } = await meetingArea(ctx, body.areaCode, { street: true });
  const now = ctx.clock.now();
  if (body.date > localDay(now)) throw invalid('A meeting is recorded once held', [{ path: 'date', message: `at most ${localDay(now)}` }]);
  const seen = new Set<string>();
  body.decisions.forEach((d, i) => {
    if (seen.has(d.caseId)) throw invalid(`Case ${d.caseId} has two decisions`, [{ path: `decisions.${i}.caseId`, message: 'one decision per case' }]);
    seen.add(d.caseId);
  });
  const ids = [...seen];

  const id = await ctx.db.transaction().execute(async (trx) => {
    // Locked in id order, so two meetings on overlapping cases cannot deadlock; a case that ends meanwhile waits or is refused.
    const rows = await trx.selectFrom('dispute_cases').select(['id', 'number', 'title', 'state', 'area_path', 'level']).where('id', 'in', ids).orderBy('id').forUpdate().execute();
    const cases = new Map(rows.map((r) => [r.id, r]));
    body.decisions.forEach((d, i) => {
      const c = cases.get(d.caseId);
      if (!c || !(c.area_path === area.path || c.area_path.startsWith(`${area.path}.`))) {
        throw invalid(`Case ${d.caseId} is not a case of ${area.name}`, [{ path: `decisions.${i}.caseId`, message: 'no such case under this 镇/街道' }]);
      }
      if (!OPEN.includes(c.state as (typeof OPEN)[number])) {
        throw invalid(`Case ${c.number} is ${c.state}, not open`, [{ path: `decisions.${i}.caseId`, message: `case ${c.number} has ended` }]);
      }
    });
    const meeting = await trx
      .insertInto('dispute_meetings')
      .values({ area_code: area.code, area_path: area.path, held_on: body.date, attendees: body.attendees, created_by: actor.id, created_by_name: actor.displayName, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('dispute_meeting_decisions')
      .values(body.decisions.map((d, i) => ({ meeting_id: meeting.id, seq: i + 1, case_id: d.caseId, decision: d.decision, assignee: d.assignee ?? null })))
      .execute();
    await appendEvents(
      trx,
      body.decisions.map((d) => ({
        case_id: d.caseId,
        at: now,
        actor_id: actor.id,
        actor_name: actor.displayName,
        action: 'meeting_decision',
        from_state: null,
        to_state: null,
        level: cases.get(d.caseId)!.level,
        note: d.decision,
        data: { meetingId: meeting.id, date: body.date, areaName: area.name, assignee: d.assignee ?? null },
      })),
    );
    await trx.updateTable('dispute_cases').set({ updated_at: now }).where('id', 'in', ids).execute();
    await audit(trx, ctx, [
      { action: 'dispute.meeting.create', entity: 'dispute_meeting', entityId: meeting.id, after: { areaCode: area.code, date: body.date, cases: body.decisions.map((d) => cases.get(d.caseId)!.number) } },
      ...body.decisions.map((d) => ({ action: 'dispute.meeting_decision', entity: 'dispute_case', entityId: d.caseId, after: { meetingId: meeting.id, decision: d.decision, assignee: d.assignee ?? null } })),
    ]);
    return meeting.id;
  });
  return (await meetingView(ctx, id))!;
}

/** Past meetings of an area and the areas under it (default: the caller's scope), latest first. */
export async function listMeetings(ctx: Ctx, q: MeetingListQuery) {
  const { area } = await meetingArea(ctx, q.areaCode, { street: false });
  const query = ctx.db
    .selectFrom('dispute_meetings as m')
    .innerJoin('areas as a', 'a.code', 'm.area_code')
    .select(['m.id', 'm.area_code', 'a.name as area_name', 'm.held_on', 'm.attendees', 'm.created_by_name', 'm.created_at'])
    .select((eb) => eb.selectFrom('dispute_meeting_decisions as md').select(sql<number>`count(*)`.as('n')).whereRef('md.meeting_id', '=', 'm.id').as('decision_count'))
    .where(pathWithin('m.area_path', area.path))
    .orderBy('m.held_on', 'desc')
    .orderBy('m.created_at', 'desc');
  const { items, total } = await paginate(query, q.page, q.pageSize);
  return {
    items: items.map((m) => ({
      id: m.id,
      areaCode: m.area_code,
      areaName: m.area_name,
      date: m.held_on,
      attendees: m.attendees,
      decisionCount: Number(m.decision_count ?? 0),
      createdBy: m.created_by_name,
      createdAt: iso(m.created_at),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** One meeting with its decisions; outside the caller's scope it answers like a missing one. */
export async function getMeeting(ctx: Ctx, id: string): Promise<DisputeMeeting> {
  const actor = requireActor(ctx.actor);
  const m = await ctx.db.selectFrom('dispute_meetings').select('area_path').where('id', '=', id).executeTakeFirst();
  if (!m || !inScope(actor, m.area_path)) throw notFound('Meeting');
  if (!mayHoldMeeting(actor, m.area_path)) throw new AppError('FORBIDDEN', '联席会 are read by the centre staff of the 镇/街道');
  return (await meetingView(ctx, id))!;
}
