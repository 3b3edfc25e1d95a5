import type { Actor } from './actor.js';
import { matterRelations, type MatterFacts } from './matters.js';
import { inScope } from './policy.js';

/**
 * Who moderates a public post (hide, redact, mark abuse, hide a photo): a dispatcher of the
 * centre that owns the matter, or a 指挥中心 operator whose scope covers it. The role must hold
 * matter.moderate too, so an administrator who sees the matter still may not.
 */
export function mayModerate(actor: Actor, m: MatterFacts): boolean {
  if (!actor.permissions.has('matter.moderate')) return false;
  if (matterRelations(actor, m).has('owner_dispatcher')) return true;
  return actor.roles.includes('command_operator') && inScope(actor, m.areaPath);
}
