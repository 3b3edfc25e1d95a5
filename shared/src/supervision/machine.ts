import type { SupervisionState } from '../schemas/supervision.js';

/**
 * The 监督举报 lifecycle as data, in the same form as matters' and disputes' tables: the server
 * enforces it with one `UPDATE … WHERE id = $1 AND state IN from`.
 *
 * `by` names who may act, as relations to the report (decided by the server's policy module):
 * - handler: the 指挥中心 whose scope covers the report (never the unit it is about)
 */
export type SupervisionRelation = 'handler';

export interface SupervisionTransition {
  from: readonly SupervisionState[];
  to: SupervisionState;
  by: readonly SupervisionRelation[];
  /** A written reason is required (the acceptance note, the conclusion). */
  needsNote?: boolean;
}

export const SUPERVISION_TRANSITIONS = {
  accept: { from: ['open'], to: 'accepted', by: ['handler'], needsNote: true }, // 受理
  close: { from: ['open', 'accepted'], to: 'closed', by: ['handler'], needsNote: true }, // 办结 (the note is the conclusion)
} as const satisfies Record<string, SupervisionTransition>;

export type SupervisionAction = keyof typeof SUPERVISION_TRANSITIONS;
export const SUPERVISION_ACTIONS = Object.keys(SUPERVISION_TRANSITIONS) as [SupervisionAction, ...SupervisionAction[]];
