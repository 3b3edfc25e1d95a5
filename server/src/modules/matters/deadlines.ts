import type { Urgency } from '@fengqiao/shared';
import { addWorkingDays, addWorkingHours, type CalendarOverrides } from './calendar/working-time.js';
import { parentCode } from './catalogue.js';

// 定时限: a matter's clocks come from the deadline rule for its category and urgency. Rules are
// admin-maintained rows; the most specific one wins so an admin can tighten one category
// (e.g. gas leaks) without restating the defaults for everything else.

export interface DeadlineRuleLike {
  categoryCode: string | null;
  urgency: Urgency;
  /** 签收 within this many working hours of dispatch. */
  acceptHours: number;
  /** 办结 by the end of this many working days after intake (the day of intake does not count). */
  handleDays: number;
}

/** Which row decided: the exact category, its first-level parent, or the default (categoryCode null). */
export type DeadlineMatch = 'category' | 'parent' | 'default';

/**
 * The rule for a category and urgency: exact code first, then its first-level parent, then the
 * default row. A matter not yet categorised (null) gets the default. Null when not even a default
 * exists for that urgency, which the seed prevents and the admin UI should too.
 */
export function resolveDeadlineRule<R extends DeadlineRuleLike>(
  rules: readonly R[],
  categoryCode: string | null,
  urgency: Urgency,
): { rule: R; matched: DeadlineMatch } | null {
  const forUrgency = rules.filter((r) => r.urgency === urgency);
  const find = (code: string | null) => forUrgency.find((r) => r.categoryCode === code);
  if (categoryCode !== null) {
    const exact = find(categoryCode);
    if (exact) return { rule: exact, matched: 'category' };
    const parent = parentCode(categoryCode);
    const byParent = parent === null ? undefined : find(parent);
    if (byParent) return { rule: byParent, matched: 'parent' };
  }
  const fallback = find(null);
  return fallback ? { rule: fallback, matched: 'default' } : null;
}

/** 签收 and 办结 deadlines of a rule from a start (dispatch for 签收, intake for 办结, as the caller decides). */
export function deadlinesFor(
  rule: Pick<DeadlineRuleLike, 'acceptHours' | 'handleDays'>,
  start: Date,
  overrides: CalendarOverrides,
): { acceptDueAt: Date; dueAt: Date } {
  return { acceptDueAt: addWorkingHours(start, rule.acceptHours, overrides), dueAt: addWorkingDays(start, rule.handleDays, overrides) };
}

const row = (categoryCode: string | null, urgency: Urgency, acceptHours: number, handleDays: number): DeadlineRuleLike => ({
  categoryCode,
  urgency,
  acceptHours,
  handleDays,
});

/**
 * Seed rules. Defaults follow common 12345 practice (一般 4 h 签收 / 5 working days 办结, 紧急 2 h / 3 d,
 * 特急 1 h / 1 d). Category rows where the default is too slow for the harm (gas, fire, 危房, a
 * broken 井盖 people fall into) or where rules of the trade set a tighter limit (欠薪 is handled in
 * 3 days), and one where it is too tight (土地纠纷 need surveys and village meetings).
 */
export const DEFAULT_DEADLINE_RULES: readonly DeadlineRuleLike[] = [
  row(null, 'normal', 4, 5),
  row(null, 'urgent', 2, 3),
  row(null, 'critical', 1, 1),
  // 安全隐患 as a whole: 签收 within 2 h, settled within 3 days even when reported as 一般.
  row('safety', 'normal', 2, 3),
  row('safety', 'urgent', 1, 2),
  row('safety.gas', 'normal', 1, 1),
  row('safety.gas', 'urgent', 1, 1),
  row('safety.fire', 'normal', 1, 2),
  row('public_facility.gas_pipe', 'normal', 1, 1),
  row('public_facility.gas_pipe', 'urgent', 1, 1),
  row('public_facility.manhole', 'normal', 2, 1),
  row('labor.wage_arrears', 'normal', 4, 3),
  row('labor.wage_arrears', 'urgent', 2, 2),
  row('dispute.land', 'normal', 4, 10),
];
