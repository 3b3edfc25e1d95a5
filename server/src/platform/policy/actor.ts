import type { Action, Role } from '@fengqiao/shared';

/** The authenticated person behind a request, with their area scope resolved to a tree path. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
  scopeAreaCode: string;
  /** Dot-joined area codes from the root to the scope area (areas.path). */
  scopePath: string;
  permissions: ReadonlySet<Action>;
  /** Set when an Open311 API key reports (modules/open311): no person, no roles, only the open311 channel. */
  apiKeyId?: string;
}
