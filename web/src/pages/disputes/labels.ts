import {
  DISPUTE_TRANSITIONS,
  type ChainResult,
  type ChainStepKind,
  type DISPUTE_QUEUES,
  type DisputeAction,
  type DisputeEvent,
  type DisputeLevel,
  type DisputeRiskLevel,
  type DisputeSource,
  type DisputeState,
  type DisputeType,
  type EscalationReason,
  type FailedPath,
  type MediationType,
  type PartyKind,
  type PartyRole,
} from '@fengqiao/shared';
import type { MessageKey } from '../../i18n';

// Dispute code-table labels. The template-literal types make TypeScript check that every code
// of @fengqiao/shared/disputes has a key in web/src/i18n/disputes-*.ts.
export type DisputeQueue = (typeof DISPUTE_QUEUES)[number];

export const dSourceKey = (s: DisputeSource): MessageKey => `dsource.${s}`;
export const dTypeKey = (s: DisputeType): MessageKey => `dtype.${s}`;
export const dRiskKey = (s: DisputeRiskLevel): MessageKey => `drisk.${s}`;
export const dLevelKey = (s: DisputeLevel): MessageKey => `dlevel.${s}`;
export const dStateKey = (s: DisputeState): MessageKey => `dstate.${s}`;
export const dMediationKey = (s: MediationType): MessageKey => `dmtype.${s}`;
export const dPathKey = (s: FailedPath): MessageKey => `dpath.${s}`;
export const dChainKey = (s: ChainStepKind): MessageKey => `dchain.${s}`;
export const dResultKey = (s: ChainResult): MessageKey => `dresult.${s}`;
export const dQueueKey = (s: DisputeQueue): MessageKey => `dqueue.${s}`;
export const dRoleKey = (s: PartyRole): MessageKey => `drole.${s}`;
export const dKindKey = (s: PartyKind): MessageKey => `dkind.${s}`;
export const dReasonKey = (s: EscalationReason): MessageKey => `dreason.${s}`;
export const dActionKey = (a: DisputeAction): MessageKey => `dact.${a}`;
/** Timeline entries: a user action or an event (scheduler, alerts, 联席会 decisions). */
export const dTimelineKey = (a: DisputeAction | DisputeEvent): MessageKey =>
  (a as string) in DISPUTE_TRANSITIONS ? `dact.${a as DisputeAction}` : `devent.${a as DisputeEvent}`;
