import { type TriageSuggestion, type Urgency } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { canSeeMatter, matterRelations } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { findDuplicates } from './duplicate-candidates.js';
import { factsOf, loadMatter } from './repository.js';
import { triageFor } from './triage-rules.js';

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

  // Look-alikes for 并单, also before the matter has a category (text and place still match).
  const duplicates = await findDuplicates(ctx, actor, {
    id: m.id,
    title: m.title,
    description: m.description,
    categoryCode: categoryCode ?? null,
    lon: m.lon,
    lat: m.lat,
    areaCode: m.area_code,
    createdAt: new Date(m.created_at),
  });
  return {
    categoryCode,
    unit: outcome.suggestedUnit,
    routing: outcome.routing,
    acceptDueAt: outcome.acceptDueAt.toISOString(),
    dueAt: outcome.dueAt.toISOString(),
    duplicates,
  };
}
