import type { OrgUnit, OrgUnitCreate, OrgUnitUpdate } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy/actor.js';
import { aboveScope, assertVisible, inScope, requireActor } from '../../platform/policy/policy.js';
import { areaFilterPath, lookupArea } from '../territory/public.js';
import * as repo from './repository.js';

/** A unit is visible inside the viewer's scope, and above it (the centre, 派出所, 司法所 serving their grid). */
function canSee(actor: Actor, unit: repo.OrgUnitView): boolean {
  return unit.id === actor.unitId || inScope(actor, unit.area_path) || aboveScope(actor, unit.area_path);
}

function toOrgUnit(u: repo.OrgUnitView): OrgUnit {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind as OrgUnit['kind'],
    areaCode: u.area_code,
    areaName: u.area_name,
    parentId: u.parent_id,
    parentName: u.parent_name,
    categories: u.categories,
    phone: u.phone,
    createdAt: new Date(u.created_at).toISOString(),
  };
}

export async function getOrgUnit(ctx: Ctx, id: string): Promise<OrgUnit> {
  const actor = requireActor(ctx.actor);
  return toOrgUnit(assertVisible(await repo.findOrgUnit(ctx.db, id), (u) => canSee(actor, u), 'Organisation unit'));
}

export async function listOrgUnits(ctx: Ctx, query: { page: number; pageSize: number; areaCode?: string | undefined; kind?: string | undefined; q?: string | undefined }) {
  const actor = requireActor(ctx.actor);
  let areaPath: string | undefined;
  if (query.areaCode) {
    // An unknown or out-of-scope filter area simply matches nothing.
    areaPath = await areaFilterPath(ctx.db, query.areaCode, (p) => inScope(actor, p) || aboveScope(actor, p));
  }
  const { items, total } = await repo.listOrgUnits(ctx.db, { scopePath: actor.scopePath, areaPath, kind: query.kind, q: query.q }, query.page, query.pageSize);
  return { items: items.map(toOrgUnit), total, page: query.page, pageSize: query.pageSize };
}

/** Writes are confined to the writer's own subtree (not the units above it). */
async function checkPlacement(ctx: Ctx, actor: Actor, areaCode: string | undefined, parentId: string | null | undefined) {
  const issues = [];
  if (areaCode !== undefined) {
    if (!(await lookupArea(ctx.db, areaCode, (p) => inScope(actor, p)))) issues.push({ path: 'areaCode', message: `area ${areaCode} not found` });
  }
  if (parentId) {
    const parent = await repo.findOrgUnit(ctx.db, parentId);
    if (!parent || !canSee(actor, parent)) issues.push({ path: 'parentId', message: 'parent unit not found' });
  }
  if (issues.length) throw invalid('Check the highlighted fields', issues);
}

async function assertNameFree(ctx: Ctx, areaCode: string, name: string, exceptId?: string) {
  const clash = await ctx.db
    .selectFrom('org_units')
    .select('id')
    .where('area_code', '=', areaCode)
    .where('name', '=', name)
    .executeTakeFirst();
  if (clash && clash.id !== exceptId) throw conflict(`A unit named ${name} already exists in this area`, [{ path: 'name', message: 'already exists in this area' }]);
}

export async function createOrgUnit(ctx: Ctx, input: OrgUnitCreate): Promise<OrgUnit> {
  const actor = requireActor(ctx.actor);
  await checkPlacement(ctx, actor, input.areaCode, input.parentId);
  await assertNameFree(ctx, input.areaCode, input.name);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertOrgUnit(trx, {
      name: input.name,
      kind: input.kind,
      area_code: input.areaCode,
      parent_id: input.parentId ?? null,
      categories: input.categories,
      phone: input.phone ?? null,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, ctx, { action: 'org.create', entity: 'org_unit', entityId: newId, after: input });
    return newId;
  });
  return getOrgUnit(ctx, id);
}

export async function updateOrgUnit(ctx: Ctx, id: string, patch: OrgUnitUpdate): Promise<OrgUnit> {
  const actor = requireActor(ctx.actor);
  const before = assertVisible(await repo.findOrgUnit(ctx.db, id), (u) => inScope(actor, u.area_path), 'Organisation unit');
  await checkPlacement(ctx, actor, patch.areaCode, patch.parentId);
  if (patch.parentId === id) throw invalid('A unit cannot be its own parent', [{ path: 'parentId', message: 'cannot be the unit itself' }]);
  if (patch.name !== undefined || patch.areaCode !== undefined) {
    await assertNameFree(ctx, patch.areaCode ?? before.area_code, patch.name ?? before.name, id);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateOrgUnit(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.areaCode !== undefined ? { area_code: patch.areaCode } : {}),
      ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
      ...(patch.categories !== undefined ? { categories: patch.categories } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
      updated_at: ctx.clock.now(),
    });
    await audit(trx, ctx, { action: 'org.update', entity: 'org_unit', entityId: id, before: toOrgUnit(before), after: patch });
  });
  return getOrgUnit(ctx, id);
}
