import type { Category, CalendarDay, DeadlineRule, RoutingRule, Urgency } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import { inScope, requireActor } from '../../platform/policy/policy.js';
import { lookupArea } from '../territory/public.js';
import { parentCode } from '../matters/catalogue.js';
import { referenceDataFor } from '../matters/reference-data.js';

// The catalogue, routing rules, deadline rules and working calendar that 三定 runs on.
// Every change is audited and drops the cached copies (other processes refresh within 30 s).

async function changed(ctx: Ctx, action: string, entity: string, entityId: string, before: unknown, after: unknown, write: (trx: Ctx['db']) => Promise<void>) {
  await ctx.db.transaction().execute(async (trx) => {
    await write(trx);
    await audit(trx, ctx, { action, entity, entityId, before, after });
  });
  referenceDataFor(ctx.db).invalidate();
}

export async function listCategories(ctx: Ctx): Promise<Category[]> {
  return [...(await referenceDataFor(ctx.db).categories()).values()];
}

export async function saveCategory(ctx: Ctx, code: string, input: { name: string; active: boolean }): Promise<Category> {
  const categories = await referenceDataFor(ctx.db).categories();
  const parent = parentCode(code);
  if (parent && !categories.has(parent)) throw invalid('Create the first-level category first', [{ path: 'code', message: `no category ${parent}` }]);
  const before = categories.get(code) ?? null;
  await changed(ctx, before ? 'category.update' : 'category.create', 'category', code, before, input, async (trx) => {
    await trx
      .insertInto('categories')
      .values({ code, name: input.name, parent_code: parent, active: input.active, sort: categories.size })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: input.name, active: input.active }))
      .execute();
  });
  return { code, name: input.name, parentCode: parent, active: input.active };
}

export async function listRoutingRules(ctx: Ctx): Promise<RoutingRule[]> {
  const rules = await referenceDataFor(ctx.db).routingRules();
  return rules
    .map((r) => ({ id: r.id, categoryCode: r.categoryCode, areaCode: r.areaCode, areaName: r.areaName, unit: { id: r.unitId, name: r.unitName }, note: r.note }))
    .sort((a, b) => a.areaCode.localeCompare(b.areaCode) || a.categoryCode.localeCompare(b.categoryCode));
}

export async function createRoutingRule(ctx: Ctx, input: { categoryCode: string; areaCode: string; unitId: string; note?: string | undefined }): Promise<RoutingRule> {
  const actor = requireActor(ctx.actor);
  const issues = [];
  if (!(await referenceDataFor(ctx.db).categories()).has(input.categoryCode)) issues.push({ path: 'categoryCode', message: 'no such category' });
  const area = await lookupArea(ctx.db, input.areaCode, (p) => inScope(actor, p));
  if (!area) issues.push({ path: 'areaCode', message: 'area not found' });
  const unit = await ctx.db.selectFrom('org_units').select(['id', 'name']).where('id', '=', input.unitId).executeTakeFirst();
  if (!unit) issues.push({ path: 'unitId', message: 'unit not found' });
  if (issues.length) throw invalid('Check the highlighted fields', issues);
  const clash = await ctx.db.selectFrom('routing_rules').select('id').where('category_code', '=', input.categoryCode).where('area_code', '=', input.areaCode).executeTakeFirst();
  if (clash) throw new AppError('CONFLICT', 'A rule for this category and area exists; delete it first', [{ path: 'categoryCode', message: 'already routed in this area' }]);
  let id = '';
  await changed(ctx, 'routing_rule.create', 'routing_rule', `${input.categoryCode}@${input.areaCode}`, null, input, async (trx) => {
    id = (await trx.insertInto('routing_rules').values({ category_code: input.categoryCode, area_code: input.areaCode, unit_id: input.unitId, note: input.note ?? null }).returning('id').executeTakeFirstOrThrow()).id;
  });
  return { id, categoryCode: input.categoryCode, areaCode: input.areaCode, areaName: area!.name, unit: unit!, note: input.note ?? null };
}

export async function deleteRoutingRule(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx.actor);
  const rule = (await referenceDataFor(ctx.db).routingRules()).find((r) => r.id === id);
  if (!rule || !inScope(actor, rule.areaPath)) throw new AppError('NOT_FOUND', 'Routing rule not found');
  await changed(ctx, 'routing_rule.delete', 'routing_rule', id, rule, null, async (trx) => {
    await trx.deleteFrom('routing_rules').where('id', '=', id).execute();
  });
}

export async function listDeadlineRules(ctx: Ctx): Promise<DeadlineRule[]> {
  return (await referenceDataFor(ctx.db).deadlineRules()).map((r) => ({ ...r, urgency: r.urgency as Urgency }));
}

export async function saveDeadlineRule(ctx: Ctx, input: { categoryCode: string | null; urgency: Urgency; acceptHours: number; handleDays: number }): Promise<DeadlineRule> {
  if (input.categoryCode && !(await referenceDataFor(ctx.db).categories()).has(input.categoryCode)) {
    throw invalid('Unknown category', [{ path: 'categoryCode', message: 'no such category' }]);
  }
  const existing = (await listDeadlineRules(ctx)).find((r) => r.categoryCode === input.categoryCode && r.urgency === input.urgency) ?? null;
  let id = existing?.id ?? '';
  await changed(ctx, existing ? 'deadline_rule.update' : 'deadline_rule.create', 'deadline_rule', `${input.categoryCode ?? '*'}/${input.urgency}`, existing, input, async (trx) => {
    if (existing) {
      await trx.updateTable('deadline_rules').set({ accept_hours: input.acceptHours, handle_days: input.handleDays }).where('id', '=', existing.id).execute();
    } else {
      id = (
        await trx
          .insertInto('deadline_rules')
          .values({ category_code: input.categoryCode, urgency: input.urgency, accept_hours: input.acceptHours, handle_days: input.handleDays })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
  });
  return { id, ...input };
}

export async function listCalendar(ctx: Ctx, year: number): Promise<CalendarDay[]> {
  const rows = await ctx.db
    .selectFrom('calendar_days')
    .selectAll()
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, kind: r.kind, name: r.name }));
}

export async function saveCalendarDay(ctx: Ctx, day: string, input: { kind: 'holiday' | 'workday'; name: string }): Promise<CalendarDay> {
  await changed(ctx, 'calendar.save', 'calendar_day', day, null, input, async (trx) => {
    await trx
      .insertInto('calendar_days')
      .values({ day, kind: input.kind, name: input.name })
      .onConflict((oc) => oc.column('day').doUpdateSet({ kind: input.kind, name: input.name }))
      .execute();
  });
  return { day, ...input };
}

export async function deleteCalendarDay(ctx: Ctx, day: string): Promise<void> {
  const existing = await ctx.db.selectFrom('calendar_days').selectAll().where('day', '=', day).executeTakeFirst();
  if (!existing) throw new AppError('NOT_FOUND', `No calendar entry for ${day}`);
  await changed(ctx, 'calendar.delete', 'calendar_day', day, existing, null, async (trx) => {
    await trx.deleteFrom('calendar_days').where('day', '=', day).execute();
  });
}
