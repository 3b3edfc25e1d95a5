import {
  SUPERVISION_TRANSITIONS,
  type SupervisionActionBody,
  type SupervisionCreate,
  type SupervisionCreated,
  type SupervisionListQuery,
  type SupervisionMineQuery,
  type SupervisionPage,
  type SupervisionReport,
  type SupervisionState,
} from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import { applyTransition, assertMayTake, type Kind } from '../../platform/lifecycle/index.js';
import type { Actor } from '../../platform/policy/actor.js';
import { canSeeMatter } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { canHandleSupervision, canReadSupervision, type SupervisionFacts } from '../../platform/policy/supervision.js';
import { numberDate } from '../matters/intake-write.js';
import { matterWithFacts } from '../matters/public.js';
import { findPublicPost } from '../public/service.js';
import { maskName } from '../public/redact.js';
import { publishAfterCommit } from '../notifications/service.js';
import { insertReport, moveReport, queueVisibleTo, reportRows, type ReportRow } from './repository.js';

// 监督举报: anyone logged in reports slow or improper handling, or misconduct; the 指挥中心 in
// scope accepts and closes the report (policy/supervision.ts). The reporter follows it in their own
// list and reads the conclusion there; who handled it is not shown to them.

const reportFacts = (r: ReportRow): SupervisionFacts => ({ areaPath: r.area_path, handlingUnitId: r.handling_unit_id, reporterUserId: r.reporter_user_id });
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function toReport(r: ReportRow, forQueue: boolean): SupervisionReport {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    state: r.state,
    matterNumber: r.matter_number,
    matterId: forQueue ? r.matter_id : null,
    subject: r.subject,
    content: r.content,
    reporterName: maskName(r.reporter_name),
    acceptNote: r.accept_note,
    acceptedAt: iso(r.accepted_at),
    closeNote: r.close_note,
    closedAt: iso(r.closed_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** The matter a report names: one the reporter may see, or a public post; anything else is "not found" alike. */
async function linkedMatter(ctx: Ctx, actor: Actor, number: string): Promise<{ id: string; areaPath: string }> {
  const row = await ctx.db.selectFrom('matters').select('id').where('number', '=', number).executeTakeFirst();
  const loaded = row ? await matterWithFacts(ctx.db, row.id) : null;
  if (loaded) {
    const visible = canSeeMatter(actor, loaded.facts) || (await findPublicPost(ctx, number).then(() => true, () => false));
    if (visible) return { id: loaded.matter.id, areaPath: loaded.matter.area_path };
  }
  throw invalid('No such matter', [{ path: 'matterNumber', message: 'no matter with this number that you can see' }]);
}

export async function createReport(ctx: Ctx, body: SupervisionCreate): Promise<SupervisionCreated> {
  const actor = requireActor(ctx.actor);
  const matter = body.matterNumber ? await linkedMatter(ctx, actor, body.matterNumber) : null;
  const now = ctx.clock.now();
  // Without a matter the report goes to the top of the reporter's area tree, not to a centre that may be its subject.
  const areaPath = matter?.areaPath ?? actor.scopePath.split('.')[0]!;
  return ctx.db.transaction().execute(async (trx) => {
    const created = await insertReport(trx, {
      numberPrefix: `S${numberDate(now)}`,
      kind: body.kind,
      matter_id: matter?.id ?? null,
      area_path: areaPath,
      subject: body.subject,
      content: body.content,
      reporter_user_id: actor.id,
      at: now,
    });
    await audit(trx, ctx, { action: 'supervision.create', entity: 'supervision_report', entityId: created.id, after: { number: created.number, kind: body.kind, matterId: matter?.id ?? null } });
    return created;
  });
}

export async function listMine(ctx: Ctx, q: SupervisionMineQuery): Promise<SupervisionPage> {
  const actor = requireActor(ctx.actor);
  const base = reportRows(ctx.db).where('r.reporter_user_id', '=', actor.id);
  const [rows, counted] = await Promise.all([
    base.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    ctx.db.selectFrom('supervision_reports').where('reporter_user_id', '=', actor.id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toReport(r, false)), total: Number(counted.n), page: q.page, pageSize: q.pageSize };
}

export async function listQueue(ctx: Ctx, q: SupervisionListQuery): Promise<SupervisionPage> {
  const actor = requireActor(ctx.actor);
  let base = reportRows(ctx.db).where(queueVisibleTo(actor));
  if (q.state) base = base.where('r.state', '=', q.state);
  const [rows, counted] = await Promise.all([
    base.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toReport(r, true)), total: Number(counted.n), page: q.page, pageSize: q.pageSize };
}

/** A report the caller may handle, or the 404 of a missing one. */
async function handledReport(ctx: Ctx, id: string): Promise<ReportRow> {
  const actor = requireActor(ctx.actor);
  const row = await reportRows(ctx.db).where('r.id', '=', id).executeTakeFirst();
  if (!row || !canHandleSupervision(actor, reportFacts(row))) throw new AppError('NOT_FOUND', 'Report not found');
  return row;
}

/** One report: the reporter reads their own, the 指挥中心 in scope any; everyone else gets the 404 of a missing one. */
export async function getReport(ctx: Ctx, id: string): Promise<SupervisionReport> {
  const actor = requireActor(ctx.actor);
  const row = await reportRows(ctx.db).where('r.id', '=', id).executeTakeFirst();
  if (!row || !canReadSupervision(actor, reportFacts(row))) throw new AppError('NOT_FOUND', 'Report not found');
  // The reporter's own view leaves out the link into the staff's matter page.
  return toReport(row, canHandleSupervision(actor, reportFacts(row)));
}

const REPORT: Kind = { noun: 'report', missing: 'Report not found' };

/** 受理 or 办结 through SUPERVISION_TRANSITIONS; the state change carries its precondition, so of two operators at once one gets the 409. */
export async function actOnReport(ctx: Ctx, id: string, body: SupervisionActionBody): Promise<SupervisionReport> {
  const actor = requireActor(ctx.actor);
  const report = await handledReport(ctx, id);
  const rule = SUPERVISION_TRANSITIONS[body.action];
  const subject = { number: report.number, state: report.state as SupervisionState };
  // handledReport answered 404 to anyone but the 指挥中心 in scope, so the caller is the handler.
  assertMayTake(REPORT, subject, body.action, rule, new Set(['handler'] as const), body.note);
  const now = ctx.clock.now();
  const set =
    body.action === 'accept'
      ? { state: rule.to, accept_note: body.note, accepted_at: now, accepted_by: actor.id, updated_at: now }
      : { state: rule.to, close_note: body.note, closed_at: now, closed_by: actor.id, updated_at: now };
  await applyTransition(
    ctx.db,
    ctx,
    REPORT,
    subject,
    {
      move: (trx) => moveReport(trx, id, [subject.state], set),
      write: async () => {},
      audit: { action: `supervision.${body.action}`, entity: 'supervision_report', entityId: id, before: { state: report.state }, after: { state: rule.to, note: body.note } },
    },
    publishAfterCommit,
  );
  return getReport(ctx, id);
}
