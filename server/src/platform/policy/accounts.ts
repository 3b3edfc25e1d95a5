import type { Role } from '@fengqiao/shared';
import type { Actor } from './actor.js';

/** Rules on accounts themselves rather than on records. */

/** The citizen profile (name, masked phone, follows) belongs to citizen accounts; staff accounts have none. */
export function hasCitizenProfile(actor: Actor): boolean {
  return actor.roles.includes('citizen');
}

/**
 * Changes to one's own account that would lock one out: disabling it, or an administrator
 * dropping their own admin role (nobody could then give it back to them).
 */
export function locksSelfOut(actor: Actor, userId: string, patch: { disabled?: boolean; roles?: readonly Role[] }): boolean {
  if (userId !== actor.id) return false;
  return Boolean(patch.disabled) || (patch.roles !== undefined && !patch.roles.includes('admin') && actor.roles.includes('admin'));
}
