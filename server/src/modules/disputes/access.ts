import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy/actor.js';
import { canSeeDispute, mayReadAreaFigures } from '../../platform/policy/disputes.js';
import { requireActor } from '../../platform/policy/policy.js';
import { areaOrNotFound } from '../territory/public.js';
import { factsOf, loadCase, type LoadedCase } from './repository.js';

/** A case the actor may see, or the same 404 as a missing one. */
export async function visibleCase(ctx: Ctx, id: string): Promise<{ actor: Actor; loaded: LoadedCase }> {
  const actor = requireActor(ctx.actor);
  const loaded = await loadCase(ctx.db, id);
  if (!loaded || !canSeeDispute(actor, factsOf(loaded))) throw new AppError('NOT_FOUND', 'Dispute case not found');
  return { actor, loaded };
}

/** The area whose figures are asked for (default: the caller's scope), if the caller may read them; otherwise the same 404 as a missing one. */
export async function figuresArea(ctx: Ctx, code: string | undefined) {
  const actor = requireActor(ctx.actor);
  return areaOrNotFound(ctx.db, code ?? actor.scopeAreaCode, { visible: (p) => mayReadAreaFigures(actor, p) });
}
