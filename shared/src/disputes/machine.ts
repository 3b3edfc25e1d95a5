import type { DisputeState } from './codes.js';

/**
 * The dispute case lifecycle as data: one row per action. The server enforces it (an atomic
 * UPDATE … WHERE id = $1 AND state IN from), the web offers exactly the actions the server says
 * are allowed. `to: 'same'` keeps the state (a session, a performance record, a chain step).
 *
 * `by` names who may act, as relations to the case (decided by the server's policy module):
 * - manager: staff of the case's current level (the 网格, 村/社区, 镇/街道 or 区 whose area the
 *   case sits at), and the city's command centre
 * - mediator: a mediator assigned to the case, or a member of the studio/committee assigned
 * - system: the scheduler (no person holds it; its actions are in DISPUTE_SYSTEM_TRANSITIONS)
 */
export type DisputeRelation = 'manager' | 'mediator' | 'system';

export interface DisputeTransition {
  from: readonly DisputeState[];
  to: DisputeState | 'same';
  by: readonly DisputeRelation[];
  /** A written reason is required. */
  needsNote?: boolean;
}

const OPEN: DisputeState[] = ['registered', 'mediating'];
const ENDED_MEDIATION: DisputeState[] = ['settled', 'failed', 'closed'];

export const DISPUTE_TRANSITIONS = {
  assign: { from: OPEN, to: 'mediating', by: ['manager'] }, // 指派调解员 / 工作室
  schedule_session: { from: ['mediating'], to: 'same', by: ['mediator', 'manager'] }, // 安排调解
  record_session: { from: ['mediating'], to: 'same', by: ['mediator', 'manager'] }, // 调解笔录
  assess_risk: { from: OPEN, to: 'same', by: ['mediator', 'manager'], needsNote: true }, // 风险研判
  settle: { from: ['mediating'], to: 'settled', by: ['mediator'] }, // 调解成功 (协议)
  fail: { from: ['mediating'], to: 'failed', by: ['mediator'], needsNote: true }, // 调解不成
  withdraw: { from: OPEN, to: 'withdrawn', by: ['mediator', 'manager'], needsNote: true }, // 撤回
  terminate: { from: OPEN, to: 'terminated', by: ['mediator', 'manager'], needsNote: true }, // 终止
  escalate: { from: OPEN, to: 'registered', by: ['manager', 'mediator'], needsNote: true }, // 上报 (超出本级能力)
  record_performance: { from: ['settled'], to: 'same', by: ['mediator', 'manager'] }, // 履行登记
  generate_agreement: { from: ['settled', 'closed'], to: 'same', by: ['mediator', 'manager'] }, // 生成调解协议书
  close: { from: ['settled'], to: 'closed', by: ['mediator', 'manager'] }, // 履行完毕, 结案
  add_chain_step: { from: ENDED_MEDIATION, to: 'same', by: ['mediator', 'manager'] }, // 司法确认 / 诉前调解 / 诉讼
  record_chain_result: { from: ENDED_MEDIATION, to: 'same', by: ['mediator', 'manager'] },
} as const satisfies Record<string, DisputeTransition>;

export type DisputeAction = keyof typeof DISPUTE_TRANSITIONS;
export const DISPUTE_ACTIONS = Object.keys(DISPUTE_TRANSITIONS) as DisputeAction[];

/**
 * What the clock does by itself, in the same form, applied through the same guarded UPDATE,
 * timeline and audit as people's steps. Their names are the timeline events.
 */
export const DISPUTE_SYSTEM_TRANSITIONS = {
  overdue_escalated: { from: OPEN, to: 'registered', by: ['system'] }, // past the level's time limit: up one level
  overdue_warned: { from: OPEN, to: 'same', by: ['system'] }, // past the limit at the top level: the command centre is told
} as const satisfies Record<string, DisputeTransition & { by: readonly ['system'] }>;

export type DisputeSystemAction = keyof typeof DISPUTE_SYSTEM_TRANSITIONS;

export function disputeActionsFrom(state: DisputeState): DisputeAction[] {
  return DISPUTE_ACTIONS.filter((a) => (DISPUTE_TRANSITIONS[a].from as readonly DisputeState[]).includes(state));
}

/** Events that are not user actions but still appear on the timeline. */
export const DISPUTE_EVENTS = ['created', 'overdue_escalated', 'overdue_warned', 'alerted', 'performance_overdue', 'meeting_decision'] as const; // meeting_decision: a 联席会 decided on the case
export type DisputeEvent = (typeof DISPUTE_EVENTS)[number];

/**
 * The chain after mediation (纠纷调处 → 司法确认 → 诉讼引调/诉前调解 → 诉讼), one recorded step at a
 * time. A step may start as the first one when the case is in one of the states `first`, or after
 * the last step when that ended with one of the results listed under `after`. Each step has its
 * own results.
 */
export const CHAIN_STEP_KINDS = ['judicial_confirmation', 'pre_litigation_mediation', 'litigation'] as const; // 司法确认 / 诉讼引调·诉前调解 / 诉讼
export type ChainStepKind = (typeof CHAIN_STEP_KINDS)[number];

interface ChainRule {
  first: readonly DisputeState[];
  after: Partial<Record<ChainStepKind, readonly string[]>>;
  results: readonly string[];
}

export const CHAIN_STEPS: Record<ChainStepKind, ChainRule> = {
  judicial_confirmation: { first: ['settled', 'closed'], after: {}, results: ['confirmed', 'rejected'] }, // 确认有效 / 驳回
  pre_litigation_mediation: { first: ['failed'], after: { judicial_confirmation: ['rejected'] }, results: ['settled', 'failed'] },
  litigation: { first: ['failed'], after: { judicial_confirmation: ['rejected'], pre_litigation_mediation: ['failed'] }, results: ['judged', 'settled', 'withdrawn'] }, // 判决 / 诉中调解 / 撤诉
};

export const CHAIN_RESULTS = ['confirmed', 'rejected', 'settled', 'failed', 'judged', 'withdrawn'] as const;
export type ChainResult = (typeof CHAIN_RESULTS)[number];

/**
 * Why a chain step may not start now, or null when it may. `last` is the latest step so far
 * (its result null while it is pending).
 */
export function chainStepRefusal(kind: ChainStepKind, state: DisputeState, last: { kind: ChainStepKind; result: string | null } | null): string | null {
  const rule = CHAIN_STEPS[kind];
  if (!last) return rule.first.includes(state) ? null : `${kind} cannot start on a ${state} case (it may start on ${rule.first.join(', ')})`;
  if (last.result === null) return `the ${last.kind} step has no result yet`;
  const allowed = rule.after[last.kind];
  return allowed?.includes(last.result) ? null : `${kind} cannot follow ${last.kind} ended ${last.result}`;
}
