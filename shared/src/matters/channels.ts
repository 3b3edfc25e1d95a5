import type { Role } from '../codes.js';
import { MATTER_CHANNELS, type MatterChannel } from './codes.js';

/**
 * Who may report through which channel: citizens online, grid staff on patrol, centres for the
 * hotline, walk-ins and referrals. The server enforces it; the report form offers only these.
 */
export const CHANNEL_ROLES: Record<MatterChannel, readonly Role[]> = {
  citizen_online: ['citizen'],
  grid_report: ['grid_worker', 'grid_leader', 'building_leader', 'community_staff'],
  hotline_12345: ['dispatcher', 'command_operator'],
  walk_in: ['dispatcher', 'command_operator', 'community_staff', 'mediator'],
  referral: ['dispatcher', 'command_operator'],
  // Reported by third-party apps with an API key (modules/open311), not by anyone logged in.
  open311: [],
};

export function channelsFor(roles: readonly Role[]): MatterChannel[] {
  // Admins may use every channel a person reports through (not open311, which no role has).
  if (roles.includes('admin')) return MATTER_CHANNELS.filter((c) => CHANNEL_ROLES[c].length > 0);
  return MATTER_CHANNELS.filter((c) => CHANNEL_ROLES[c].some((r) => roles.includes(r)));
}
