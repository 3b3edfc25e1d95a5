import { OPEN_STATES, type TriageSuggestion, type Urgency } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { canSeeMatter, matterRelations } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { boundingBox, DUPLICATE_DEFAULTS, rankDuplicates } from './duplicates.js';
import { factsOf, loadMatter, matterQuery, visibleTo } from './repository.js';
import { triageFor } from './triage-rules.js';
import { toListItem } from './view.js';

/**
 * 三定 help for the dispatcher who owns a matter: the unit the routing rules suggest and why,
 * the deadlines the category and urgency give, and open look-alikes nearby to merge (并单).
 */
export async function suggestTriage(ctx: Ctx, id: string, q: { categoryCode?: string | undefined; urgency?: Urgency | undefined }): Promise<TriageSuggestion> {
  const actor = requireActor(ctx.actor);
  const loaded = await loadMatter(ctx.db, id);
  const facts = loaded ? factsOf(loaded.matter, loaded.units) : null;
  if (!loaded || !facts || !canSeeMatter(actor, facts)) throw new AppError('NOT_FOUND', 'Matter not found');
  if (!matterRelations(actor, facts).has('owner_dispatcher')) throw new AppError('FORBIDDEN', 'Only the dispatchers of the owning centre triage a matter');
  const m = loaded.matter;
  const categoryCode = q.categoryCode ?? m.category_code;
  const now = ctx.clock.now();
  const outcome = await triageFor(ctx.db, now, categoryCode, q.urgency ?? (m.urgency as Urgency), m.area_path);

  let duplicates: TriageSuggestion['duplicates'] = [];
  if (categoryCode) {
    const since = new Date(new Date(m.created_at).getTime() - DUPLICATE_DEFAULTS.maxDays * 86_400_000);
    let query = matterQuery(ctx.db)
      .where(visibleTo(actor))
      .where('m.category_code', '=', categoryCode)
      .where('m.state', 'in', [...OPEN_STATES])
      .where('m.created_at', '>=', since)
      .where('m.id', '!=', m.id);
    if (m.lon !== null && m.lat !== null) {
      const box = boundingBox(m.lon, m.lat, DUPLICATE_DEFAULTS.maxMeters);
      query = query.where((eb) =>
        eb.or([
          eb.and([eb('m.lon', '>=', box.minLon), eb('m.lon', '<=', box.maxLon), eb('m.lat', '>=', box.minLat), eb('m.lat', '<=', box.maxLat)]),
          eb('m.area_code', '=', m.area_code),
        ]),
      );
    } else {
      query = query.where('m.area_code', '=', m.area_code);
    }
    const rows = await query.limit(200).execute();
    const ranked = rankDuplicates(
      { id: m.id, categoryCode, lon: m.lon, lat: m.lat, areaCode: m.area_code, createdAt: new Date(m.created_at) },
      rows.map((r) => ({ ...r, categoryCode: r.category_code, areaCode: r.area_code, createdAt: new Date(r.created_at), state: r.state as (typeof OPEN_STATES)[number] })),
    );
    duplicates = ranked.slice(0, 10).map((d) => ({ ...toListItem(d.matter), distanceMeters: d.distanceMeters === null ? null : Math.round(d.distanceMeters) }));
  }
  return {
    categoryCode,
    unit: outcome.suggestedUnit,
    routing: outcome.routing,
    acceptDueAt: outcome.acceptDueAt.toISOString(),
    dueAt: outcome.dueAt.toISOString(),
    duplicates,
  };
}
