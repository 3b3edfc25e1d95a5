import {
  AREA_LEVELS,
  type AreaLevel,
  type AreaCreate,
  type AreaDetail,
  type AreaFeatureCollection,
  type AreaImport,
  type AreaSummary,
  type AreaUpdate,
  type ResolveResult,
} from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { conflict, invalid, type ErrorDetail } from '../../platform/errors.js';
import { assertVisible, inScope, requireActor } from '../../platform/policy/policy.js';
import type { AreaRow } from '../../platform/db/schema.js';
import { bbox, bboxCenter } from './geometry.js';
import type { GridLocator } from './grid-locator.js';
import { ancestorCodes, geometryOf, newAreaRow, toRef, toSummary } from './mapping.js';
import { checkPlacement } from './placement.js';
import * as repo from './repository.js';

async function visibleArea(ctx: Ctx, code: string): Promise<AreaRow> {
  const actor = requireActor(ctx.actor);
  return assertVisible(await repo.findArea(ctx.db, code), (a) => inScope(actor, a.path), 'Area');
}

/** Ancestors the viewer may see: from their scope root down to the parent. */
async function visibleAncestors(ctx: Ctx, path: string) {
  const actor = requireActor(ctx.actor);
  const rows = await repo.findAreas(ctx.db, ancestorCodes(path));
  return rows.filter((r) => inScope(actor, r.path)).sort((a, b) => a.path.length - b.path.length).map(toRef);
}

export async function getArea(ctx: Ctx, code: string): Promise<AreaDetail> {
  const row = await visibleArea(ctx, code);
  const geometry = geometryOf(row);
  return {
    ...toSummary(row, await repo.countChildren(ctx.db, code)),
    geometry,
    center: geometry ? bboxCenter(bbox(geometry)) : null,
    ancestors: await visibleAncestors(ctx, row.path),
  };
}

export async function listChildAreas(ctx: Ctx, code: string): Promise<AreaSummary[]> {
  await visibleArea(ctx, code);
  const rows = await repo.listChildren(ctx.db, code);
  return rows.map((r) => toSummary(r, r.child_count ?? 0));
}

export async function listGridFeatures(ctx: Ctx, code: string): Promise<AreaFeatureCollection> {
  const area = await visibleArea(ctx, code);
  const rows = await repo.listGridsUnder(ctx.db, area.path);
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.code,
      properties: { ...toRef(r), parentCode: r.parent_code },
      geometry: geometryOf(r)!,
    })),
  };
}

/** lon/lat → grid. A grid outside the viewer's scope is answered like no grid at all. */
export async function resolvePoint(ctx: Ctx, locator: GridLocator, lon: number, lat: number): Promise<ResolveResult> {
  const actor = requireActor(ctx.actor);
  const code = await locator.resolve(lon, lat);
  const grid = code ? await repo.findArea(ctx.db, code) : undefined;
  if (!grid || !inScope(actor, grid.path)) return { grid: null, ancestors: [], reason: 'NO_GRID' };
  return { grid: toRef(grid), ancestors: await visibleAncestors(ctx, grid.path) };
}

export async function createArea(ctx: Ctx, locator: GridLocator, input: AreaCreate): Promise<AreaDetail> {
  const actor = requireActor(ctx.actor);
  const parent = await repo.findArea(ctx.db, input.parentCode);
  const visibleParent = parent && inScope(actor, parent.path) ? parent : undefined;
  const issues = checkPlacement(input, visibleParent);
  if (issues.length) throw invalid('The area does not fit under its parent', issues);
  if (await repo.findArea(ctx.db, input.code)) throw conflict(`Area code ${input.code} is already taken`, [{ path: 'code', message: 'already taken' }]);
  const row = newAreaRow(input, visibleParent!, ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertAreas(trx, [row]);
    await audit(trx, ctx, { action: 'area.create', entity: 'area', entityId: input.code, after: input });
  });
  if (input.level === 'grid') locator.invalidate();
  return getArea(ctx, input.code);
}

export async function updateArea(ctx: Ctx, locator: GridLocator, code: string, patch: AreaUpdate): Promise<AreaDetail> {
  const before = await visibleArea(ctx, code);
  if (patch.geometry !== undefined) {
    const issues = checkPlacement({ code, level: before.level as AreaLevel, parentCode: before.parent_code ?? '', geometry: patch.geometry }, { code: before.parent_code ?? '', level: levelAbove(before.level) });
    const geometryIssues = issues.filter((i) => i.path.startsWith('geometry'));
    if (geometryIssues.length) throw invalid('The polygon is not usable', geometryIssues);
  }
  const box = patch.geometry ? bbox(patch.geometry) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateArea(trx, code, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.geometry !== undefined
        ? { geometry: patch.geometry ? JSON.stringify(patch.geometry) : null, min_lon: box?.[0] ?? null, min_lat: box?.[1] ?? null, max_lon: box?.[2] ?? null, max_lat: box?.[3] ?? null }
        : {}),
      updated_at: ctx.clock.now(),
    });
    await audit(trx, ctx, {
      action: 'area.update',
      entity: 'area',
      entityId: code,
      before: { name: before.name, geometry: patch.geometry !== undefined ? before.geometry : undefined },
      after: patch,
    });
  });
  if (before.level === 'grid') locator.invalidate();
  return getArea(ctx, code);
}

function levelAbove(level: string): string {
  return AREA_LEVELS[AREA_LEVELS.indexOf(level as AreaLevel) - 1] ?? 'city';
}

/**
 * Imports a FeatureCollection of areas, all or nothing: parents first (from the database or
 * earlier in the same file), existing codes updated (name, polygon), new codes created.
 */
export async function importAreas(ctx: Ctx, locator: GridLocator, input: AreaImport): Promise<{ created: number; updated: number }> {
  const actor = requireActor(ctx.actor);
  const features = input.features.map((f, i) => ({ ...f.properties, geometry: f.geometry, at: `features.${i}.` }));
  const known = new Map<string, { code: string; level: string; path: string; depth: number }>();
  const codes = [...new Set(features.flatMap((f) => [f.code, f.parentCode]))];
  for (let i = 0; i < codes.length; i += 1000) {
    for (const r of await repo.findAreas(ctx.db, codes.slice(i, i + 1000))) {
      if (inScope(actor, r.path)) known.set(r.code, { ...r, depth: r.path.split('.').length - 1 });
    }
  }
  const existing = new Set(known.keys());
  const sorted = [...features].sort((a, b) => AREA_LEVELS.indexOf(a.level) - AREA_LEVELS.indexOf(b.level));
  const issues: ErrorDetail[] = [];
  const creates: ReturnType<typeof newAreaRow>[] = [];
  const updates: ReturnType<typeof newAreaRow>[] = [];
  const seen = new Set<string>();
  const now = ctx.clock.now();
  for (const f of sorted) {
    if (seen.has(f.code)) {
      issues.push({ path: `${f.at}properties.code`, message: `code ${f.code} appears twice in the file` });
      continue;
    }
    seen.add(f.code);
    const parent = known.get(f.parentCode);
    const found = checkPlacement(f, parent, `${f.at}properties.`).map((d) => ({ ...d, path: d.path.replace(`${f.at}properties.geometry`, `${f.at}geometry`) }));
    if (found.length || !parent) {
      issues.push(...found);
      continue;
    }
    const row = newAreaRow(f, parent, now);
    known.set(f.code, { code: f.code, level: f.level, path: row.path, depth: row.depth });
    (existing.has(f.code) ? updates : creates).push(row);
  }
  if (issues.length) throw invalid(`${issues.length} problem(s) in the file; nothing was imported`, issues.slice(0, 100));
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertAreas(trx, creates);
    for (const u of updates) {
      await repo.updateArea(trx, u.code, { name: u.name, geometry: u.geometry, min_lon: u.min_lon, min_lat: u.min_lat, max_lon: u.max_lon, max_lat: u.max_lat, updated_at: now });
    }
    const event = (action: string) => (r: (typeof creates)[number]) => ({
      action,
      entity: 'area',
      entityId: r.code,
      after: { name: r.name, level: r.level, parentCode: r.parent_code },
    });
    await audit(trx, ctx, [...creates.map(event('area.import.create')), ...updates.map(event('area.import.update'))]);
  });
  locator.invalidate();
  return { created: creates.length, updated: updates.length };
}
