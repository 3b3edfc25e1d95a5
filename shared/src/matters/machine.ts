import type { MatterState } from './codes.js';

/**
 * The matter lifecycle as data: one row per action. The server enforces it (an atomic
 * UPDATE … WHERE state = from), the web shows exactly the actions the server says are allowed.
 *
 * `to: 'same'` keeps the state (a side action such as 督办 or 延期申请); `to: 'decided'` means the
 * service picks the target from the input (评价: 不满意 reopens or escalates).
 *
 * `by` names who may act, as relations to the matter (decided by the server's policy module):
 * - owner_dispatcher: a dispatcher of the 综治中心 that currently owns the matter, or a dispatcher whose scope covers it
 * - assigned_unit: a handler or leader of the unit the matter is dispatched to
 * - assisting_unit / summoned_unit: a unit asked to 协办 or summoned by 吹哨
 * - grid_worker: a grid worker (or grid leader) whose scope covers the matter's grid
 * - reporter: the person who reported it
 * - leader: a leader whose scope covers it (包案领导, 部门领导, command centre)
 * - system: the scheduler (no person holds it; its actions are in MATTER_SYSTEM_TRANSITIONS)
 */
export type MatterRelation =
  | 'owner_dispatcher'
  | 'assigned_unit'
  | 'assisting_unit'
  | 'summoned_unit'
  | 'grid_worker'
  | 'reporter'
  | 'leader'
  | 'system';

export interface MatterTransition {
  from: readonly MatterState[];
  to: MatterState | 'same' | 'decided';
  by: readonly MatterRelation[];
  /** A written reason is required (退单, 作废, 撤回, 核查不通过 …). */
  needsNote?: boolean;
}

const OPEN_BEFORE_REPLY: MatterState[] = ['pending_triage', 'dispatched', 'handling'];
const OPEN: MatterState[] = ['pending_triage', 'dispatched', 'handling', 'replied', 'closed'];

export const MATTER_TRANSITIONS = {
  dispatch: { from: ['pending_triage'], to: 'dispatched', by: ['owner_dispatcher'] }, // 三定 + 派遣
  accept: { from: ['dispatched'], to: 'handling', by: ['assigned_unit'] }, // 签收
  return: { from: ['dispatched'], to: 'pending_triage', by: ['assigned_unit'], needsNote: true }, // 退单
  transfer: { from: ['dispatched', 'handling'], to: 'dispatched', by: ['owner_dispatcher'], needsNote: true }, // 转办
  request_extension: { from: ['handling'], to: 'same', by: ['assigned_unit'], needsNote: true }, // 延期申请
  decide_extension: { from: ['handling'], to: 'same', by: ['owner_dispatcher'] }, // 延期审批
  escalate: { from: ['pending_triage', 'handling'], to: 'pending_triage', by: ['owner_dispatcher', 'assigned_unit'], needsNote: true }, // 上报
  add_assist: { from: ['handling'], to: 'same', by: ['owner_dispatcher', 'assigned_unit'] }, // 协办
  summon: { from: OPEN_BEFORE_REPLY, to: 'same', by: ['owner_dispatcher'] }, // 街乡吹哨
  report_in: { from: OPEN_BEFORE_REPLY, to: 'same', by: ['summoned_unit'] }, // 部门报到
  reply: { from: ['handling'], to: 'replied', by: ['assigned_unit'], needsNote: true }, // 反馈
  verify_pass: { from: ['replied'], to: 'closed', by: ['grid_worker', 'owner_dispatcher'] }, // 核查通过 → 结案
  verify_fail: { from: ['replied'], to: 'handling', by: ['grid_worker', 'owner_dispatcher'], needsNote: true }, // 核查不通过
  rate: { from: ['closed'], to: 'decided', by: ['reporter', 'owner_dispatcher'] }, // 评价 (dispatcher: 回访 on the reporter's behalf)
  supervise: { from: OPEN, to: 'same', by: ['leader'], needsNote: true }, // 督办
  void: { from: ['pending_triage', 'dispatched'], to: 'voided', by: ['owner_dispatcher'], needsNote: true }, // 作废
  withdraw: { from: OPEN_BEFORE_REPLY, to: 'withdrawn', by: ['reporter'], needsNote: true }, // 撤回
  merge: { from: ['pending_triage'], to: 'merged', by: ['owner_dispatcher'] }, // 并单
  comment: { from: OPEN, to: 'same', by: ['owner_dispatcher', 'assigned_unit', 'assisting_unit', 'grid_worker', 'leader'], needsNote: true }, // 备注
  follow_up: { from: [...OPEN, 'rated'], to: 'same', by: ['reporter'], needsNote: true }, // 追问/补充: the reporter adds to or asks about their matter
} as const satisfies Record<string, MatterTransition>;

export type MatterAction = keyof typeof MATTER_TRANSITIONS;
export const MATTER_ACTIONS = Object.keys(MATTER_TRANSITIONS) as MatterAction[];

/**
 * What the clock does by itself, in the same form: the scheduler applies these through the same
 * guarded UPDATE, timeline and audit as people's actions. Their names are the timeline events.
 */
export const MATTER_SYSTEM_TRANSITIONS = {
  warned: { from: OPEN_BEFORE_REPLY, to: 'same', by: ['system'] }, // 临期 (yellow)
  overdue_escalated: { from: OPEN_BEFORE_REPLY, to: 'same', by: ['system'] }, // 超期: red, and the owner moves one 综治中心 up
  auto_rated: { from: ['closed'], to: 'rated', by: ['system'] }, // 默认满意 after RATING_DAYS unrated
} as const satisfies Record<string, MatterTransition & { by: readonly ['system'] }>;

export type MatterSystemAction = keyof typeof MATTER_SYSTEM_TRANSITIONS;

/** Actions the table allows from a state, before asking who the actor is. */
export function actionsFrom(state: MatterState): MatterAction[] {
  return MATTER_ACTIONS.filter((a) => (MATTER_TRANSITIONS[a].from as readonly MatterState[]).includes(state));
}

/** Events that are not user actions but still appear on the timeline. */
export const MATTER_EVENTS = ['created', 'resolved_on_spot', 'auto_rated', 'reopened', 'overdue_escalated', 'warned', 'merged_in', 'extension_approved', 'extension_rejected'] as const;
export type MatterEvent = (typeof MATTER_EVENTS)[number];
