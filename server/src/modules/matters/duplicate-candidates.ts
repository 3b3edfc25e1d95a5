import { OPEN_STATES, type DuplicateCheckRequest, type DuplicateCheckResult, type DuplicateMatch, type MatterState } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/policy/actor.js';
import { requireActor } from '../../platform/policy/policy.js';
import { gridLocatorFor } from '../territory/grid-locator.js';
import { boundingBox, categoryFamily, DUPLICATE_DEFAULTS, scoreDuplicates } from './duplicates.js';
import { visibleMatters } from '../../platform/policy/matters-sql.js';
import { matterQuery } from './repository.js';
import { toListItem } from './view.js';

/** Open look-alikes read from the database before scoring: the newest within the window and the area. */
export const CANDIDATE_LIMIT = 200;
/** At most this many are shown. */
export const SHOWN = 10;
const DAY_MS = 86_400_000;

export interface DuplicateProbe {
  /** The matter itself when it exists already (triage): never its own duplicate. */
  id?: string;
  title: string;
  description: string;
  categoryCode: string | null;
  lon: number | null;
  lat: number | null;
  /** Grid or community code: with a point, the grid it lies in (matches others that lack one). */
  areaCode: string | null;
  createdAt: Date;
}

/** LIKE treats _ and % as wildcards; category codes contain _. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, '\\$&')}.%`;

/**
 * Open matters the actor can see that may be the same problem as `probe`, best first. SQL
 * narrows to the open states, the time window either side, the place (a bounding box around the
 * point, or the same grid) and the category family (or uncategorised); duplicates.ts scores.
 */
export async function findDuplicates(ctx: Ctx, actor: Actor, probe: DuplicateProbe): Promise<DuplicateMatch[]> {
  const hasPoint = probe.lon !== null && probe.lat !== null;
  if (!hasPoint && !probe.areaCode) return [];
  const window = DUPLICATE_DEFAULTS.maxDays * DAY_MS;
  let query = matterQuery(ctx.db)
    .where(visibleMatters(actor))
    .where('m.state', 'in', [...OPEN_STATES])
    .where('m.created_at', '>=', new Date(probe.createdAt.getTime() - window))
    .where('m.created_at', '<=', new Date(probe.createdAt.getTime() + window));
  if (probe.id) query = query.where('m.id', '!=', probe.id);
  if (probe.categoryCode) {
    const family = categoryFamily(probe.categoryCode);
    query = query.where((eb) => eb.or([eb('m.category_code', 'is', null), eb('m.category_code', '=', family), eb('m.category_code', 'like', likePrefix(family))]));
  }
  if (hasPoint) {
    const box = boundingBox(probe.lon!, probe.lat!, DUPLICATE_DEFAULTS.maxMeters);
    const area = probe.areaCode;
    query = query.where((eb) => {
      const inBox = eb.and([eb('m.lon', '>=', box.minLon), eb('m.lon', '<=', box.maxLon), eb('m.lat', '>=', box.minLat), eb('m.lat', '<=', box.maxLat)]);
      // Others without a point in the same grid still count (scored as near, distance unknown).
      return area ? eb.or([inBox, eb('m.area_code', '=', area)]) : inBox;
    });
  } else {
    query = query.where('m.area_code', '=', probe.areaCode!);
  }
  const rows = await query.orderBy('m.created_at', 'desc').limit(CANDIDATE_LIMIT).execute();
  const scored = scoreDuplicates(
    { id: probe.id, text: `${probe.title}\n${probe.description}`, categoryCode: probe.categoryCode, lon: probe.lon, lat: probe.lat, areaCode: probe.areaCode, createdAt: probe.createdAt },
    rows.map((r) => ({
      ...r,
      text: `${r.title}\n${r.description}`,
      categoryCode: r.category_code,
      areaCode: r.area_code,
      createdAt: new Date(r.created_at),
      state: r.state as MatterState,
    })),
  );
  return scored.slice(0, SHOWN).map((d) => ({
    ...toListItem(d.matter),
    distanceMeters: d.distanceMeters === null ? null : Math.round(d.distanceMeters),
    similarity: Math.round(d.similarity * 100) / 100,
    score: Math.round(d.score * 100) / 100,
    reasons: d.reasons,
  }));
}

/**
 * 可能重复 while a report is being written (the intake form): the same search for a matter that
 * does not exist yet, at the current time. Only matters the writer may see are considered, so a
 * citizen is shown at most their own earlier reports.
 */
export async function checkDuplicates(ctx: Ctx, input: DuplicateCheckRequest): Promise<DuplicateCheckResult> {
  const actor = requireActor(ctx.actor);
  if (!input.title.trim() && !input.description.trim()) return { candidates: [] };
  const hasPoint = input.lon !== undefined && input.lat !== undefined;
  const areaCode = (hasPoint ? await gridLocatorFor(ctx.db).resolve(input.lon!, input.lat!) : null) ?? input.areaCode ?? null;
  const candidates = await findDuplicates(ctx, actor, {
    title: input.title,
    description: input.description,
    categoryCode: input.categoryCode ?? null,
    lon: input.lon ?? null,
    lat: input.lat ?? null,
    areaCode,
    createdAt: ctx.clock.now(),
  });
  return { candidates };
}
